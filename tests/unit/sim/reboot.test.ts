import { describe, expect, test } from 'vitest';
import type { ScenarioEvent, Simulation } from '../../../src/sim/index.ts';
import { advance, home, open, run, uploads } from './helpers.ts';

const reboot: ScenarioEvent = { type: 'system.reboot' };
const assumptions = (sim: Simulation) =>
  sim
    .log()
    .filter((e) => e.text.startsWith('Assumption:'))
    .map((e) => e.lane);

describe('restart before the first unlock', () => {
  test('labels a background relaunch for transfers that outlived a restart as an assumption', () => {
    const sim = run([open, uploads(1, 1_000_000), home, reboot, advance(60_000)]);
    expect(sim.summary().app.launches.at(-1)?.reason).toBe('backgroundURLSession');
    expect(assumptions(sim)).toEqual(['transferDaemon']);
  });

  test('labels a pending refresh that outlives a restart as an assumption', () => {
    const schedule: ScenarioEvent = { type: 'app.scheduleAppRefresh' };
    const sim = run([open, schedule, home, reboot]);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('pending');
    expect(assumptions(sim)).toEqual(['scheduler']);
  });

  test('says nothing of the kind when nothing outlives the restart', () => {
    expect(assumptions(run([open, home, reboot, advance(60_000)]))).toEqual([]);
  });
});
