/**
 * Lays out the playground's timeline from a whole run's log: where each mark, state band,
 * transfer bar, BGTask window, message arrow and tick goes. Pure data, no DOM or React, so a
 * run's layout is computed once and the view draws only the part on screen.
 *
 * The axis is virtual time. Between two moments the distance is the time that passed at the
 * chosen zoom; a gap that would be wider than MAX_GAP_PX is drawn as a fixed-width break
 * labelled with the time it skips, so seconds and days both stay readable. Everything that
 * happens at one instant is spread over a narrow column, one per step, so the entries of a
 * step never sit on top of each other.
 */
import { LANE_OF_MACHINE, OUTSIDE, type LogEntry, type ScenarioEvent } from '../sim/index.ts';
import { formatMs } from './controls.ts';
import { firstIndex } from './first-index.ts';

/** The lanes top to bottom, in the order a tap travels: person, device, app, then the daemons. */
export const LANES: { id: LogEntry['lane']; label: string }[] = [
  { id: 'user', label: 'User' },
  { id: 'system', label: 'System' },
  { id: 'app', label: 'App' },
  { id: 'transferDaemon', label: 'Transfer daemon' },
  { id: 'scheduler', label: 'Scheduler' },
  { id: 'push', label: 'Push' },
];

/** Pixels per second of virtual time at each zoom level, widest view first. */
export const ZOOM_LEVELS = [0.25, 1, 4, 16, 64, 256] as const;
export const DEFAULT_ZOOM = 2;

export const START_X = 12;
/** Horizontal room one mark takes in its column. */
export const MARK_PITCH = 11;
/**
 * A gap becomes a break when it is wider than MAX_GAP_PX at the current zoom and longer than
 * MAX_GAP_MS, so zooming in widens a minute of uploads instead of cutting it out.
 */
export const MAX_GAP_PX = 240;
export const MAX_GAP_MS = 60_000;
const MIN_BREAK_PX = 40;
/** Rows of transfer bars in the daemon's lane; more transfers at once share rows. */
export const TRANSFER_ROWS = 3;
const MIN_TICK_SPACING_PX = 72;

/** Width a tick label takes in the axis's monospace font (10 px, 0.6 em a character), plus a gap. */
export const labelWidth = (label: string) => Math.ceil(label.length * 6.2) + 8;

export type AppBand = 'notRunning' | 'foreground' | 'background' | 'suspended';

export interface Mark {
  x: number;
  lane: number;
  entry: LogEntry;
}

export interface Band {
  lane: number;
  x0: number;
  x1: number;
  kind: AppBand | 'transfer' | 'transferWaiting' | 'bgTask';
  label: string;
  /** Row inside the lane, for transfer bars. */
  row: number;
}

export interface Arrow {
  x: number;
  fromLane: number;
  toLane: number;
  step: number;
}

export interface Tick {
  x: number;
  label: string;
}

export interface AxisBreak {
  x: number;
  width: number;
  ms: number;
}

export interface TimelineLayout {
  width: number;
  /** x where the cursor stands after each step, indexed by step. */
  stepEndX: number[];
  /** Sorted by x. */
  marks: Mark[];
  bands: Band[];
  arrows: Arrow[];
  ticks: Tick[];
  breaks: AxisBreak[];
}

const laneIndex = new Map(LANES.map((lane, i) => [lane.id, i]));

/** The lane an actor of the inspection stream sends from; a scenario event, the person's. */
const LANE_OF_ACTOR: Readonly<Record<string, LogEntry['lane']>> = {
  ...LANE_OF_MACHINE,
  [OUTSIDE]: 'user',
};

const APP_LABELS: Record<AppBand, string> = {
  notRunning: 'not running',
  foreground: 'foreground',
  background: 'background',
  suspended: 'suspended',
};

/** The app state a transition of the app machine lands in, or null if it keeps the state. */
function appStateAfter(target: string): AppBand | null {
  if (target.startsWith('notRunning')) return 'notRunning';
  if (target.startsWith('running.lifecycle.foreground')) return 'foreground';
  if (target.startsWith('running.lifecycle.background')) return 'background';
  if (target.startsWith('running.lifecycle.suspended')) return 'suspended';
  return null;
}

const TRANSFER_ENDS = new Set(['completed', 'failed', 'cancelled', 'lost']);

/** The clock after each step: an accepted clock.advance moves it, nothing else does. */
export function stepEndTimes(log: readonly LogEntry[], events: readonly ScenarioEvent[]): number[] {
  const refused = new Set(log.filter((e) => e.kind === 'refused').map((e) => e.step));
  const lastAt = new Map<number, number>();
  for (const entry of log) lastAt.set(entry.step, entry.atMs);
  const ends: number[] = [];
  let time = 0;
  events.forEach((event, step) => {
    if (event.type === 'clock.advance' && !refused.has(step)) time += event.ms;
    time = Math.max(time, lastAt.get(step) ?? 0);
    ends.push(time);
  });
  return ends;
}

/** A "nice" tick interval that leaves room for a label at this many pixels per millisecond. */
function tickStepMs(pxPerMs: number): number {
  const steps = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400,
  ];
  for (const s of steps) if (s * 1000 * pxPerMs >= MIN_TICK_SPACING_PX) return s * 1000;
  return 86_400_000 * Math.ceil(MIN_TICK_SPACING_PX / (86_400_000 * pxPerMs));
}

/** Lays out a whole run at one zoom level. */
export function layoutTimeline(
  log: readonly LogEntry[],
  events: readonly ScenarioEvent[],
  zoom: number = DEFAULT_ZOOM,
): TimelineLayout {
  const pxPerMs = ZOOM_LEVELS[Math.min(Math.max(zoom, 0), ZOOM_LEVELS.length - 1)]! / 1000;
  const tickMs = tickStepMs(pxPerMs);
  const ends = stepEndTimes(log, events);
  const marks: Mark[] = [];
  const bands: Band[] = [];
  const arrows: Arrow[] = [];
  const candidates: (Tick & { strong?: boolean })[] = [];
  const breaks: AxisBreak[] = [];
  const stepEndX: number[] = [];

  let x = START_X;
  let time = 0;
  candidates.push({ x, label: formatMs(0) });

  /** Moves x and the clock forward to `to`, drawing the gap to scale or as a break. */
  const advanceTo = (to: number) => {
    const ms = to - time;
    if (ms <= 0) return;
    const px = ms * pxPerMs;
    if (px > MAX_GAP_PX && ms > MAX_GAP_MS) {
      const label = `+${formatMs(ms)}`;
      const width = Math.max(MIN_BREAK_PX, labelWidth(label) + 4);
      breaks.push({ x, width, ms });
      candidates.push({ x: x + 2, label, strong: true });
      x += width;
    } else {
      for (let t = Math.ceil((time + 1) / tickMs) * tickMs; t < to; t += tickMs) {
        candidates.push({ x: x + (t - time) * pxPerMs, label: formatMs(t) });
      }
      x += px;
    }
    time = to;
    candidates.push({ x, label: formatMs(to) });
  };

  // Open bands: the app's state, each transfer, each running BGTask (first in, first out).
  let app: { state: AppBand; x0: number } = { state: 'notRunning', x0: START_X };
  const transfers = new Map<string, { x0: number; waiting: boolean; row: number }>();
  const rowEnds: number[] = Array.from({ length: TRANSFER_ROWS }, () => -Infinity);
  const bgTasks: { x0: number; label: string }[] = [];
  const pendingNames: string[] = [];
  const APP = laneIndex.get('app')!;
  const DAEMON = laneIndex.get('transferDaemon')!;
  const SCHEDULER = laneIndex.get('scheduler')!;

  const closeApp = (at: number, next: AppBand) => {
    if (next === app.state) return;
    if (at > app.x0)
      bands.push({
        lane: APP,
        x0: app.x0,
        x1: at,
        kind: app.state,
        label: `App ${APP_LABELS[app.state]}`,
        row: 0,
      });
    app = { state: next, x0: at };
  };
  const closeTransfer = (task: string, at: number) => {
    const open = transfers.get(task);
    if (!open) return;
    bands.push({
      lane: DAEMON,
      x0: open.x0,
      x1: Math.max(at, open.x0 + 2),
      kind: open.waiting ? 'transferWaiting' : 'transfer',
      label: `${task} ${open.waiting ? 'waiting' : 'transferring'}`,
      row: open.row,
    });
    rowEnds[open.row] = at;
    transfers.delete(task);
  };
  const openTransfer = (task: string, at: number, waiting: boolean, row?: number) => {
    let free = rowEnds.findIndex((end) => end <= at);
    if (free < 0) free = transfers.size % TRANSFER_ROWS;
    const chosen = row ?? free;
    rowEnds[chosen] = Infinity;
    transfers.set(task, { x0: at, waiting, row: chosen });
  };

  let i = 0;
  for (let step = 0; step < events.length; step++) {
    while (i < log.length && log[i]!.step < step) i++;
    let any = false;
    while (i < log.length && log[i]!.step === step) {
      // One column: the entries of this step at one instant.
      const at = log[i]!.atMs;
      advanceTo(at);
      const columnX = x;
      const perLane = new Array<number>(LANES.length).fill(0);
      for (; i < log.length && log[i]!.step === step && log[i]!.atMs === at; i++) {
        const entry = log[i]!;
        const lane = laneIndex.get(entry.lane) ?? LANES.length - 1;
        const markX = columnX + perLane[lane]! * MARK_PITCH + MARK_PITCH / 2;
        perLane[lane]!++;
        marks.push({ x: markX, lane, entry });
        const fromLane = entry.from ? laneIndex.get(LANE_OF_ACTOR[entry.from] ?? 'system') : null;
        const toLane = entry.to ? laneIndex.get(LANE_OF_ACTOR[entry.to] ?? 'system') : null;
        if (fromLane != null && toLane != null && fromLane !== toLane) {
          arrows.push({ x: markX, fromLane, toLane, step });
        }
        const t = entry.transition;
        if (t?.machine === 'app') {
          const next = appStateAfter(t.target);
          if (next) closeApp(markX, next);
        } else if (t?.machine === 'transfer' && entry.task) {
          if (TRANSFER_ENDS.has(t.target.split('.')[0]!)) closeTransfer(entry.task, markX);
          else {
            const waiting = t.target.startsWith('active.waiting');
            const open = transfers.get(entry.task);
            if (open && open.waiting !== waiting) {
              closeTransfer(entry.task, markX);
              openTransfer(entry.task, markX, waiting, open.row);
            }
          }
        } else if (t?.machine === 'taskRequest') {
          if (t.target === 'running')
            bgTasks.push({ x0: markX, label: pendingNames.shift() ?? 'BGTask' });
          else if (t.source === 'running') {
            const open = bgTasks.shift();
            if (open) {
              bands.push({
                lane: SCHEDULER,
                x0: open.x0,
                x1: markX,
                kind: 'bgTask',
                label: `${open.label} runs (${t.target})`,
                row: 0,
              });
            }
          }
        } else if (entry.kind === 'event' && entry.task) {
          if (entry.lane === 'transferDaemon') {
            closeTransfer(entry.task, markX);
            openTransfer(entry.task, markX, false);
          } else if (entry.lane === 'scheduler' && entry.text.includes('is pending')) {
            pendingNames.push(entry.task);
          }
        }
      }
      x += Math.max(1, ...perLane) * MARK_PITCH;
      any = true;
    }
    if (!any) x += MARK_PITCH;
    advanceTo(ends[step] ?? time);
    stepEndX.push(x);
  }

  const width = x + START_X;
  if (width > app.x0) {
    const label = `App ${APP_LABELS[app.state]}`;
    bands.push({ lane: APP, x0: app.x0, x1: width, kind: app.state, label, row: 0 });
  }
  for (const task of [...transfers.keys()]) closeTransfer(task, width);
  for (const open of bgTasks) {
    bands.push({
      lane: SCHEDULER,
      x0: open.x0,
      x1: width,
      kind: 'bgTask',
      label: `${open.label} runs`,
      row: 0,
    });
  }

  // Within a column, lanes with more entries reach further right; keep both lists in x order.
  marks.sort((a, b) => a.x - b.x);
  arrows.sort((a, b) => a.x - b.x);
  return { width, stepEndX, marks, bands, arrows, ticks: spaceTicks(candidates), breaks };
}

/**
 * Keeps every break's label, then, left to right, each other tick whose label fits between the
 * last kept label and the next break's.
 */
function spaceTicks(candidates: readonly (Tick & { strong?: boolean })[]): Tick[] {
  const strong = candidates.filter((tick) => tick.strong);
  const ticks: Tick[] = [];
  let end = -Infinity;
  let next = 0;
  let lastLabel = '';
  for (const { x, label, strong: isStrong } of candidates) {
    const width = labelWidth(label);
    if (isStrong) next++;
    else if (x < end || label === lastLabel || x + width > (strong[next]?.x ?? Infinity)) continue;
    ticks.push({ x, label });
    end = x + width;
    lastLabel = label;
  }
  return ticks;
}

/** Index of the first item whose x is at least `x`, in an array sorted by x. */
export function firstAtOrAfter(items: readonly { x: number }[], x: number): number {
  return firstIndex(items.length, (i) => items[i]!.x < x);
}
