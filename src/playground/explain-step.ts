/**
 * The narration of one step, read from the log the inspection stream wrote: the event that
 * caused the step, then what each actor did because of it, in the order it happened. The
 * sentences are the machines' own (their transitions' descriptions and the notes their actions
 * leave); this module only orders them, groups the ones repeated per task ("each of upload-1
 * to upload-3") and puts plain words beside the raw values a reader cannot look up.
 */
import type { LogEntry, ScenarioEvent } from '../sim/index.ts';
import { glossed } from './plain-words.ts';

/** A run of log entries that say the same thing about different tasks. */
interface Group {
  entries: LogEntry[];
  tasks: string[];
}

/** Every log entry of the step `step` (the index of the event that caused it). */
export function entriesOfStep(log: readonly LogEntry[], step: number): LogEntry[] {
  return log.filter((entry) => entry.step === step);
}

/**
 * The narration of a step, given the scenario event that caused it and the step's log
 * entries: the cause first, then its consequences in order, one sentence each.
 */
export function explainStep(event: ScenarioEvent, entries: readonly LogEntry[]): string {
  const [cause, ...rest] = entries;
  if (!cause) return '';
  if (cause.kind === 'refused') return cause.text;
  const sentences: string[] = [];
  const consequences = rest.filter((entry) => entry.kind !== 'event' || entry.lane === 'app');
  // With nothing changing state, what the daemons note is all there is to tell.
  const told = consequences.some((entry) => entry.kind === 'state') ? consequences : rest;
  // The device's own transition for a person's action says the same as the event, more
  // precisely ("You tap the app icon: its scene comes to the foreground").
  const restated =
    told[0]?.transition?.machine === 'device' && told[0].transition.event === event.type;
  if (!restated) sentences.push(cause.text);
  for (const group of groupByTask(inCallOrder(told))) {
    const sentence = callbackSentence(group) ?? sentenceOf(group);
    if (!sentences.includes(sentence)) sentences.push(sentence);
  }
  return glossed(mergeCallbackSentences(sentences).join(' '));
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

/** Consecutive entries that differ only in their task id form one group. */
function groupByTask(entries: readonly LogEntry[]): Group[] {
  const groups: Group[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    const key = keyOf(entry);
    if (last && entry.task && key === keyOf(last.entries[0]!) && !last.tasks.includes(entry.task)) {
      last.entries.push(entry);
      last.tasks.push(entry.task);
    } else groups.push({ entries: [entry], tasks: entry.task ? [entry.task] : [] });
  }
  return groups;
}

function keyOf(entry: LogEntry): string {
  const text = entry.task ? entry.text.split(entry.task).join('\u0000') : entry.text;
  return [entry.kind, entry.callback ?? '', entry.error ?? '', text].join('|');
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
  return `For ${many}, ${first.text.charAt(0).toLowerCase()}${first.text.slice(1)}`;
}

/** "The app's code runs …" for a group of callbacks, with the task and error each one gets. */
function callbackSentence(group: Group): string | null {
  const first = group.entries[0]!;
  if (!first.callback) return null;
  const tasks = group.tasks.length ? ` for ${taskRange(group.tasks)}` : '';
  const error = first.error === undefined ? '' : ` (error: ${first.error})`;
  return `${RUNS}${first.callback}${tasks}${error}.`;
}

const RUNS = 'The app’s code runs ';

/** Back-to-back "The app's code runs X." sentences read as one list. */
function mergeCallbackSentences(sentences: readonly string[]): string[] {
  const out: string[] = [];
  let names: string[] = [];
  const flush = () => {
    if (names.length) out.push(`${RUNS}${list(names)}.`);
    names = [];
  };
  for (const sentence of sentences) {
    if (sentence.startsWith(RUNS)) names.push(sentence.slice(RUNS.length, -1));
    else {
      flush();
      out.push(sentence);
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
