import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseScenario, validateScenario } from '../../../src/sim/index.ts';

const bad = (value: unknown) => {
  const result = validateScenario(value);
  return result.ok ? 'accepted' : result.error;
};

describe('scenario input', () => {
  test('names the field and index of an absurd number', () => {
    expect(
      bad({
        version: 1,
        app: {},
        events: [{ type: 'user.openApp' }, { type: 'clock.advance', ms: -5 }],
      }),
    ).toBe('events[1].ms must be a whole number of milliseconds from 1 to 2592000000');
    expect(
      bad({ version: 1, events: [{ type: 'app.startUploads', count: 101, bytes: 1 }] }),
    ).toMatch(/events\[0\]\.count/);
    expect(
      bad({ version: 1, events: [{ type: 'app.startUploads', count: 1, bytes: 2e10 }] }),
    ).toMatch(/events\[0\]\.bytes/);
  });

  test('rejects unknown versions, keys, app choices and events', () => {
    expect(bad({ version: 2, events: [] })).toMatch(/version 2/);
    expect(bad({ version: 1, events: [], extra: 1 })).toMatch(/"extra"/);
    expect(bad({ version: 1, app: { turbo: true }, events: [] })).toMatch(/app\.turbo/);
    expect(bad({ version: 1, app: null, events: [] })).toBe(
      'app must be an object of app code choices',
    );
    expect(bad({ version: 1, app: { sessionKind: 'ephemeral' }, events: [] })).toMatch(
      /app\.sessionKind/,
    );
    expect(bad({ version: 1, events: [{ type: 'user.dance' }] })).toMatch(/events\[0\]\.type/);
    expect(bad({ version: 1, events: [{ type: 'user.openApp', x: 1 }] })).toMatch(/events\[0\]\.x/);
    expect(bad({ version: 1, events: [{ type: 'settings.lowPowerMode' }] })).toMatch(
      /events\[0\]\.on is missing/,
    );
  });

  test('quotes at most 40 characters of a huge key or value', () => {
    const huge = 'k'.repeat(1_000_000);
    const cut = `${'k'.repeat(40)}…`;
    expect(bad({ version: 1, events: [], [huge]: 1 })).toBe(
      `"${cut}" is not a scenario key (expected version, seed, app, events)`,
    );
    expect(bad({ version: 1, app: { [huge]: true }, events: [] })).toBe(
      `app.${cut} is not a known app code choice`,
    );
    expect(bad({ version: 1, events: [{ type: 'user.openApp', [huge]: 1 }] })).toBe(
      `events[0].${cut} is not a field of user.openApp`,
    );
    expect(bad({ version: 1, events: [{ type: huge }] })).toBe(
      `events[0].type "${'k'.repeat(39)}… is not a known event`,
    );
    expect(bad({ version: huge, events: [] })).toBe(
      `version "${'k'.repeat(39)}… is not supported (expected 1)`,
    );
  });

  test('rejects more than 10,000 events and broken JSON in one line', () => {
    const events = Array.from({ length: 10_001 }, () => ({ type: 'user.openApp' }));
    expect(bad({ version: 1, events })).toMatch(/at most 10000/);
    const result = parseScenario('{"version": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toMatch(/\n/);
  });

  test('accepts a valid scenario', () => {
    expect(
      parseScenario(
        '{"version":1,"app":{"lifecycle":"appDelegate"},"events":[{"type":"clock.advance","ms":5}]}',
      ),
    ).toEqual({
      ok: true,
      scenario: {
        version: 1,
        app: { lifecycle: 'appDelegate' },
        events: [{ type: 'clock.advance', ms: 5 }],
      },
    });
  });

  test('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const result = parseScenario(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = validateScenario({ version: 1, events: [value] });
        if (!result.ok) expect(result.error).toMatch(/events\[0\]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('seed', () => {
  test('accepts a seed from 0 to 2147483647 and names a bad one', () => {
    const base = { version: 1, app: {}, events: [] };
    expect(validateScenario({ ...base, seed: 0 }).ok).toBe(true);
    expect(validateScenario({ ...base, seed: 2147483647 }).ok).toBe(true);
    for (const seed of [-1, 2147483648, 1.5, '1', null]) {
      const result = validateScenario({ ...base, seed });
      expect(result.ok ? 'valid' : result.error).toMatch(/^seed must be a whole number/);
    }
  });
});
