import { describe, expect, test } from 'vitest';
import { uploadStory } from './upload-story.ts';
import { recordRun, whatChanged } from '../../../src/playground/what-changed.ts';
import { CALLBACK, type AppCode } from '../../../src/sim/index.ts';

/** The relaunch comes 40 s in, at the last step. */
const story = uploadStory(10_000);

function change(app: Partial<AppCode>, cursor = story.length): string {
  return whatChanged(recordRun({}, story), recordRun(app, story), cursor);
}

describe('whatChanged', () => {
  test('says a session per screen leaves the events queued and the watchdog kills the app 30 s later', () => {
    const said = change({ sessionOwner: 'screen' });
    expect(said).toMatch(/^What changed: at this step, no session is recreated/);
    expect(said).toContain('the events stay queued');
    expect(said).toContain(`${CALLBACK.didComplete} and ${CALLBACK.didFinishEvents} do not run`);
    expect(said).toContain(
      '30 s after this step, the system’s watchdog kills the app (0x2182bad3: “a background URL session failing to complete in time”)',
    );
    expect(said).toContain('the app ends not running (before: suspended)');
  });

  test('looks past the step on screen to the outcome', () => {
    const said = change({ callsCompletionHandler: false }, 3);
    expect(said).toContain('1 min 10 s after this step, the system’s watchdog kills the app');
  });

  test('says a default session loses the uploads and is never relaunched for them', () => {
    const said = change({ sessionKind: 'default' });
    expect(said).toContain(
      'no longer: the transfer daemon relaunches the app in the background for its session’s events',
    );
    expect(said).toContain('the transfers end 3 failed (before: 3 completed)');
  });

  test('says a kill during the step on screen once, in the step’s own words', () => {
    const events = uploadStory();
    const said = whatChanged(
      recordRun({}, events),
      recordRun({ sessionOwner: 'screen' }, events),
      events.length,
    );
    expect(said).toContain('the app never called the background URL session completion handler');
    expect(said.split('0x2182bad3')).toHaveLength(2);
  });

  test('compares the whole run from its start', () => {
    expect(change({ sessionOwner: 'screen' }, 0)).toContain(
      '1 min 10 s into the run, the system’s watchdog kills the app',
    );
  });

  test('says so when the change makes no difference to this run', () => {
    expect(change({ beginsTaskOnBackground: true })).toBe(
      'What changed: nothing in this run; the same events end the same way.',
    );
  });
});
