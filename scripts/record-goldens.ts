/**
 * Records the golden summaries: `node scripts/record-goldens.ts` writes tests/golden/<name>.json
 * for every scenario in scenarios/ and every demo preset in content/guides and content/pitfalls,
 * each holding the scenario itself beside its summary, so a golden never depends on the MDX.
 * tests/unit/sim/golden.test.ts replays each one and expects exactly the stored summary.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runScenario, validateScenario } from '../src/sim/index.ts';
import { contentDir, contentFiles, evaluatePreset, presetsIn } from '../tests/support/presets.ts';

const root = join(import.meta.dirname, '..');
const out = join(root, 'tests', 'golden');

interface Source {
  name: string;
  source: string;
  value: unknown;
}

function scenarioFiles(): Source[] {
  const dir = join(root, 'scenarios');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({
      name: `scenario-${file.replace(/\.json$/, '')}`,
      source: `scenarios/${file}`,
      value: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown,
    }));
}

/** Every demo preset in content/, named by page, prop and its number among that prop's presets. */
function presets(): Source[] {
  const seen = new Map<string, number>();
  return contentFiles()
    .flatMap(presetsIn)
    .map(({ file, prop, literal }) => {
      const page = relative(contentDir, file).replace(/\.mdx$/, '');
      const key = `${page} ${prop}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return {
        name: `${page.replace('/', '-')}-${prop}-${n}`,
        source: `content/${page}.mdx ${prop} #${n}`,
        value: evaluatePreset(literal),
      };
    });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let written = 0;
for (const { name, source, value } of [...scenarioFiles(), ...presets()]) {
  const checked = validateScenario(value);
  if (!checked.ok) {
    process.stderr.write(`skipped ${source}: ${checked.error}\n`);
    continue;
  }
  const golden = { source, scenario: checked.scenario, summary: runScenario(checked.scenario) };
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(golden, null, 2)}\n`);
  written += 1;
}
process.stdout.write(`wrote ${written} golden files to tests/golden/\n`);
