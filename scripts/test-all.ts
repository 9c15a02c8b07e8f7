/**
 * `npm test`: every check the project has, in the order a failure is cheapest to read, ending
 * with one line of passed and failed counts. A failed step does not stop the later ones, except
 * that browser tests need a build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
}

const results: { step: string; counts: Counts }[] = [];
mkdirSync('test-results', { recursive: true });

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status === 0;
}

function step(name: string, command: string, args: string[]): boolean {
  const ok = run(command, args);
  results.push({ step: name, counts: { passed: ok ? 1 : 0, failed: ok ? 0 : 1 } });
  return ok;
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

step('type check', 'astro', ['check']);
step('lint', 'eslint', ['.']);
step('format', 'prettier', ['--check', '.']);

const vitestReport = 'test-results/vitest.json';
rmSync(vitestReport, { force: true });
const unitOk = run('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const unit = readJson(vitestReport) as
  { numPassedTests: number; numFailedTests: number } | undefined;
results.push({
  step: 'unit tests',
  counts: unit
    ? {
        passed: unit.numPassedTests,
        failed: unit.numFailedTests + (unitOk || unit.numFailedTests ? 0 : 1),
      }
    : { passed: 0, failed: 1 },
});

if (step('production build', 'astro', ['build'])) {
  const browserReport = 'test-results/playwright.json';
  rmSync(browserReport, { force: true });
  const browserOk = run('playwright', ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: browserReport });
  const browser = readJson(browserReport) as
    { stats: { expected: number; unexpected: number; flaky: number } } | undefined;
  results.push({
    step: 'browser tests and site checks',
    counts: browser
      ? {
          passed: browser.stats.expected,
          failed:
            browser.stats.unexpected +
            browser.stats.flaky +
            (browserOk || browser.stats.unexpected ? 0 : 1),
        }
      : { passed: 0, failed: 1 },
  });
}

console.log('\nSummary');
for (const { step: name, counts } of results) {
  console.log(
    `  ${counts.failed ? 'FAIL' : 'ok  '} ${name}: ${counts.passed} passed, ${counts.failed} failed`,
  );
}
const total = results.reduce(
  (sum, { counts }) => ({ passed: sum.passed + counts.passed, failed: sum.failed + counts.failed }),
  { passed: 0, failed: 0 },
);
console.log(`total: ${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed === 0 ? 0 : 1;
