/**
 * Headless runner: `npm run sim -- scenario.json` (or `-` for standard input) prints the
 * summary as JSON. Exits 2 with one line on standard error for anything that is not a valid
 * scenario. A thin wrapper over parseScenario and runScenario.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, runScenario } from '../src/sim/index.ts';

function fail(message: string): never {
  process.stderr.write(`${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(2);
}

const arg = process.argv[2];
if (arg === undefined) fail('usage: npm run sim -- <scenario.json | ->');

let text: string;
try {
  text = arg === '-' ? readFileSync(0, 'utf8') : readFileSync(arg, 'utf8');
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(
    code === 'ENOENT'
      ? `cannot read ${arg}: no such file`
      : `cannot read ${arg}: ${code ?? 'unreadable'}`,
  );
}

const parsed = parseScenario(text);
if (!parsed.ok) fail(`${arg === '-' ? 'stdin' : arg}: ${parsed.error}`);
process.stdout.write(`${JSON.stringify(runScenario(parsed.scenario), null, 2)}\n`);
