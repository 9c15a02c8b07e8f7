import { describe, expect, test } from 'vitest';
import type { ScenarioEvent } from '../../../src/sim/index.ts';
import { advance, home, open, run } from './helpers.ts';

const holdsLock = { releasesFileLocks: false };

describe('file locks at suspension', () => {
  test('kills an app that holds its shared-container SQLite lock when it is suspended, with 0xdead10cc', () => {
    const s = run([open, home, advance(10_000)], holdsLock).summary();
    expect(s.app.state).toBe('notRunning');
    expect(s.app.terminations).toEqual([{ atMs: 500, reason: 'watchdog', code: '0xdead10cc' }]);
  });

  test('suspends an app that finished its write before it was suspended', () => {
    const s = run([open, home, advance(10_000)]).summary();
    expect(s.app.state).toBe('suspended');
    expect(s.app.terminations).toEqual([]);
  });

  test('kills the app only when it would be suspended: a background task postpones the kill to its end', () => {
    const begin: ScenarioEvent = { type: 'app.beginBackgroundTask', name: 'save' };
    const end: ScenarioEvent = { type: 'app.endBackgroundTask', name: 'save' };
    const sim = run([open, begin, home, advance(10_000)], holdsLock);
    expect(sim.summary().app.state).toBe('background');
    sim.send(end);
    sim.send(advance(1_000));
    expect(sim.summary().app.terminations.map((t) => t.code)).toEqual(['0xdead10cc']);
  });
});
