import { describe, expect, test } from 'vitest';
import { uploadStory } from './upload-story.ts';
import { entriesOfStep, explainStep, taskRange } from '../../../src/playground/explain-step.ts';
import {
  CALLBACK,
  createSimulation,
  type AppCode,
  type ScenarioEvent,
} from '../../../src/sim/index.ts';

const story = uploadStory();

/** The narration of every step of `events`, run against `app`. */
function narrations(events: readonly ScenarioEvent[], app: Partial<AppCode> = {}): string[] {
  const sim = createSimulation(app);
  return events.map((event, step) => {
    sim.send(event);
    return explainStep(entriesOfStep(sim.log(), step), sim.view());
  });
}

describe('entriesOfStep', () => {
  test('finds every step of a run, refused and empty steps too, as reading the whole log would', () => {
    const sim = createSimulation();
    const events: ScenarioEvent[] = [
      ...story,
      { type: 'user.unlockDevice' },
      { type: 'clock.advance', ms: 0 },
      ...story,
    ];
    for (const event of events) sim.send(event);
    const log = sim.log();
    for (let step = -1; step <= events.length; step++) {
      expect(entriesOfStep(log, step)).toEqual(log.filter((entry) => entry.step === step));
    }
    expect(entriesOfStep(log, 0).length).toBeGreaterThan(0);
  });
});

describe('explainStep', () => {
  test('tells the relaunch as cause then consequence: the finished uploads, the daemon, the callbacks', () => {
    const relaunch = narrations(story)[5]!;
    const finished = relaunch.indexOf('For each of upload-1 to upload-3, the last byte has moved');
    const relaunched = relaunch.indexOf('The transfer daemon relaunches the app in the background');
    const handled = relaunch.indexOf(CALLBACK.handleEventsForBackgroundURLSession);
    expect(finished).toBeGreaterThan(-1);
    expect(relaunched).toBeGreaterThan(finished);
    expect(handled).toBeGreaterThan(relaunched);
    expect(relaunch).toContain(`${CALLBACK.didComplete} for upload-1 to upload-3 (error: nil)`);
    // Each thing is said once, however many tasks it happened to.
    expect(relaunch.split('the last byte has moved')).toHaveLength(2);
    expect(relaunch.split(CALLBACK.didComplete)).toHaveLength(2);
  });

  test('tells the app’s callbacks in the order they ran, after the change they belong to', () => {
    const relaunch = narrations(story)[5]!;
    const order = [
      CALLBACK.didFinishLaunching,
      CALLBACK.handleEventsForBackgroundURLSession,
      CALLBACK.didComplete,
      CALLBACK.didFinishEvents,
    ].map((name) => relaunch.indexOf(name));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(relaunch.indexOf('relaunches the app'));
    // The suspension half a second after the handler returns comes last.
    expect(relaunch.endsWith('the system suspends it.')).toBe(true);
  });

  test('says what the person did once', () => {
    const [open, , home] = narrations(story);
    expect(open).toMatch(/^You tap the app/);
    expect(open.match(/You tap the app/g)).toHaveLength(1);
    expect(home).toMatch(/^You go to the Home Screen\. /);
  });

  test('says an event once when its first consequence opens with the same words', () => {
    const events: ScenarioEvent[] = [
      ...story.slice(0, 3),
      { type: 'clock.advance', ms: 30_000 },
      { type: 'push.silent' },
    ];
    const push = narrations(events)[4]!;
    expect(push).toMatch(/^A silent push arrives/);
    expect(push.match(/A silent push arrives/g)).toHaveLength(1);
  });

  test('says where the uploads are once the app stops running code', () => {
    const carriesOn =
      'Each of upload-1 to upload-3 carries on in the transfer daemon (nsurlsessiond), outside the app’s process.';
    const [, , , suspended, reclaimed] = narrations(story);
    expect(suspended).toMatch(/the system suspends it\. Each of upload-1 to upload-3 carries on/);
    expect(reclaimed).toContain(carriesOn);
    // A default session's uploads live in the app's process: they wait, then die with it.
    const [, , , , lost] = narrations(story, { sessionKind: 'default' });
    expect(lost).not.toContain('carries on');
    expect(lost).toContain('For each of upload-1 to upload-3, a default session’s task dies');
  });

  test('gathers the transfers an event creates into one sentence', () => {
    expect(narrations(story)[1]).toBe(
      'The app starts 3 uploads of 4000000 bytes. Each of upload-1 to upload-3 is created in the background session.',
    );
  });

  test('keeps what a callback’s log line says beyond the callback’s name', () => {
    const events: ScenarioEvent[] = [
      ...story.slice(0, 4),
      { type: 'user.openApp' },
      { type: 'clock.advance', ms: 300_000 },
    ];
    const done = narrations(events, { sessionOwner: 'screen' })[5]!;
    expect(done).toContain(
      `${CALLBACK.didComplete} for upload-1 to upload-3 (error: nil): the app hears each of upload-1 to upload-3 is done (no error) (to the leaked delegate of a screen that is gone; the visible screen never hears).`,
    );
    expect(narrations(events)[5]).toMatch(
      /The app’s code runs urlSession\(_:task:didCompleteWithError:\) for upload-1 to upload-3 \(error: nil\)[ .]/,
    );
  });

  test('puts Apple’s meaning beside a termination code', () => {
    const events: ScenarioEvent[] = [...story.slice(0, 5), { type: 'clock.advance', ms: 10_000 }];
    const kill = narrations([...events, { type: 'clock.advance', ms: 30_000 }], {
      sessionOwner: 'screen',
    })[6]!;
    expect(kill).toContain(
      'the system kills it (0x2182bad3: “a background URL session failing to complete in time”).',
    );
  });

  test('gives a refused event’s reason', () => {
    const sim = createSimulation();
    const event: ScenarioEvent = { type: 'user.forceQuit' };
    sim.send(event);
    expect(explainStep(entriesOfStep(sim.log(), 0))).toMatch(/^user\.forceQuit refused: /);
  });
});

describe('taskRange', () => {
  test('names a consecutive run by its ends and lists anything else', () => {
    expect(taskRange(['upload-1', 'upload-2', 'upload-3'])).toBe('upload-1 to upload-3');
    expect(taskRange(['upload-1', 'upload-2'])).toBe('upload-1 and upload-2');
    expect(taskRange(['upload-1', 'upload-3', 'upload-4'])).toBe('upload-1, upload-3 and upload-4');
    expect(taskRange(['upload-1', 'download-2', 'download-3'])).toBe(
      'upload-1, download-2 and download-3',
    );
  });
});
