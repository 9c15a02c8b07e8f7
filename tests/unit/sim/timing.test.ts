import { describe, expect, test } from 'vitest';
import { formatDuration, timing } from '../../../src/sim/index.ts';

describe('timing', () => {
  test('every duration names what it is and a public source', () => {
    for (const [key, duration] of Object.entries(timing)) {
      expect(duration.ms, key).toBeGreaterThan(0);
      expect(duration.what, key).not.toBe('');
      expect(duration.source, key).toMatch(/^https:\/\//);
    }
  });

  test('formats durations the way a person says them', () => {
    expect(formatDuration(timing.didEnterBackgroundDeadline.ms)).toBe('5 seconds');
    expect(formatDuration(timing.resourceTimeout.ms)).toBe('7 days');
    expect(formatDuration(1000)).toBe('1 second');
    expect(formatDuration(1500)).toBe('1.5 seconds');
    expect(formatDuration(895_000)).toBe('14 minutes 55 seconds');
    expect(formatDuration(90 * 60_000)).toBe('1 hour 30 minutes');
    expect(formatDuration(59_600 + 60_000)).toBe('2 minutes');
    expect(formatDuration(3_599_600)).toBe('1 hour');
    expect(formatDuration(86_399_600)).toBe('1 day');
  });
});
