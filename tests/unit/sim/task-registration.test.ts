import { describe, expect, test } from 'vitest';
import { CALLBACK } from '../../../src/sim/index.ts';
import type { ScenarioEvent } from '../../../src/sim/index.ts';
import { advance, home, memoryPressure, names, open, run } from './helpers.ts';

const schedule: ScenarioEvent = { type: 'app.scheduleAppRefresh', earliestBeginMs: 900_000 };
const reclaimedThenLaunched = [
  open,
  schedule,
  home,
  advance(10_000),
  memoryPressure,
  advance(17 * 3_600_000),
];
const late = { registersTasksAtLaunch: false };

describe('BGTask handler registration', () => {
  test('crashes a background launch for a task whose handler only a screen registers', () => {
    const sim = run(reclaimedThenLaunched, late);
    const s = sim.summary();
    expect(s.app.launches.map((l) => l.reason)).toEqual(['user', 'backgroundAppRefresh']);
    expect(s.app.terminations.map((t) => t.reason)).toEqual(['memoryPressure', 'crash']);
    expect(s.app.terminations[1]?.atMs).toBe(s.app.launches[1]?.atMs);
    expect(names(sim)).not.toContain(CALLBACK.bgTaskLaunch);
    expect(
      sim
        .log()
        .some((e) =>
          /No launch handler registered for task with identifier com\.example\.refresh/.test(
            e.text,
          ),
        ),
    ).toBe(true);
  });

  test('runs the launch handler when the handlers are registered during launch', () => {
    const sim = run(reclaimedThenLaunched);
    expect(names(sim)).toContain(CALLBACK.bgTaskLaunch);
    expect(sim.summary().app.terminations.map((t) => t.reason)).toEqual(['memoryPressure']);
  });

  test('runs the task in a suspended process whose screen registered the handlers', () => {
    const sim = run([open, schedule, home, advance(17 * 3_600_000)], late);
    expect(names(sim)).toContain(CALLBACK.bgTaskLaunch);
    expect(sim.summary().app.terminations).toEqual([]);
  });

  test('crashes when code in a background launch submits a request no handler was registered for', () => {
    const sim = run(
      [open, home, advance(10_000), memoryPressure, { type: 'push.silent' }, schedule],
      late,
    );
    expect(sim.summary().app.terminations.map((t) => t.reason)).toEqual([
      'memoryPressure',
      'crash',
    ]);
    expect(sim.summary().scheduledTasks).toEqual([]);
  });
});
