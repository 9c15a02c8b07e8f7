import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  CALLBACK,
  MAX_SEED,
  createSimulation,
  restoreSimulation,
  runScenario,
} from '../../../src/sim/index.ts';
import type { ScenarioEvent } from '../../../src/sim/index.ts';
import { FIELDLESS_EVENTS } from './helpers.ts';

const eventArb: fc.Arbitrary<ScenarioEvent> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...FIELDLESS_EVENTS).map((type) => ({ type }) as ScenarioEvent),
  },
  {
    weight: 4,
    arbitrary: fc
      .integer({ min: 1, max: 200_000 })
      .map((ms) => ({ type: 'clock.advance', ms }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 8 * 86_400_000 })
      .map((ms) => ({ type: 'clock.advance', ms }) as const),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constantFrom('app.startUploads' as const, 'app.startDownloads' as const),
      count: fc.integer({ min: 1, max: 3 }),
      bytes: fc.integer({ min: 1, max: 5_000_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('a', 'b')
      .map((name) => ({ type: 'app.beginBackgroundTask', name }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('a', 'b')
      .map((name) => ({ type: 'app.endBackgroundTask', name }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.boolean().map((on) => ({ type: 'settings.lowPowerMode', on }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.boolean().map((on) => ({ type: 'settings.backgroundAppRefresh', on }) as const),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 3_600_000 })
      .map((ms) => ({ type: 'app.scheduleAppRefresh', earliestBeginMs: ms }) as const),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('app.scheduleProcessing' as const),
      requiresExternalPower: fc.boolean(),
      requiresNetwork: fc.boolean(),
    }),
  },
);

const appArb = fc.record({
  sessionKind: fc.constantFrom('background' as const, 'default' as const),
  uploadSource: fc.constantFrom('file' as const, 'data' as const),
  sessionOwner: fc.constantFrom('singleton' as const, 'screen' as const),
  callsCompletionHandler: fc.boolean(),
  expirationHandlerEndsTask: fc.boolean(),
  callsSetTaskCompleted: fc.boolean(),
  beginsTaskOnBackground: fc.boolean(),
  lifecycle: fc.constantFrom('scene' as const, 'appDelegate' as const),
  callsFetchCompletionHandler: fc.boolean(),
  registersTasksAtLaunch: fc.boolean(),
  releasesFileLocks: fc.boolean(),
  reportsProgress: fc.boolean(),
});

// The XState port is slower per step than the old coordinator; fewer runs keep this test short.
const RUNS = { numRuns: 100 };

describe('invariants over random event sequences', () => {
  test('hold after every step', () => {
    fc.assert(
      fc.property(appArb, fc.array(eventArb, { maxLength: 60 }), (app, events) => {
        const sim = createSimulation(app);
        let time = 0;
        const bytes = new Map<string, number>();
        for (const event of events) {
          const before = sim.summary();
          expect(sim.refusal(event)).toBe(sim.refusal(event));
          const expected = sim.refusal(event);
          const result = sim.send(event);
          expect(result.accepted ? null : result.reason).toBe(expected);
          const after = sim.summary();
          // Time never goes backwards.
          expect(after.timeMs).toBeGreaterThanOrEqual(time);
          time = after.timeMs;
          // No callback reaches an app that stayed out of memory through the step.
          if (
            before.app.state === 'notRunning' &&
            after.app.state === 'notRunning' &&
            after.app.launches.length === before.app.launches.length
          ) {
            expect(after.callbacks.length).toBe(before.callbacks.length);
          }
          // Bytes stay within bounds and never go back.
          for (const t of after.transfers) {
            expect(t.bytesDone).toBeLessThanOrEqual(t.bytesTotal);
            expect(t.bytesDone).toBeGreaterThanOrEqual(bytes.get(t.id) ?? 0);
            bytes.set(t.id, t.bytesDone);
          }
          // A transfer completes at most once.
          const completions = after.callbacks
            .filter((c) => c.name === CALLBACK.didComplete)
            .map((c) => c.task);
          expect(new Set(completions).size).toBe(completions.length);
          const completedLogs = sim
            .log()
            .filter(
              (e) =>
                e.lane === 'transferDaemon' &&
                e.kind === 'state' &&
                / (completed|failed|cancelled)/.test(e.text),
            );
          expect(new Set(completedLogs.map((e) => e.task)).size).toBe(completedLogs.length);
        }
      }),
      RUNS,
    );
  }, 60_000);

  test('the same scenario with the same seed gives the same summary', () => {
    fc.assert(
      fc.property(
        appArb,
        fc.array(eventArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: MAX_SEED }),
        (app, events, seed) => {
          const scenario = { version: 1 as const, seed, app, events };
          expect(runScenario(scenario)).toEqual(runScenario(structuredClone(scenario)));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('checkpoints', () => {
  test('a checkpoint gives the same moment however often it is restored and whatever runs after', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 30 }),
        fc.array(eventArb, { maxLength: 30 }),
        fc.array(eventArb, { maxLength: 30 }),
        (randomBefore, randomAfter, randomOther) => {
          // The app is on screen at the checkpoint, so the uploads after it are accepted.
          const before: ScenarioEvent[] = [
            ...randomBefore,
            { type: 'user.unlockDevice' },
            { type: 'user.openApp' },
          ];
          const upload = (count: number): ScenarioEvent => ({
            type: 'app.startUploads',
            count,
            bytes: 1_000_000,
          });
          const after = [upload(1), ...randomAfter];
          const other = [upload(2), ...randomOther];
          const whole = createSimulation();
          for (const e of [...before, ...after]) whole.send(e);
          const sim = createSimulation();
          for (const e of before) sim.send(e);
          const checkpoint = sim.checkpoint();
          // The simulation itself and an earlier restore go on with other events first.
          for (const e of other) sim.send(e);
          const elsewhere = restoreSimulation(checkpoint);
          for (const e of other) elsewhere.send(e);
          const restored = restoreSimulation(checkpoint);
          for (const e of after) restored.send(e);
          expect(restored.summary()).toEqual(whole.summary());
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a restored checkpoint goes on exactly as the simulation it was taken from', () => {
    const events: ScenarioEvent[] = [
      { type: 'user.openApp' },
      { type: 'app.startUploads', count: 2, bytes: 3_000_000 },
      { type: 'app.beginBackgroundTask', name: 'save' },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: 4_000 },
    ];
    const rest: ScenarioEvent[] = [
      { type: 'clock.advance', ms: 120_000 },
      { type: 'push.silent' },
      { type: 'clock.advance', ms: 60_000 },
    ];
    const whole = createSimulation();
    for (const e of [...events, ...rest]) whole.send(e);
    const first = createSimulation();
    for (const e of events) first.send(e);
    const checkpoint = JSON.parse(JSON.stringify(first.checkpoint())) as ReturnType<
      typeof first.checkpoint
    >;
    const restored = restoreSimulation(checkpoint);
    for (const e of rest) restored.send(e);
    expect(restored.summary()).toEqual(whole.summary());
  });
});
