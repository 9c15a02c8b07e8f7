import { describe, expect, test } from 'vitest';
import { CALLBACK, timing } from '../../../src/sim/index.ts';
import type { ScenarioEvent, Simulation } from '../../../src/sim/index.ts';
import { advance, home, open, run } from './helpers.ts';

const start: ScenarioEvent = { type: 'app.startContinuedProcessing' };
const stop: ScenarioEvent = { type: 'user.stopContinuedProcessing' };
const expirations = (sim: Simulation) =>
  sim.summary().callbacks.filter((c) => c.name === CALLBACK.bgTaskExpiration);

describe('continued processing', () => {
  test('expires an export that reports no progress once the stall limit passes', () => {
    const sim = run([open, start, home], { reportsProgress: false });
    sim.send(advance(timing.continuedProcessingStallLimit.ms - 1));
    expect(sim.summary().scheduledTasks[0]?.state).toBe('running');
    expect(sim.view().liveActivity?.progress).toBe(0);
    sim.send(advance(1));
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    expect(expirations(sim).map((c) => c.atMs)).toEqual([timing.continuedProcessingStallLimit.ms]);
    expect(sim.log().some((e) => /reported no progress/.test(e.text))).toBe(true);
  });

  test('lets an export that reports progress run past the stall limit to completion', () => {
    const sim = run([open, start, home, advance(timing.continuedProcessingWork.ms)]);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('completed');
    expect(expirations(sim)).toEqual([]);
  });

  test('calls the expiration handler when the person taps Stop in the Live Activity, then suspends the app', () => {
    const sim = run([open, start, home, advance(20_000), stop]);
    expect(expirations(sim).map((c) => c.atMs)).toEqual([20_000]);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    expect(sim.view().liveActivity).toBeNull();
    sim.send(advance(1_000));
    expect(sim.summary().app.state).toBe('suspended');
  });

  test('refuses Stop when no export is running', () => {
    const sim = run([open, stop]);
    expect(sim.summary().refused[0]?.reason).toBe(
      'no continued-processing task is running: there is no Live Activity to stop',
    );
  });
});
