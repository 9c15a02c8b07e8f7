/**
 * What a statechart lights at one moment of a run: the states the machine is in (for a machine
 * spawned per instance, how many instances are in each), the arrows the current step took, and
 * the arrows whose timers are running. Pure functions over the view and the step's log.
 */
import type { LogEntry, SimView } from '../sim/index.ts';
import { nameOf as leaf, type ChartEdge, type ChartLayout } from './statechart-data.ts';
import { formatMs } from './controls.ts';
import { delayOf, delayText } from './statechart-graph.ts';

/** Where each transfer or task-request instance is, in its machine's state paths. */
const INSTANCE_STATE: Record<string, (view: SimView) => string[]> = {
  transfer: (view) =>
    view.transfers.map((t) =>
      t.state === 'running' ? 'active.running' : t.state === 'waiting' ? 'active.waiting' : t.state,
    ),
  taskRequest: (view) => view.scheduledTasks.map((t) => t.state),
};

/** Active state paths of one chart, each with the number of instances in it (1 for a singleton). */
export function activeStates(chart: ChartLayout, view: SimView): Map<string, number> {
  const counts = new Map<string, number>();
  const paths =
    INSTANCE_STATE[chart.id]?.(view) ?? view.machines.find((m) => m.id === chart.id)?.active ?? [];
  for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1);
  return counts;
}

/** How many instances are in this state or one of its children; 0 when it is not active. */
export function activeCount(active: Map<string, number>, path: string): number {
  let n = 0;
  for (const [state, count] of active)
    if (state === path || state.startsWith(`${path}.`)) n += count;
  return n;
}

/** The drawn arrow for a transition: the one from the innermost state that holds its source. */
export function edgeFor(chart: ChartLayout, source: string, target: string): ChartEdge | undefined {
  let best: ChartEdge | undefined;
  for (const edge of chart.edges) {
    if (edge.to !== target) continue;
    if (edge.from !== source && !source.startsWith(`${edge.from}.`)) continue;
    if (!best || edge.from.length > best.from.length) best = edge;
  }
  return best;
}

/** The line inside a state that says this transition, for one into the state's own children. */
function innerLineFor(chart: ChartLayout, source: string, target: string, event: string) {
  const suffix = ` → ${leaf(target)}`;
  for (const node of chart.nodes) {
    if (!target.startsWith(`${node.path}.`)) continue;
    if (source !== node.path && !source.startsWith(`${node.path}.`)) continue;
    const line = node.internal?.find((l) => l.endsWith(suffix) && l.startsWith(event));
    if (line) return { path: node.path, line };
  }
  return undefined;
}

export interface Taken {
  edge: ChartEdge | undefined;
  /** Where the chart writes the transition inside a state instead of drawing an arrow. */
  inner: { path: string; line: string } | undefined;
  from: string;
  to: string;
  /** The event as its label says it: "session.wake", "after 0.5 s". */
  event: string;
}

function eventLabel(event: string): string {
  const delay = delayOf(event);
  return delay ? delayText(delay) : event;
}

/** The transitions of this chart's machine that the step's log entries record, in order. */
export function transitionsTaken(chart: ChartLayout, entries: readonly LogEntry[]): Taken[] {
  const out: Taken[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const t = entry.transition;
    if (!t || t.machine !== chart.id || t.source === t.target) continue;
    const key = `${t.source}>${t.target}>${t.event}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const event = eventLabel(t.event);
    const edge = edgeFor(chart, t.source, t.target);
    out.push({
      edge,
      inner: edge ? undefined : innerLineFor(chart, t.source, t.target, event),
      from: leaf(t.source),
      to: leaf(t.target),
      event,
    });
  }
  return out;
}

export interface Timer {
  edges: ChartEdge[];
  text: string;
  /** Time left on the soonest of them. */
  inMs: number;
  /** How many instances run this same timer (three uploads, each moving its bytes). */
  count: number;
}

/** The running timers of this chart's machine, each with the arrows it may take. */
export function timersOf(chart: ChartLayout, pending: SimView['pending']): Timer[] {
  const timers = new Map<string, Timer>();
  for (const p of pending) {
    if (p.machine !== chart.id) continue;
    const prefix = `xstate.after.${p.label}.${chart.id}.`;
    const source = p.event.startsWith(prefix) ? p.event.slice(prefix.length) : '';
    const edges = chart.edges.filter(
      (e) => e.delays?.includes(p.label) && (e.from === source || source.startsWith(`${e.from}.`)),
    );
    // One delay can lead to several targets, the guards choosing when it fires.
    const route =
      edges.length === 1
        ? `${leaf(source)} → ${leaf(edges[0]!.to)}, `
        : source
          ? `${leaf(source)}, `
          : '';
    const text = `${route}${delayText(p.label)}`;
    const same = timers.get(text);
    if (same) {
      same.count += 1;
      same.inMs = Math.min(same.inMs, p.inMs);
    } else {
      timers.set(text, { edges, text, inMs: p.inMs, count: 1 });
    }
  }
  return [...timers.values()];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Time left, cut down to the precision formatMs shows (so 6 days 23.99 hours reads "6 d 23 h",
 * never "6 d 24 h").
 */
export function timeLeft(ms: number): string {
  const unit = ms >= 24 * HOUR ? HOUR : ms >= HOUR ? MINUTE : ms >= MINUTE ? 1000 : 1;
  return formatMs(Math.floor(ms / unit) * unit);
}
