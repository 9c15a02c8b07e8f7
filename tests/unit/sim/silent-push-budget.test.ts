import { describe, expect, test } from 'vitest';
import { CALLBACK, createSimulation, timing } from '../../../src/sim/index.ts';
import type { ScenarioEvent, Simulation } from '../../../src/sim/index.ts';
import { advance, home, memoryPressure, open, run } from './helpers.ts';

const push: ScenarioEvent = { type: 'push.silent' };
const HOUR = timing.silentPushBudgetWindow.ms;

const pushTimes = (sim: Simulation) =>
  sim
    .summary()
    .callbacks.filter((c) => c.name === CALLBACK.didReceiveRemoteNotification)
    .map((c) => c.atMs);

describe('silent push budget', () => {
  test('wakes the app for two pushes an hour and holds the rest, keeping only the newest', () => {
    const sim = run([open, home, advance(6_000)]);
    for (let i = 0; i < 12; i += 1) {
      sim.send(push);
      sim.send(advance(60_000));
    }
    expect(pushTimes(sim)).toEqual([6_000, 66_000]);
    expect(sim.log().some((e) => /keeps only the newest/.test(e.text))).toBe(true);
    sim.send(advance(2 * HOUR));
    // The twelve pushes wake the app three times: two at once, and the newest held one some time
    // after the budget returns (corrected: no longer exactly when it returns).
    const [low, high] = timing.heldPushDelay.range;
    const third = pushTimes(sim)[2]!;
    expect(pushTimes(sim)).toHaveLength(3);
    expect(third).toBeGreaterThanOrEqual(6_000 + HOUR + low);
    expect(third).toBeLessThanOrEqual(6_000 + HOUR + high);
  });

  test('delivers a held push at a moment drawn from the seed: the same seed, the same moment', () => {
    const heldPushAt = (seed: number) => {
      const sim = createSimulation({}, { seed });
      for (const event of [open, home, advance(6_000), push, push, push, advance(2 * HOUR)]) {
        sim.send(event);
      }
      return pushTimes(sim)[2];
    };
    expect(heldPushAt(1)).toBe(heldPushAt(1));
    const moments = new Set([1, 2, 3, 4, 5].map(heldPushAt));
    expect(moments.size).toBeGreaterThan(1);
  });

  test('delivers the held push at once when the person opens the app', () => {
    const sim = run([open, home, advance(6_000), push, advance(10_000), push, advance(10_000)]);
    sim.send(push);
    expect(pushTimes(sim)).toEqual([6_000, 16_000]);
    sim.send(advance(60_000));
    sim.send(open);
    expect(pushTimes(sim)).toEqual([6_000, 16_000, 86_000]);
  });

  test('does not wake the app while Background App Refresh is off, and delivers when it is on again', () => {
    const off: ScenarioEvent = { type: 'settings.backgroundAppRefresh', on: false };
    const on: ScenarioEvent = { type: 'settings.backgroundAppRefresh', on: true };
    const sim = run([open, home, advance(6_000), off, push, advance(60_000)]);
    expect(pushTimes(sim)).toEqual([]);
    expect(sim.summary().app.state).toBe('suspended');
    sim.send(on);
    expect(pushTimes(sim)).toEqual([66_000]);
  });

  test('does not wake the app in Low Power Mode, which turns Background App Refresh off', () => {
    const lowPower: ScenarioEvent = { type: 'settings.lowPowerMode', on: true };
    const sim = run([open, home, advance(6_000), lowPower, push, advance(HOUR)]);
    expect(pushTimes(sim)).toEqual([]);
    sim.send({ type: 'settings.lowPowerMode', on: false });
    expect(pushTimes(sim)).toEqual([6_000 + HOUR]);
  });

  test('discards the held push when the system kills the app', () => {
    const sim = run([open, home, advance(6_000), push, advance(10_000), push, advance(10_000)]);
    sim.send(push);
    sim.send(memoryPressure);
    sim.send(advance(2 * HOUR));
    expect(pushTimes(sim)).toEqual([6_000, 16_000]);
    expect(sim.summary().app.launches).toHaveLength(1);
  });
});
