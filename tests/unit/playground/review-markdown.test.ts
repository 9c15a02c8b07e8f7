import { describe, expect, test } from 'vitest';
import { reviewMarkdown } from '../../../src/playground/review-markdown.ts';
import type { Scenario } from '../../../src/sim/index.ts';

const scenario: Scenario = {
  version: 1,
  app: { sessionKind: 'default', lifecycle: 'scene' },
  events: [
    { type: 'user.openApp' },
    { type: 'app.startUploads', count: 2, bytes: 1000 },
    { type: 'user.goHome' },
    { type: 'clock.advance', ms: 30_000 },
    { type: 'user.forceQuit' },
    { type: 'clock.advance', ms: 20_000 },
  ],
};
const link = 'https://example.com/playground/#run=v1.abc';

function markdown(cursor: number, run: Scenario = scenario) {
  return reviewMarkdown({ title: 'The simulation', scenario: run, cursor, link });
}

describe('review markdown', () => {
  test('tells every step in order and marks the one on screen', () => {
    const lines = markdown(4).split('\n');
    const steps = lines.filter((line) => /^\d+\. /.test(line));
    expect(steps).toHaveLength(6);
    expect(steps[0]).toMatch(/^1\. You tap the app/);
    expect(steps[3]).toMatch(/^4\. 30 seconds pass.*\*\*← this moment\*\*$/);
    expect(lines.filter((line) => line.includes('this moment**'))).toHaveLength(1);
  });

  test('states the moment as the step and the phone’s time at the cursor, not at the end', () => {
    expect(markdown(4)).toContain('\nStep 4 of 6 · 30 s\n');
    expect(markdown(6)).toContain('\nStep 6 of 6 · 50 s\n');
  });

  test('says when a step was refused, and why', () => {
    expect(markdown(6)).toMatch(/^5\. You swipe the app’s card away\. Refused: .+\.$/m);
  });

  test('lists only the app code choices that differ from the recommended code', () => {
    const text = markdown(4);
    expect(text).toContain('- `sessionKind: "default"` (recommended: `"background"`)');
    expect(text).not.toContain('lifecycle');
    expect(markdown(0, { ...scenario, app: {} })).toContain('App code: the recommended code.');
  });

  test('keeps Swift selectors literal and ends with the link', () => {
    const text = markdown(4);
    expect(text).toContain('application(\\_:didFinishLaunchingWithOptions:)');
    expect(text.endsWith(`[Open this moment in the playground](${link})`)).toBe(true);
  });

  test('describes the start of a run and carries its seed', () => {
    const text = markdown(0, { ...scenario, seed: 7 });
    expect(text).toContain('Step 0 of 6 · 0 ms');
    expect(text).toContain('At the start: the phone is at the Home Screen');
    expect(text).toContain('Seed: 7');
  });
});
