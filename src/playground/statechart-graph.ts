/**
 * Reads an XState machine's state nodes into a plain statechart graph: the states, and one arrow
 * per source and target with every transition between them as a label line ("event [guard]",
 * "after 0.5 s [guard]"). Delays are named after the timing module's durations, so a label
 * quotes the same value the simulation waits. Pure data; the layout is done elsewhere.
 */
import { and, not, or } from 'xstate';
import { timing, type TimingKey } from '../sim/index.ts';
import { formatMs } from './controls.ts';

/** The part of an XState StateNode this module reads. */
export interface StateNodeLike {
  key: string;
  type: string;
  path: readonly string[];
  description?: string | undefined;
  states: Record<string, StateNodeLike>;
  transitions: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[] | undefined;
}

interface TransitionLike {
  eventType: string;
  guard?: unknown;
  actions?: readonly unknown[];
  target?: readonly { path: readonly string[] }[] | undefined;
  description?: string | undefined;
}

export interface GraphNode {
  /** Dotted path from the root, as `SimView.machines[].active` and the log name states. */
  path: string;
  label: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final';
  /** One region of a parallel parent (drawn dashed). */
  region: boolean;
  description?: string;
  /**
   * Transitions written inside the state: described ones that change no state ("[refresh can
   * run] / launch refresh") and those into its own children ("process.foreground → idle").
   */
  internal: string[];
  children: GraphNode[];
}

export interface GraphEdge {
  from: string;
  to: string;
  /** One line per transition the arrow stands for. */
  lines: string[];
  /** Named delays of the `after` transitions among them, to match pending timers. */
  delays: string[];
}

export interface MachineGraph {
  /** The machine's top-level states, regions when the machine is parallel. */
  nodes: GraphNode[];
  parallel: boolean;
  edges: GraphEdge[];
}

/** Short form of a duration for a label: "0.5 s", "30 s", "5 min", "7 d". */
export function shortDuration(ms: number): string {
  return ms < 1000 ? `${ms / 1000} s` : formatMs(ms);
}

const isTimingKey = (name: string): name is TimingKey => Object.hasOwn(timing, name);

/**
 * Delays whose length depends on the instance; each is described from the timing values it is
 * computed from, so no number is written twice.
 */
const DELAY_TEXT: Record<string, string> = {
  earliestBeginDate: 'at earliestBeginDate',
  discretionaryStart: `at the moment the system picks (${shortDuration(timing.discretionaryStart.range[0])} to ${shortDuration(timing.discretionaryStart.range[1])} after creation)`,
  heldPushDelay: `when the system chooses, ${shortDuration(timing.heldPushDelay.range[0])} to ${shortDuration(timing.heldPushDelay.range[1])} after the budget returns`,
  resumeRateLimiter: `after the limiter’s delay (${shortDuration(timing.resumeRateLimiterFirstDelay.ms)}, doubling)`,
  taskWork: `after ${shortDuration(timing.appRefreshWork.ms)} / ${shortDuration(timing.processingWork.ms)} of work`,
  taskRuntime: `after ${shortDuration(timing.appRefreshRuntime.ms)} / ${shortDuration(timing.processingRuntime.ms)} runtime`,
  transferMegabyte: `after ${shortDuration(timing.transferMegabyte.ms)} a megabyte`,
};

/** "after 0.5 s" for a named or numeric delay. */
export function delayText(name: string): string {
  if (DELAY_TEXT[name]) return DELAY_TEXT[name];
  if (isTimingKey(name)) return `after ${shortDuration(timing[name].ms)}`;
  if (/^\d+$/.test(name)) return `after ${shortDuration(Number(name))}`;
  return `after ${words(name)}`;
}

/** The delay name of an `xstate.after.<delay>.<node id>` event, or null. */
export function delayOf(eventType: string): string | null {
  return /^xstate\.after\.([^.]+)\./.exec(eventType)?.[1] ?? null;
}

function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * XState's guard combinators, told apart by their check function: a bundler may rename the
 * functions themselves.
 */
const COMBINATOR = {
  and: (and([]) as unknown as { check: unknown }).check,
  or: (or([]) as unknown as { check: unknown }).check,
  not: (not('x') as unknown as { check: unknown }).check,
};

/** A guard as words: "something holds the app", "not debugger attached", "waits for power". */
export function guardText(guard: unknown): string {
  if (typeof guard === 'string') return words(guard);
  if (typeof guard === 'function') {
    const fn = guard as { check?: unknown; guards?: unknown[] };
    const inner = (fn.guards ?? []).map(guardText);
    if (fn.check === COMBINATOR.not) {
      const negated = fn.guards?.[0];
      return typeof negated === 'function' ? `not (${inner[0]})` : `not ${inner[0]}`;
    }
    if (fn.check === COMBINATOR.and) return inner.join(' and ');
    if (fn.check === COMBINATOR.or) return inner.join(' or ');
    return 'condition';
  }
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    const values = params
      ? Object.values(params).map((v) => (v == null ? 'nothing' : words(String(v))))
      : [];
    return [words(type), ...values].join(' ');
  }
  return 'condition';
}

function actionNames(actions: readonly unknown[] | undefined): string[] {
  return (actions ?? []).flatMap((a) => {
    const type = typeof a === 'string' ? a : (a as { type?: unknown } | null)?.type;
    return typeof type === 'string' && !type.startsWith('xstate.') ? [words(type)] : [];
  });
}

function lineFor(t: TransitionLike): string {
  const delay = delayOf(t.eventType);
  const event = delay ? delayText(delay) : t.eventType;
  const guard = t.guard ? `[${guardText(t.guard)}]` : '';
  const head = [event, guard].filter(Boolean).join(' ');
  // An eventless transition says nothing without what it does.
  const actions = event === '' ? actionNames(t.actions) : [];
  return actions.length ? `${head} / ${actions.join(', ')}` : head;
}

/** One transition between two drawn states, before arrows are merged. */
interface Arrow {
  from: string;
  to: string;
  line: string;
  delay: string | null;
}

/** Reads a machine's states and transitions; the root itself is not a node. */
export function machineGraph(root: StateNodeLike): MachineGraph {
  const arrows: Arrow[] = [];
  const read = (node: StateNodeLike, region: boolean): GraphNode => {
    const path = node.path.join('.');
    const internal: string[] = [];
    const transitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
    for (const t of transitions) {
      const targets = (t.target ?? []).map((target) => target.path.join('.'));
      if (targets.every((to) => to === path)) {
        if (t.description && node !== root) internal.push(lineFor(t));
        continue;
      }
      for (const to of targets) {
        if (to !== path)
          arrows.push({ from: path, to, line: lineFor(t), delay: delayOf(t.eventType) });
      }
    }
    const children = Object.values(node.states).map((child) =>
      read(child, node.type === 'parallel'),
    );
    const kind =
      node.type === 'final'
        ? 'final'
        : node.type === 'parallel'
          ? 'parallel'
          : children.length
            ? 'compound'
            : 'atomic';
    return {
      path,
      label: node.key,
      kind,
      region,
      ...(node.description ? { description: node.description } : {}),
      internal,
      children,
    };
  };
  const top = read(root, false);
  const nodes = top.children;
  const byPath = new Map<string, GraphNode>();
  const index = (node: GraphNode) => {
    byPath.set(node.path, node);
    node.children.forEach(index);
  };
  nodes.forEach(index);
  const edges = new Map<string, GraphEdge>();
  for (const arrow of collapse(nodes, arrows)) {
    // An arrow from a state into one of its own children is written inside the state instead:
    // drawn, it would leave the frame only to come back in.
    const parent = arrow.to.startsWith(`${arrow.from}.`) ? byPath.get(arrow.from) : undefined;
    if (parent) {
      parent.internal.push(`${arrow.line} → ${arrow.to.split('.').pop()}`);
      continue;
    }
    const key = `${arrow.from}>${arrow.to}`;
    const edge = edges.get(key) ?? { from: arrow.from, to: arrow.to, lines: [], delays: [] };
    if (!edge.lines.includes(arrow.line)) edge.lines.push(arrow.line);
    if (arrow.delay && !edge.delays.includes(arrow.delay)) edge.delays.push(arrow.delay);
    edges.set(key, edge);
  }
  return { nodes, parallel: top.kind === 'parallel', edges: [...edges.values()] };
}

/**
 * Where every child of a state has the same transition to one target (the target itself aside),
 * one arrow from the parent says it once, as a statechart does: "from any state in `active`".
 * Innermost parents first, so the rule can apply again one level up.
 */
function collapse(nodes: GraphNode[], arrows: Arrow[]): Arrow[] {
  const parents: GraphNode[] = [];
  const visit = (node: GraphNode) => {
    node.children.forEach(visit);
    if (node.kind === 'compound' && node.children.length > 1) parents.push(node);
  };
  nodes.forEach(visit);
  let out = arrows;
  for (const parent of parents) {
    const groups = new Map<string, Arrow[]>();
    for (const arrow of out) {
      if (!parent.children.some((c) => c.path === arrow.from)) continue;
      const key = `${arrow.to}|${arrow.line}`;
      groups.set(key, [...(groups.get(key) ?? []), arrow]);
    }
    for (const group of groups.values()) {
      const to = group[0]!.to;
      const sources = parent.children.filter((c) => to !== c.path && !to.startsWith(`${c.path}.`));
      const covered = sources.filter((c) => group.some((arrow) => arrow.from === c.path));
      if (covered.length < 2 || covered.length !== sources.length) continue;
      // The child that holds the target may say the same for its own states; the parent's arrow
      // covers that too.
      out = out.filter((arrow) => !group.includes(arrow));
      out.push({ ...group[0]!, from: parent.path });
    }
  }
  return out;
}
