import { describe, expect, test } from 'vitest';
import { runScenario, validateScenario } from '../../../src/sim/index.ts';
import { contentDir, contentFiles, evaluatePreset, presetsIn } from '../../support/presets.ts';

// Every demo in a guide or pitfall must replay as its text describes. The build already rejects
// an invalid preset; this also catches a preset the simulation would refuse part of, which would
// quietly show the reader something other than what the text around it says.

const files = contentFiles();
const presets = files.flatMap(presetsIn);

describe('demo presets in the guides and pitfalls', () => {
  test('every technique guide and pitfall page has a demo', () => {
    const withoutDemo = files.filter((file) => presetsIn(file).length === 0);
    expect(withoutDemo).toEqual([]);
  });

  for (const preset of presets) {
    const name = `${preset.file.slice(contentDir.length + 1)} ${preset.prop}`;
    const scenario = evaluatePreset(preset.literal);

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
