import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CALLBACK, parseScenario, runScenario } from '../../../src/sim/index.ts';
import type { Summary } from '../../../src/sim/index.ts';

const dir = new URL('../../../scenarios/', import.meta.url);
const load = (name: string): Summary => {
  const parsed = parseScenario(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return runScenario(parsed.scenario);
};
const times = (s: Summary, name: string) =>
  s.callbacks.filter((c) => c.name === name).map((c) => c.atMs);

describe('example scenarios of the model corrections', () => {
  test('silent-push-budget: four pushes in 30 seconds wake the app twice, then the newest at a seeded moment after the hour is up', () => {
    // The budget has room again at 3,606 s; seed 1 draws a delivery 16 min 22 s later.
    expect(times(load('silent-push-budget'), CALLBACK.didReceiveRemoteNotification)).toEqual([
      6_000, 16_000, 4_588_119,
    ]);
  });

  test('discretionary-on-battery: an upload started from the background starts on battery at the moment the system picked', () => {
    // Seed 1 draws 1 h 32 min after the upload is created; the megabyte then takes 10 s.
    const s = load('discretionary-on-battery');
    expect(s.transfers).toMatchObject([{ id: 'upload-1', state: 'completed' }]);
    expect(times(s, CALLBACK.didComplete)).toEqual([5_529_711]);
  });

  test('silent-push-background-refresh-off: the push waits and reaches the app when the person opens it', () => {
    const s = load('silent-push-background-refresh-off');
    expect(times(s, CALLBACK.didReceiveRemoteNotification)).toEqual([66_000]);
    expect(s.app.launches).toHaveLength(1);
  });

  test('bgtask-registered-late: the background launch for the refresh finds no handler and crashes', () => {
    const s = load('bgtask-registered-late');
    expect(s.app.launches.at(-1)?.reason).toBe('backgroundAppRefresh');
    expect(s.app.terminations.at(-1)).toEqual({
      atMs: s.app.launches.at(-1)?.atMs,
      reason: 'crash',
    });
    expect(s.callbacks.some((c) => c.name === CALLBACK.bgTaskLaunch)).toBe(false);
  });

  test('file-lock-at-suspension: the app is killed with 0xdead10cc the moment it would be suspended', () => {
    expect(load('file-lock-at-suspension').app.terminations).toEqual([
      { atMs: 500, reason: 'watchdog', code: '0xdead10cc' },
    ]);
  });

  test('continued-processing-no-progress: the export is expired after the stall limit', () => {
    const s = load('continued-processing-no-progress');
    expect(s.scheduledTasks[0]?.state).toBe('expired');
    expect(times(s, CALLBACK.bgTaskExpiration)).toEqual([60_000]);
  });

  test('continued-processing-stopped: Stop calls the expiration handler and the app is then suspended', () => {
    const s = load('continued-processing-stopped');
    expect(times(s, CALLBACK.bgTaskExpiration)).toEqual([20_000]);
    expect(s.app.state).toBe('suspended');
  });

  test('reboot-before-first-unlock: the upload finishes and relaunches the app before any unlock, as an assumption', () => {
    const s = load('reboot-before-first-unlock');
    expect(s.app.launches.map((l) => l.reason)).toEqual(['user', 'backgroundURLSession']);
    expect(s.transfers[0]?.state).toBe('completed');
  });
});
