/**
 * Which states and transitions of the real machines a run takes, read from XState's inspection
 * stream, against everything the machines define.
 */
import type { AnyStateMachine, InspectionEvent } from 'xstate';
import { machines } from '../../../src/sim/index.ts';
import type { AppCode } from '../../../src/sim/index.ts';
import { Engine } from '../../../src/sim/simulation.ts';

interface NodeLike {
  id: string;
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
}

interface TransitionLike {
  eventType: string;
  source: NodeLike;
  target?: NodeLike[];
}

type MachineKey = keyof typeof machines;

function nodesOf(node: NodeLike): NodeLike[] {
  return [node, ...Object.values(node.states).flatMap(nodesOf)];
}

function label(t: TransitionLike, index: number): string {
  const target = t.target?.map((n) => n.id).join(',') ?? '(stays)';
  return `${t.source.id} --${t.eventType || 'always'}[${index}]--> ${target}`;
}

/** Every state id and every transition of every machine, by machine, each with a readable name. */
export function definitions() {
  const states = new Map<NodeLike, string>();
  const transitions = new Map<TransitionLike, string>();
  for (const [key, machine] of Object.entries(machines) as [MachineKey, AnyStateMachine][]) {
    for (const node of nodesOf(machine.root as unknown as NodeLike)) {
      states.set(node, `${key}: ${node.id}`);
      const own = [...node.transitions.values(), node.always ?? []];
      for (const list of own) {
        list.forEach((t, i) => transitions.set(t, `${key}: ${label(t, i)}`));
      }
    }
  }
  return { states, transitions };
}

/** What runs took so far: the state nodes entered and the transitions taken, over all runs. */
export class Coverage {
  readonly states = new Set<unknown>();
  readonly transitions = new Set<unknown>();

  observe(e: InspectionEvent): void {
    if (e.type !== '@xstate.snapshot' && e.type !== '@xstate.microstep') return;
    const nodes = (e.snapshot as { _nodes?: unknown[] })._nodes ?? [];
    for (const node of nodes) this.states.add(node);
    if (e.type === '@xstate.microstep') {
      // A state left in the same macrostep it was entered (a transient one) is in no snapshot;
      // a transition taken out of it shows it was reached.
      for (const t of (e as unknown as { _transitions: TransitionLike[] })._transitions) {
        this.transitions.add(t);
        this.states.add(t.source);
      }
    }
  }

  /** The names of the defined states and transitions no run has reached. */
  missing(): { states: string[]; transitions: string[] } {
    const all = definitions();
    return {
      states: [...all.states].filter(([n]) => !this.states.has(n)).map(([, name]) => name),
      transitions: [...all.transitions]
        .filter(([t]) => !this.transitions.has(t))
        .map(([, name]) => name),
    };
  }
}

/** The whole simulation, reporting every inspection event to `coverage` as well. */
export function observed(coverage: Coverage, app: Partial<AppCode>, seed?: number): Engine {
  return new Engine(app, undefined, seed, (e) => coverage.observe(e));
}
