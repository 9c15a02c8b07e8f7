/**
 * What an app code change changed: the same events run against the code before and after the
 * change, compared at the step on screen and at the outcome. The outcome is the run's end with
 * time left to go on until nothing more is due (a watchdog kill 30 s after the last event is
 * part of what the change did). Each run is recorded once; moving the cursor only reads it.
 */
import { createSimulation } from '../sim/index.ts';
import type {
  AppCode,
  LaunchReason,
  LogEntry,
  ScenarioEvent,
  Summary,
  TerminationReason,
} from '../sim/index.ts';
import { formatMs } from './controls.ts';
import { entriesOfStep, list } from './explain-step.ts';
import { LAUNCH_WORDS, TERMINATION_WORDS, glossed } from './plain-words.ts';

/** One run as the comparison reads it. */
export interface RunRecord {
  /** The log of the run's events. */
  log: readonly LogEntry[];
  /** Virtual time after the first `i` events, for every `i` from 0 to the end. */
  timesMs: readonly number[];
  /** The summary once the run's events are done and nothing more is due. */
  outcome: Summary;
}

/** The run at the step before `cursor`: its log entries and when it began and ended. */
interface StepRecord {
  step: readonly LogEntry[];
  fromMs: number;
  atMs: number;
  outcome: Summary;
}

/** How far the outcome looks past the last event: a few due things, within an hour. */
const LOOK_AHEAD_STEPS = 8;
const LOOK_AHEAD_MS = 60 * 60 * 1000;

/** Runs `events` against `app` (with the run's `seed`) and records it for `whatChanged`. */
export function recordRun(
  app: Partial<AppCode>,
  events: readonly ScenarioEvent[],
  seed?: number,
): RunRecord {
  const sim = createSimulation(app, { seed });
  // Only clock.advance moves time, so the time after each event needs no view of the phone.
  const timesMs = [0];
  for (const event of events) {
    const result = sim.send(event);
    const moved = result.accepted && event.type === 'clock.advance' ? event.ms : 0;
    timesMs.push(timesMs.at(-1)! + moved);
  }
  const log = sim.log().slice();
  const endMs = timesMs.at(-1)!;
  for (let i = 0; i < LOOK_AHEAD_STEPS; i++) {
    const next = sim.view().nextDueInMs;
    if (next === null || sim.view().timeMs + next - endMs > LOOK_AHEAD_MS) break;
    sim.send({ type: 'clock.advance', ms: Math.max(1, next) });
  }
  return { log, timesMs, outcome: sim.summary() };
}

function atStep(run: RunRecord, cursor: number): StepRecord {
  return {
    step: entriesOfStep(run.log, cursor - 1),
    fromMs: run.timesMs[Math.max(0, cursor - 1)] ?? 0,
    atMs: run.timesMs[cursor] ?? 0,
    outcome: run.outcome,
  };
}

/**
 * One sentence saying what differs between the run before a code change and the run after, at
 * the step before `cursor` and in the outcome.
 */
export function whatChanged(beforeRun: RunRecord, afterRun: RunRecord, cursor: number): string {
  const [before, after] = [atStep(beforeRun, cursor), atStep(afterRun, cursor)];
  const step = stepChanges(before.step, after.step);
  const now = [...step.said, ...outcomeChanges(before, after, step.gone)];
  if (now.length === 0)
    return 'What changed: nothing in this run; the same events end the same way.';
  return glossed(`What changed: ${now.join('; ')}.`);
}

/** What differs at the step on screen, and which callbacks it no longer runs. */
function stepChanges(
  before: readonly LogEntry[],
  after: readonly LogEntry[],
): { said: string[]; gone: string[] } {
  const lines = (log: readonly LogEntry[]) =>
    new Set(log.filter((e) => e.kind !== 'callback').map((e) => e.text));
  const calls = (log: readonly LogEntry[]) =>
    new Set(log.flatMap((e) => (e.callback ? [e.callback] : [])));
  const [linesBefore, linesAfter] = [lines(before), lines(after)];
  const [callsBefore, callsAfter] = [calls(before), calls(after)];
  const out: string[] = [];
  const added = [...linesAfter].filter((text) => !linesBefore.has(text));
  if (added.length) out.push(`at this step, ${added.map(clause).join('; ')}`);
  const gone = [...callsBefore].filter((name) => !callsAfter.has(name));
  if (gone.length) out.push(`${list(gone)} ${gone.length === 1 ? 'does' : 'do'} not run`);
  const extra = [...callsAfter].filter((name) => !callsBefore.has(name));
  if (extra.length) out.push(`${list(extra)} now ${extra.length === 1 ? 'runs' : 'run'}`);
  return { said: out, gone };
}

/** What differs in the outcome; `told` are callbacks already said not to run at this step. */
function outcomeChanges(before: StepRecord, after: StepRecord, told: readonly string[]): string[] {
  const [was, is] = [before.outcome, after.outcome];
  const out: string[] = [];
  // What happened during the step on screen is told by the step's own lines.
  const { fromMs, atMs } = after;
  const outsideStep = (l: { atMs: number }) =>
    !(l.atMs > fromMs ? l.atMs <= atMs : l.atMs === atMs && fromMs === atMs);
  const when = (ms: number) =>
    ms > atMs && after.step.length > 0
      ? `${formatMs(ms - atMs)} after this step`
      : `${formatMs(ms)} into the run`;
  for (const reason of Object.keys(TERMINATION_WORDS) as TerminationReason[]) {
    const [then, now] = [was, is].map((s) => s.app.terminations.filter((t) => t.reason === reason));
    for (const t of now!.slice(then!.length).filter(outsideStep)) {
      out.push(`${when(t.atMs)}, ${TERMINATION_WORDS[reason]}${t.code ? ` (${t.code})` : ''}`);
    }
    if (then!.length > now!.length) out.push(`no longer: ${TERMINATION_WORDS[reason]}`);
  }
  for (const reason of Object.keys(LAUNCH_WORDS) as LaunchReason[]) {
    const [then, now] = [was, is].map((s) => s.app.launches.filter((l) => l.reason === reason));
    for (const l of now!.slice(then!.length).filter(outsideStep))
      out.push(`${when(l.atMs)}, ${LAUNCH_WORDS[reason]}`);
    if (then!.length > now!.length) out.push(`no longer: ${LAUNCH_WORDS[reason]}`);
  }
  const [transfersWere, transfersAre] = [was, is].map((s) =>
    tally(s.transfers.map((t) => t.state)),
  );
  if (transfersWere !== transfersAre) {
    out.push(
      is.transfers.length
        ? `the transfers end ${transfersAre} (before: ${transfersWere})`
        : `no transfer is created (before: ${transfersWere})`,
    );
  }
  const heard = new Set(is.callbacks.map((c) => c.name));
  const never = [...new Set(was.callbacks.map((c) => c.name))].filter(
    (name) => !heard.has(name) && !told.includes(name),
  );
  if (never.length) out.push(`${list(never)} never ${never.length === 1 ? 'runs' : 'run'}`);
  if (was.app.state !== is.app.state) {
    out.push(`the app ends ${STATE_WORDS[is.app.state]} (before: ${STATE_WORDS[was.app.state]})`);
  }
  return out;
}

const STATE_WORDS: Record<Summary['app']['state'], string> = {
  notRunning: 'not running',
  inactive: 'inactive',
  active: 'active',
  background: 'in the background',
  suspended: 'suspended',
};

/** "3 completed" or "2 completed and 1 failed"; "none" for no transfers. */
function tally(states: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  return counts.size ? list([...counts].map(([state, n]) => `${n} ${state}`)) : 'none';
}

function clause(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`.replace(/\.$/, '');
}
