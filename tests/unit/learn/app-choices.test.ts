import { describe, expect, test } from 'vitest';
import { DEFAULT_APP_CODE } from '../../../src/sim/index.ts';
import { appChoiceText, choiceValue } from '../../../src/learn/app-choices.ts';
import { challenges } from '../../../src/learn/challenges.ts';
import { formatClock } from '../../../src/learn/format.ts';

describe('app code choices on the page', () => {
  test.each(challenges.flatMap((ch) => ch.appChoices.map((key) => [ch.slug, key] as const)))(
    '%s offers %s with an answer for its start, its solution and the default',
    (slug, key) => {
      const challenge = challenges.find((ch) => ch.slug === slug)!;
      const values = appChoiceText[key]?.options.map((option) => option.value) ?? [];
      expect(values).toContain(choiceValue(challenge.start.app, key));
      expect(values).toContain(choiceValue(challenge.solution.app, key));
      expect(values).toContain(DEFAULT_APP_CODE[key]);
    },
  );

  test('reads a value the scenario leaves out as the recommended default', () => {
    expect(choiceValue({}, 'sessionKind')).toBe('background');
    expect(choiceValue({ sessionKind: 'default' }, 'sessionKind')).toBe('default');
  });
});

describe('the run clock', () => {
  test('shows hours, minutes and seconds, and days past the first', () => {
    expect(formatClock(0)).toBe('0:00:00');
    expect(formatClock(610_000)).toBe('0:10:10');
    expect(formatClock(86_400_000 + 900_000)).toBe('1 d 0:15:00');
  });
});
