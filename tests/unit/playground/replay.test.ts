import { describe, expect, test } from 'vitest';
import { uploadStory } from './upload-story.ts';
import { CHECKPOINT_EVERY, Replayer } from '../../../src/playground/replay.ts';
import { createSimulation, type ScenarioEvent } from '../../../src/sim/index.ts';

const events = uploadStory();

function fresh(app: object, upTo: number, run = events, seed?: number) {
  const sim = createSimulation(app, { seed });
  for (const event of run.slice(0, upTo)) sim.send(event);
  return { view: sim.view(), log: sim.log().slice() };
}

/** A run long enough for several checkpoints, with transfers, tasks and pushes in flight. */
const cycle: ScenarioEvent[] = [
  { type: 'user.openApp' },
  { type: 'app.startUploads', count: 2, bytes: 3_000_000 },
  { type: 'app.scheduleAppRefresh', earliestBeginMs: 60_000 },
  { type: 'app.beginBackgroundTask', name: 'save' },
  { type: 'user.goHome' },
  { type: 'clock.advance', ms: 4_000 },
  { type: 'push.silent' },
  { type: 'clock.advance', ms: 45_000 },
  { type: 'system.memoryPressure' },
  { type: 'clock.advance', ms: 3_600_000 },
  { type: 'user.openAppSwitcher' },
];
const long = Array.from({ length: CHECKPOINT_EVERY * 3 + 7 }, (_, i) => cycle[i % cycle.length]!);

describe('replayer', () => {
  test('shows the same moment whether it stepped there, rewound there or replayed from the start', () => {
    const app = {};
    const replayer = new Replayer();
    for (const cursor of [0, 1, 2, 6, 3, 4, 4, 0, 5]) {
      const frame = replayer.at(app, events, cursor);
      const expected = fresh(app, cursor);
      expect(frame.view).toEqual(expected.view);
      expect(frame.sim.log()).toEqual(expected.log);
    }
  });

  test('a step back from a checkpoint shows what a fresh replay shows', () => {
    const replayer = new Replayer();
    replayer.at({}, long, long.length);
    const app = {};
    const cursors = [
      long.length - 1,
      CHECKPOINT_EVERY * 2,
      CHECKPOINT_EVERY * 2 - 1,
      CHECKPOINT_EVERY + 3,
      CHECKPOINT_EVERY * 3 + 2,
      1,
    ];
    replayer.at(app, long, long.length);
    for (const cursor of cursors) {
      const frame = replayer.at(app, long, cursor);
      const expected = fresh(app, cursor, long);
      expect(frame.view).toEqual(expected.view);
      expect(frame.sim.log()).toEqual(expected.log);
    }
  });

  test('a step back reports what the event before the cursor did', () => {
    const replayer = new Replayer();
    replayer.at({}, long, long.length);
    const sim = createSimulation({});
    let last;
    for (const event of long.slice(0, CHECKPOINT_EVERY * 2)) last = sim.send(event);
    expect(replayer.at({}, long, CHECKPOINT_EVERY * 2).last).toEqual(last);
  });

  test('replays with the scenario’s seed', () => {
    const app = {};
    const replayer = new Replayer();
    for (const cursor of [long.length, CHECKPOINT_EVERY + 1]) {
      const frame = replayer.at(app, long, cursor, 7);
      expect(frame.view).toEqual(fresh(app, cursor, long, 7).view);
    }
    expect(replayer.fullLog(app, long, 7)).toEqual(fresh(app, long.length, long, 7).log);
    expect(replayer.at(app, long, long.length).view).toEqual(fresh(app, long.length, long).view);
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
    expect(replayer.at({}, refresh, 4).sim.log()).toEqual(seeded(1));
    expect(replayer.at({}, refresh, 4, 5).sim.log()).toEqual(seeded(5));
    expect(replayer.fullLog({}, refresh, 99)).toEqual(seeded(99));
    expect(seeded(5)).not.toEqual(seeded(1));
  });

  test('keeps the whole run’s log for the timeline while rewound', () => {
    const app = {};
    const replayer = new Replayer();
    const end = replayer.at(app, events, events.length);
    replayer.at(app, events, 2);
    expect(replayer.fullLog(app, events)).toEqual(end.sim.log());
    expect(replayer.fullLog(app, events)).toBe(replayer.fullLog(app, events));
  });

  test('reports what the last applied event did', () => {
    const replayer = new Replayer();
    expect(replayer.at({}, events, 0).last).toBeNull();
    const frame = replayer.at({}, events, 4);
    expect(frame.last).toMatchObject({ accepted: true });
  });
});
