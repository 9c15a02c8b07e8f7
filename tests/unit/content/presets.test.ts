import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScenario, timing, validateScenario } from '../../../src/sim/index.ts';

// Every demo in a guide or pitfall must replay as its text describes. The build already rejects
// an invalid preset; this also catches a preset the simulation would refuse part of, which would
// quietly show the reader something other than what the text around it says.

const contentDir = join(import.meta.dirname, '..', '..', '..', 'content');

interface Preset {
  file: string;
  prop: 'scenario' | 'broken' | 'fixed';
  source: string;
}

/** The object literal that follows `prop={` in an MDX file, found by balancing braces. */
function presetsIn(file: string): Preset[] {
  const text = readFileSync(file, 'utf8');
  const presets: Preset[] = [];
  for (const match of text.matchAll(/\b(scenario|broken|fixed)=\{\{/g)) {
    const start = (match.index ?? 0) + match[0].length - 1;
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      if (text[end] === '}' && --depth === 0) break;
    }
    presets.push({ file, prop: match[1] as Preset['prop'], source: text.slice(start, end + 1) });
  }
  return presets;
}

const files = ['guides', 'pitfalls'].flatMap((folder) =>
  readdirSync(join(contentDir, folder))
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => join(contentDir, folder, name)),
);
const presets = files.flatMap(presetsIn);

describe('demo presets in the guides and pitfalls', () => {
  test('every technique guide and pitfall page has a demo', () => {
    const withoutDemo = files.filter((file) => presetsIn(file).length === 0);
    expect(withoutDemo).toEqual([]);
  });

  for (const preset of presets) {
    const name = `${preset.file.slice(contentDir.length + 1)} ${preset.prop}`;
    // Presets may quote durations from the timing module, as the MDX files import it.
    const scenario = new Function('timing', `return (${preset.source});`)(timing) as unknown;

    test(`${name} is a valid scenario`, () => {
      const result = validateScenario(scenario);
      expect(result.ok ? 'valid' : result.error).toBe('valid');
    });

    // A pitfall's broken demo may show the system refusing the mistake; everything else replays whole.
    if (preset.prop !== 'broken') {
      test(`${name} replays with no refused event`, () => {
        const result = validateScenario(scenario);
        if (!result.ok) throw new Error(result.error);
        expect(runScenario(result.scenario).refused).toEqual([]);
      });
    }
  }
});
