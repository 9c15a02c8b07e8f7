import { describe, expect, test } from 'vitest';
import { Replayer } from '../../../src/playground/replay.ts';
import { createSimulation, type ScenarioEvent } from '../../../src/sim/index.ts';

const events: ScenarioEvent[] = [
  { type: 'user.openApp' },
  { type: 'app.startUploads', count: 3, bytes: 4_000_000 },
  { type: 'user.goHome' },
  { type: 'clock.advance', ms: 30_000 },
  { type: 'system.memoryPressure' },
  { type: 'clock.advance', ms: 600_000 },
];

function fresh(app: object, upTo: number) {
  const sim = createSimulation(app);
  for (const event of events.slice(0, upTo)) sim.send(event);
  return { view: sim.view(), log: sim.log().slice() };
}

describe('replayer', () => {
  test('shows the same moment whether it stepped there, rewound there or replayed from the start', () => {
    const app = {};
    const replayer = new Replayer();
    for (const cursor of [0, 1, 2, 6, 3, 4, 4, 0, 5]) {
      const frame = replayer.at(app, events, cursor);
      const expected = fresh(app, cursor);
      expect(frame.view).toEqual(expected.view);
      expect(frame.log).toEqual(expected.log);
    }
  });

  test('replays from the start when the app code changes', () => {
    const replayer = new Replayer();
    replayer.at({}, events, 6);
    const app = { sessionKind: 'default' as const };
    expect(replayer.at(app, events, 6).view).toEqual(fresh(app, 6).view);
  });

  test('replays from the start when the past changes', () => {
    const replayer = new Replayer();
    replayer.at({}, events, 3);
    const changed = [...events.slice(0, 2), { type: 'user.openAppSwitcher' } as ScenarioEvent];
    const sim = createSimulation({});
    for (const event of changed) sim.send(event);
    expect(replayer.at({}, changed, 3).view).toEqual(sim.view());
  });

  test('replays with the scenario’s seed, which picks when a refresh runs', () => {
    const refresh: ScenarioEvent[] = [
      { type: 'user.openApp' },
      { type: 'app.scheduleAppRefresh' },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: 3 * 3_600_000 },
    ];
    const seeded = (seed: number) => {
      const sim = createSimulation({}, { seed });
      for (const event of refresh) sim.send(event);
      return sim.log().slice();
    };
    const replayer = new Replayer();
    expect(replayer.at({}, refresh, 4).log).toEqual(seeded(1));
    expect(replayer.at({}, refresh, 4, 5).log).toEqual(seeded(5));
    expect(replayer.fullLog({}, refresh, 99)).toEqual(seeded(99));
    expect(seeded(5)).not.toEqual(seeded(1));
  });

  test('keeps the whole run’s log for the timeline while rewound', () => {
    const app = {};
    const replayer = new Replayer();
    const end = replayer.at(app, events, events.length);
    replayer.at(app, events, 2);
    expect(replayer.fullLog(app, events)).toEqual(end.log);
    expect(replayer.fullLog(app, events)).toBe(replayer.fullLog(app, events));
  });

  test('reports what the last applied event did', () => {
    const replayer = new Replayer();
    expect(replayer.at({}, events, 0).last).toBeNull();
    const frame = replayer.at({}, events, 4);
    expect(frame.last).toMatchObject({ accepted: true });
  });
});
