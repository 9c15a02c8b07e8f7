import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseScenario, runScenario } from '../../../src/sim/index.ts';
import type { Summary } from '../../../src/sim/index.ts';

const dir = new URL('../../../scenarios/', import.meta.url);
const load = (name: string): Summary => {
  const parsed = parseScenario(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return runScenario(parsed.scenario);
};

describe('example scenarios', () => {
  test('every scenario file is valid and replays deterministically', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const name = file.replace(/\.json$/, '');
      expect(load(name)).toEqual(load(name));
    }
  }, 60_000);

  test('relaunch after system kill: the daemon finishes and relaunches the app in the background', () => {
    const s = load('relaunch-after-system-kill');
    expect(s.app.launches.map((l) => l.reason)).toEqual(['user', 'backgroundURLSession']);
    expect(s.transfers.every((t) => t.state === 'completed')).toBe(true);
  });

  test('force quit: uploads are cancelled and the reason arrives at the next open', () => {
    const s = load('force-quit-cancels-uploads');
    expect(s.transfers.every((t) => t.state === 'cancelled')).toBe(true);
    expect(s.app.launches.map((l) => l.reason)).toEqual(['user', 'user']);
  });

  test('a background task never ended gets 0x2182bad2 (corrected: was 0x8badf00d)', () => {
    expect(load('watchdog-leaked-background-task').app.terminations[0]?.code).toBe('0x2182bad2');
  });

  test('Low Power Mode holds a refresh request until it is off (corrected: submit no longer throws)', () => {
    const s = load('refresh-under-low-power-mode');
    expect(s.refused).toEqual([]);
    expect(s.callbacks.find((c) => c.task === 'com.example.refresh')?.atMs).toBe(3_600_000);
  });

  test('app code choices each change the outcome', () => {
    expect(load('session-kind-default').transfers.every((t) => t.state === 'failed')).toBe(true);
    expect(load('upload-source-data').app.terminations[0]?.reason).toBe('crash');
    expect(load('refresh-never-completed').app.terminations.map((t) => t.reason)).toEqual([
      'watchdog',
    ]);
    expect(load('session-owner-screen').app.terminations.at(-1)?.code).toBe('0x2182bad3');
    expect(load('completion-handler-never-called').app.terminations.at(-1)?.code).toBe(
      '0x2182bad3',
    );
    expect(load('begins-task-on-background').transfers[0]?.state).toBe('completed');
    expect(load('lifecycle-app-delegate').callbacks.some((c) => c.name.startsWith('scene'))).toBe(
      false,
    );
    expect(load('debugger-keeps-app-running').transfers.map((t) => t.state)).toEqual([
      'completed',
      'waiting',
    ]);
  });
});
