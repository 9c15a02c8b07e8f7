/**
 * The narration of one step, read from the log the inspection stream wrote: the event that
 * caused the step, then what each actor did because of it, in the order it happened. The
 * sentences are the machines' own (their transitions' descriptions and the notes their actions
 * leave); this module only orders them, groups the ones repeated per task ("each of upload-1
 * to upload-3") and puts plain words beside the raw values a reader cannot look up.
 */
import type { LogEntry, SimView } from '../sim/index.ts';
import { glossed } from './plain-words.ts';
import { firstIndex } from './first-index.ts';

/** A run of log entries that say the same thing about different tasks. */
interface Group {
  entries: LogEntry[];
  tasks: string[];
}

/**
 * Every log entry of the step `step` (the index of the event that caused it). The log is in step
 * order, so the step is found by halving, not by reading a long run's whole log on every step.
 */
export function entriesOfStep(log: readonly LogEntry[], step: number): LogEntry[] {
  const start = firstIndex(log.length, (i) => log[i]!.step < step);
  let end = start;
  while (end < log.length && log[end]!.step === step) end++;
  return log.slice(start, end);
}

/**
 * The narration of a step, given its log entries (the first is the event that caused it) and
 * the view after it: the cause first, then its consequences in order, one sentence each.
 */
export function explainStep(
  entries: readonly LogEntry[],
  after?: Pick<SimView, 'app' | 'transfers'>,
): string {
  const [cause, ...rest] = entries;
  if (!cause) return '';
  if (cause.kind === 'refused') return cause.text;
  const sentences: Sentence[] = [];
  const consequences = rest.filter((entry) => entry.kind !== 'event' || entry.lane === 'app');
  // With nothing changing state, what the daemons note is all there is to tell.
  const told = consequences.some((entry) => entry.kind === 'state') ? consequences : rest;
  // A first consequence that opens with the event's own words says it again, more precisely
  // ("A silent push arrives: the service wakes or launches the app for it").
  const restated = told[0]?.text.startsWith(cause.text.replace(/\.$/, '')) === true;
  if (!restated) sentences.push({ text: cause.text });
  for (const group of groupByTask(inCallOrder(told))) {
    const sentence = callbackSentence(group) ?? { text: sentenceOf(group) };
    if (!sentences.some((said) => said.text === sentence.text)) sentences.push(sentence);
  }
  const carryOn = after ? carriedOn(told, after) : null;
  if (carryOn) sentences.push({ text: carryOn });
  return glossed(mergeCalls(sentences).join(' '));
}

/**
 * When the app stops running code, a reader wonders what became of its transfers: the ones
 * still running are in the transfer daemon's hands (a default session's would be waiting).
 */
function carriedOn(
  entries: readonly LogEntry[],
  after: Pick<SimView, 'app' | 'transfers'>,
): string | null {
  const stopped = after.app.state === 'suspended' || after.app.state === 'notRunning';
  const stops = entries.some(
    (e) =>
      e.transition?.machine === 'app' &&
      (e.transition.target === 'notRunning' || e.transition.target.endsWith('suspended')),
  );
  const running = after.transfers.filter((t) => t.state === 'running').map((t) => t.id);
  if (!stopped || !stops || running.length === 0) return null;
  const who = running.length === 1 ? running[0]! : `Each of ${taskRange(running)}`;
  return `${who} carries on in the transfer daemon (nsurlsessiond), outside the app’s process.`;
}

/** A sentence of the narration; `call` when it only says a callback ran, to list with others. */
interface Sentence {
  text: string;
  call?: string;
}

/**
 * The app's state changes are logged after the callbacks that run inside them (XState reports
 * a microstep once its actions have run); the narration tells the change first, then its code.
 */
function inCallOrder(entries: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let held: LogEntry[] = [];
  for (const entry of entries) {
    const sameMoment = held.length === 0 || held[0]!.atMs === entry.atMs;
    if (entry.lane === 'app' && entry.kind !== 'state' && sameMoment) held.push(entry);
    else if (entry.lane === 'app' && entry.kind !== 'state') {
      out.push(...held);
      held = [entry];
    } else if (entry.lane === 'app' && sameMoment) {
      out.push(entry, ...held);
      held = [];
    } else {
      out.push(...held, entry);
      held = [];
    }
  }
  return [...out, ...held];
}

/** Entries that differ only in their task id form one group, told where the first one was. */
function groupByTask(entries: readonly LogEntry[]): Group[] {
  const groups = new Map<string, Group>();
  let n = 0;
  for (const entry of entries) {
    const key = entry.task ? keyOf(entry) : String(n++);
    const group = groups.get(key);
    if (group && !group.tasks.includes(entry.task!)) {
      group.entries.push(entry);
      group.tasks.push(entry.task!);
    } else if (!group) groups.set(key, { entries: [entry], tasks: entry.task ? [entry.task] : [] });
  }
  return [...groups.values()];
}

function keyOf(entry: LogEntry): string {
  return [entry.kind, entry.callback ?? '', entry.error ?? '', textOf(entry, '\u0000')].join('|');
}

/** The entry's text with its task id replaced by `by`. */
function textOf(entry: LogEntry, by: string): string {
  return entry.task ? entry.text.split(entry.task).join(by) : entry.text;
}

/** One sentence for a group: the task ids gathered where the text names one. */
function sentenceOf(group: Group): string {
  const first = group.entries[0]!;
  if (group.tasks.length < 2) return first.text;
  const many = `each of ${taskRange(group.tasks)}`;
  const task = group.tasks[0]!;
  if (first.text.includes(task)) {
    const text = first.text.split(task).join(many);
    return text.startsWith(many) ? capitalise(text) : text;
  }
  return `For ${many}, ${lowerFirst(first.text)}`;
}

/**
 * "The app's code runs …" for a group of callbacks, with the task and error each one gets. A
 * callback whose log line says more than that it ran keeps that line after its name.
 */
function callbackSentence(group: Group): Sentence | null {
  const first = group.entries[0]!;
  if (!first.callback) return null;
  const tasks = group.tasks.length ? ` for ${taskRange(group.tasks)}` : '';
  const error = first.error === undefined ? '' : ` (error: ${first.error})`;
  const call = `${first.callback}${tasks}${error}`;
  const plain = [
    `The app's code runs ${first.callback}.`,
    `The app hears \u0000 is done (${first.error === 'nil' ? 'no error' : `error: ${first.error}`}).`,
  ];
  if (plain.includes(textOf(first, '\u0000'))) return { text: `${RUNS}${call}.`, call };
  const said = sentenceOf(group);
  return { text: `${RUNS}${call}: ${lowerFirst(said)}` };
}

const RUNS = 'The app’s code runs ';

/** Back-to-back sentences that only say a callback ran read as one list. */
function mergeCalls(sentences: readonly Sentence[]): string[] {
  const out: string[] = [];
  let calls: string[] = [];
  const flush = () => {
    if (calls.length) out.push(`${RUNS}${list(calls)}.`);
    calls = [];
  };
  for (const sentence of sentences) {
    if (sentence.call) calls.push(sentence.call);
    else {
      flush();
      out.push(sentence.text);
    }
  }
  flush();
  return out;
}

/** "upload-1 to upload-3" for a consecutive run, else "upload-1, upload-3 and upload-7". */
export function taskRange(tasks: readonly string[]): string {
  const parts = tasks.map((task) => /^(.*?)(\d+)$/.exec(task));
  const prefix = parts[0]?.[1];
  const consecutive =
    tasks.length > 2 &&
    parts.every(
      (part, i) => part && part[1] === prefix && Number(part[2]) === Number(parts[0]![2]) + i,
    );
  return consecutive ? `${tasks[0]} to ${tasks.at(-1)}` : list(tasks);
}

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Lower-cases a sentence's first letter to continue another, unless it starts a name (UIKit). */
function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z])/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
