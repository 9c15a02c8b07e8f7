import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScenario, validateScenario } from '../../../src/sim/index.ts';
import type { Summary } from '../../../src/sim/index.ts';

// Written by `node scripts/record-goldens.ts`; each file holds its scenario beside its summary.
const dir = join(import.meta.dirname, '..', '..', 'golden');
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));

interface Golden {
  source: string;
  scenario: unknown;
  summary: Summary;
}

describe('golden summaries', () => {
  test('there is a golden for every example scenario', () => {
    const scenarios = readdirSync(join(dir, '..', '..', 'scenarios')).filter((f) =>
      f.endsWith('.json'),
    );
    for (const file of scenarios) expect(files).toContain(`scenario-${file}`);
  });

  for (const file of files) {
    const golden = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Golden;
    test(`${golden.source} replays to its recorded summary`, () => {
      const checked = validateScenario(golden.scenario);
      if (!checked.ok) throw new Error(checked.error);
      expect(runScenario(checked.scenario)).toEqual(golden.summary);
    });
  }
});
