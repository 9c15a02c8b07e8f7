/**
 * Records the golden summaries: `node scripts/record-goldens.ts` writes tests/golden/<name>.json
 * for every scenario in scenarios/ and every demo preset in content/guides and content/pitfalls,
 * each holding the scenario itself beside its summary, so a golden never depends on the MDX.
 * tests/unit/sim/golden.test.ts replays each one and expects exactly the stored summary.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, timing, validateScenario } from '../src/sim/index.ts';

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

/** The object literals after `scenario={`, `broken={` and `fixed={`, as presets.test.ts finds them. */
function presets(folder: string): Source[] {
  const dir = join(root, 'content', folder);
  const found: Source[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.mdx'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const seen = new Map<string, number>();
    for (const match of text.matchAll(/\b(scenario|broken|fixed)=\{\{/g)) {
      const start = (match.index ?? 0) + match[0].length - 1;
      let depth = 0;
      let end = start;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        if (text[end] === '}' && --depth === 0) break;
      }
      const prop = match[1] ?? 'scenario';
      const n = (seen.get(prop) ?? 0) + 1;
      seen.set(prop, n);
      const slug = file.replace(/\.mdx$/, '');
      const literal = text.slice(start, end + 1);
      found.push({
        name: `${folder}-${slug}-${prop}-${n}`,
        source: `content/${folder}/${file} ${prop} #${n}`,
        value: new Function('timing', `return (${literal});`)(timing) as unknown,
      });
    }
  }
  return found;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let written = 0;
for (const { name, source, value } of [
  ...scenarioFiles(),
  ...presets('guides'),
  ...presets('pitfalls'),
]) {
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
