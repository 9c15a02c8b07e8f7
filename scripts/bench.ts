/**
 * Benchmark: replays a 10,000-event scenario, times one step (median of many) and a step back in
 * the playground's Replayer at 5,000 events, and reports the gzipped size of the simulation
 * bundle without xstate. Prints plain numbers with units and the targets beside them.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CHECKPOINT_EVERY, Replayer } from '../src/playground/replay.ts';
import { createSimulation, runScenario } from '../src/sim/index.ts';
import { Engine } from '../src/sim/simulation.ts';
import type { Scenario, ScenarioEvent } from '../src/sim/index.ts';

/** A deterministic mix of everyday events: lifecycle, transfers, tasks, pushes and time. */
function replay(length: number): Scenario {
  const cycle: ScenarioEvent[] = [
    { type: 'user.openApp' },
    { type: 'app.startUploads', count: 1, bytes: 2_000_000 },
    { type: 'app.beginBackgroundTask', name: 'save' },
    { type: 'app.scheduleAppRefresh', earliestBeginMs: 60_000 },
    { type: 'user.goHome' },
    { type: 'clock.advance', ms: 3_000 },
    { type: 'app.endBackgroundTask', name: 'save' },
    { type: 'clock.advance', ms: 40_000 },
    { type: 'push.silent' },
    { type: 'clock.advance', ms: 90_000 },
    { type: 'system.memoryPressure' },
    { type: 'network.offline' },
    { type: 'clock.advance', ms: 10_000 },
    { type: 'network.online' },
    { type: 'user.lockDevice' },
    { type: 'clock.advance', ms: 120_000 },
    { type: 'user.unlockDevice' },
    { type: 'user.openAppSwitcher' },
    { type: 'user.goHome' },
    { type: 'clock.advance', ms: 30_000 },
  ];
  const events: ScenarioEvent[] = [];
  for (let i = 0; i < length; i += 1) events.push(cycle[i % cycle.length]!);
  return { version: 1, app: {}, events };
}

const scenario = replay(10_000);
runScenario(scenario); // warm up
const runs: number[] = [];
for (let i = 0; i < 3; i += 1) {
  const start = performance.now();
  runScenario(scenario);
  runs.push(performance.now() - start);
}
runs.sort((a, b) => a - b);
const replayMs = runs[1]!;

// What the replay's time is spent on: the events the actors hand one another and the microsteps
// XState takes for them (scripts/bench-xstate-shapes.ts prices one of each).
let actorEvents = 0;
let microsteps = 0;
const counted = new Engine({}, undefined, undefined, (e) => {
  if (e.type === '@xstate.event') actorEvents += 1;
  else if (e.type === '@xstate.microstep') microsteps += 1;
});
for (const event of scenario.events) counted.send(event);

const sim = createSimulation();
const stepTimes: number[] = [];
for (const event of scenario.events.slice(0, 2000)) {
  const start = performance.now();
  sim.send(event);
  stepTimes.push(performance.now() - start);
}
stepTimes.sort((a, b) => a - b);
const stepUs = stepTimes[Math.floor(stepTimes.length / 2)]! * 1000;

// Stepping back at event 5,000 in the playground's Replayer: it restores its nearest checkpoint
// and replays the few events after it, then renders the view and the log.
const replayer = new Replayer();
const app = {};
replayer.at(app, scenario.events, 5_000);
const backTimes: number[] = [];
for (let cursor = 4_999; cursor > 4_994; cursor -= 1) {
  const start = performance.now();
  replayer.at(app, scenario.events, cursor);
  backTimes.push(performance.now() - start);
}
backTimes.sort((a, b) => a - b);

const bundle = await build({
  entryPoints: [new URL('../src/sim/index.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  external: ['xstate'],
  write: false,
});
const code = bundle.outputFiles[0]!.contents;
const gzipped = gzipSync(code, { level: 9 }).length;

console.log(
  `replay: ${scenario.events.length} events in ${replayMs.toFixed(1)} ms (target at most 200 ms)`,
);
console.log(`throughput: ${Math.round(scenario.events.length / (replayMs / 1000))} events/s`);
console.log(
  `per scenario event: ${(actorEvents / scenario.events.length).toFixed(2)} actor events, ${(microsteps / scenario.events.length).toFixed(2)} microsteps`,
);
console.log(
  `one step (median of ${stepTimes.length}): ${stepUs.toFixed(1)} µs (target at most 1,000 µs)`,
);
console.log(
  `step back at 5,000 events (checkpoint every ${CHECKPOINT_EVERY}, median of 5): ${backTimes[2]!.toFixed(1)} ms (target at most 16 ms)`,
);
console.log(
  `bundle without xstate: ${(code.length / 1024).toFixed(1)} KB minified, ${(gzipped / 1024).toFixed(1)} KB gzipped (target at most 25 KB)`,
);
