/**
 * Benchmark: what one event costs XState itself, in a flat machine and in one shaped like the
 * device (seven parallel two-state regions), with an inspector attached as the simulation has.
 * It shows how much of the replay's time is the interpreter walking active states: the machines'
 * shape, not their actions. Prints microseconds per event.
 */
import { assign, createActor, setup } from 'xstate';
import type { AnyStateMachine } from 'xstate';

const WARM_UP = 20_000;
const MEASURED = 100_000;

function perEventUs(machine: AnyStateMachine, type: string): number {
  const actor = createActor(machine, { inspect: () => {} });
  actor.start();
  for (let i = 0; i < WARM_UP; i += 1) actor.send({ type });
  const start = performance.now();
  for (let i = 0; i < MEASURED; i += 1) actor.send({ type });
  return ((performance.now() - start) * 1000) / MEASURED;
}

const region = (event: string) => ({
  initial: 'off',
  states: { off: { on: { [event]: 'on' } }, on: { on: { [event]: 'off' } } },
});

const bench = setup({
  types: { context: {} as { count: number } },
  actions: { count: assign({ count: ({ context }) => context.count + 1 }) },
});
const shared = {
  context: { count: 0 },
  on: { 'bench.targetless': {}, 'bench.assign': { actions: 'count' as const } },
};

const flat = bench.createMachine({ ...shared, ...region('bench.toggle') });
const parallel = bench.createMachine({
  ...shared,
  type: 'parallel',
  states: Object.fromEntries(
    ['toggle', 'a', 'b', 'c', 'd', 'e', 'f'].map((name) => [name, region(`bench.${name}`)]),
  ),
});

const cases = [
  ['an event no state handles', 'bench.unhandled'],
  ['a transition with no target', 'bench.targetless'],
  ['a transition that assigns context', 'bench.assign'],
  ['a transition to another state', 'bench.toggle'],
] as const;

console.log(`${'µs per event'.padEnd(36)}  flat   7 parallel regions`);
for (const [label, type] of cases) {
  const f = perEventUs(flat, type);
  const p = perEventUs(parallel, type);
  console.log(`${label.padEnd(36)} ${f.toFixed(2).padStart(5)}   ${p.toFixed(2).padStart(5)}`);
}
