import { describe, expect, test } from 'vitest';
import { validateScenario } from '../../../src/sim/index.ts';
import { challengeBySlug, challenges } from '../../../src/learn/challenges.ts';
import { judge, replay } from '../../../src/learn/run.ts';

describe('the learning path', () => {
  test('has at least twelve challenges with unique slugs', () => {
    expect(challenges.length).toBeGreaterThanOrEqual(12);
    expect(new Set(challenges.map((ch) => ch.slug)).size).toBe(challenges.length);
  });

  test('asks for predictions on at least three challenges and has one that cannot be solved', () => {
    expect(challenges.filter((ch) => ch.prediction).length).toBeGreaterThanOrEqual(3);
    expect(challenges.some((ch) => ch.impossible)).toBe(true);
  });

  test('finds a challenge by its slug', () => {
    expect(challengeBySlug('uploads-survive-a-kill')?.title).toBe('Uploads that survive the app');
    expect(challengeBySlug('no-such-challenge')).toBeUndefined();
  });
});

describe.each(challenges.map((ch) => [ch.slug, ch] as const))('%s', (_slug, challenge) => {
  test('starts from a valid version-1 scenario and has a valid solution', () => {
    expect(validateScenario(challenge.start)).toMatchObject({ ok: true });
    expect(validateScenario(challenge.solution)).toMatchObject({ ok: true });
  });

  test('is not solved by its starting scenario', () => {
    expect(judge(challenge, challenge.start).solved).toBe(false);
  });

  if (challenge.impossible) {
    test('stays unsolved by its best attempt, which the solution link shows', () => {
      expect(judge(challenge, challenge.solution).solved).toBe(false);
    });
  } else {
    test('is solved by its solution', () => {
      const result = judge(challenge, challenge.solution);
      expect(result.solved, result.status).toBe(true);
    });
  }

  test('builds its solution from the starting scenario and the allowed controls and choices', () => {
    const { start, solution } = challenge;
    expect(solution.events.slice(0, start.events.length)).toEqual(start.events);
    const allowed = challenge.controls.map((control) => JSON.stringify(control.event));
    for (const event of solution.events.slice(start.events.length)) {
      expect(allowed).toContain(JSON.stringify(event));
    }
    const changed = Object.keys({ ...start.app, ...solution.app }).filter(
      (key) =>
        start.app[key as keyof typeof start.app] !== solution.app[key as keyof typeof start.app],
    );
    for (const key of changed) expect(challenge.appChoices).toContain(key);
  });

  test('gives every control a unique label and has at least one hint', () => {
    const labels = challenge.controls.map((control) => control.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(challenge.hints.length).toBeGreaterThan(0);
  });

  if (challenge.prediction) {
    const prediction = challenge.prediction;
    test('pauses its prediction before a step of the starting scenario', () => {
      expect(prediction.beforeStep).toBeGreaterThanOrEqual(0);
      expect(prediction.beforeStep).toBeLessThan(challenge.start.events.length);
    });

    test('has the prediction’s answer among its choices, and a public source', () => {
      expect(prediction.choices.map((choice) => choice.id)).toContain(prediction.answer);
      expect(new Set(prediction.choices.map((choice) => choice.id)).size).toBe(
        prediction.choices.length,
      );
      expect(prediction.source.url).toMatch(/^https:\/\/developer\.apple\.com\//);
    });
  }

  test('accepts every step of its solution that the reader adds', () => {
    const { steps } = replay(challenge.solution);
    const added = steps.slice(challenge.start.events.length);
    expect(added.filter((step) => !step.accepted)).toEqual([]);
  });
});
