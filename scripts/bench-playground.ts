/**
 * Benchmarks the playground: loads /playground/ from the production build with a 1,000-event run
 * (through a share link, as a reader would open it), reports how long the link takes to show its
 * moment and how many elements the page then holds, and times one step, from the key press to
 * the updated page with layout done, as the median of 21 steps. The budget is one frame, 16 ms.
 *
 *   npm run build && node scripts/bench-playground.ts [events]
 *
 * With more than 5,000 events it only opens the link: stepping back replays the run, and that
 * many replays would take minutes.
 *
 * It serves dist/ itself on a free port, so it needs no preview server.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tests/support/chromium.ts';
import { serveDist } from '../tests/support/static-server.ts';
import { encodeRun } from '../src/lib/share-link.ts';
import type { ScenarioEvent } from '../src/sim/index.ts';

const BUDGET_MS = 16;
const SAMPLES = 21;
const dist = join(import.meta.dirname, '..', 'dist');

if (!existsSync(join(dist, 'playground', 'index.html'))) {
  console.error('dist/playground/index.html is missing: run `npm run build` first.');
  process.exit(2);
}

const EVENTS = Number(process.argv[2] ?? 1000);
const CURSOR = Math.floor(EVENTS / 2);

/** A realistic mix: a reader's session repeated until the run holds EVENTS events. */
function manyEvents(): ScenarioEvent[] {
  const cycle: ScenarioEvent[] = [
    { type: 'user.openApp' },
    { type: 'app.startUploads', count: 3, bytes: 4_000_000 },
    { type: 'app.beginBackgroundTask', name: 'finish-upload' },
    { type: 'user.goHome' },
    { type: 'clock.advance', ms: 1000 },
    { type: 'app.endBackgroundTask', name: 'finish-upload' },
    { type: 'clock.advance', ms: 30_000 },
    { type: 'system.memoryPressure' },
    { type: 'clock.advance', ms: 600_000 },
    { type: 'network.offline' },
    { type: 'user.openApp' },
    { type: 'app.scheduleAppRefresh', earliestBeginMs: 900_000 },
    { type: 'user.lockDevice' },
    { type: 'clock.advance', ms: 60_000 },
    { type: 'network.online' },
    { type: 'user.unlockDevice' },
    { type: 'user.openAppSwitcher' },
    { type: 'user.forceQuit' },
    { type: 'push.silent' },
    { type: 'clock.advance', ms: 3_600_000 },
  ];
  return Array.from({ length: EVENTS }, (_, i) => cycle[i % cycle.length]!);
}

const { origin, server } = await serveDist();

const events = manyEvents();
const token = await encodeRun({ scenario: { version: 1, app: {}, events }, cursor: CURSOR });
const url = `${origin}/playground/#run=${token}`;

const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const opened = performance.now();
  await page.goto(url);
  const slider = page.getByRole('slider', { name: 'Position in the run' });
  await slider.waitFor({ timeout: 180_000 });
  await page.waitForFunction(
    () => document.querySelector('.pg')?.getAttribute('data-ready') === 'true',
    null,
    { timeout: 180_000 },
  );
  await page.waitForFunction(
    (expected) =>
      document
        .querySelector('input[type="range"]')
        ?.getAttribute('aria-valuetext')
        ?.startsWith(expected) ?? false,
    `Step ${CURSOR} of ${EVENTS}`,
    { timeout: 180_000 },
  );
  const openMs = performance.now() - opened;
  const elements = await page.evaluate(() => ({
    page: document.querySelectorAll('*').length,
    timeline: document.querySelectorAll('.pg-timeline *').length,
    log: document.querySelectorAll('.pg-log *').length,
  }));
  console.log(`playground: ${EVENTS.toLocaleString('en')}-event link at step ${CURSOR}`);
  console.log(`  opens at its moment in ${(openMs / 1000).toFixed(1)} s`);
  console.log(
    `  elements: ${elements.page} on the page, ${elements.timeline} in the timeline, ${elements.log} in the log`,
  );
  if (EVENTS <= 5000) {
    await page.getByRole('button', { name: 'Step back' }).focus();

    /** Times one shortcut key: dispatch, React's commit and effects, then a forced layout. */
    const timeKey = (key: string) =>
      page.evaluate(async (key) => {
        const slider = document.querySelector('input[type="range"]')!;
        const before = slider.getAttribute('aria-valuetext');
        const changed = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (slider.getAttribute('aria-valuetext') !== before) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(slider, { attributes: true });
        });
        performance.mark('step-start');
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        await changed;
        void document.body.offsetHeight;
        performance.mark('step-end');
        return performance.measure('step', 'step-start', 'step-end').duration;
      }, key);

    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

    // Warm up, then measure steps forward (the common case) and steps back (a replay).
    for (let i = 0; i < 3; i++) await timeKey('.');
    const forward: number[] = [];
    for (let i = 0; i < SAMPLES; i++) forward.push(await timeKey('.'));
    const back: number[] = [];
    for (let i = 0; i < SAMPLES; i++) back.push(await timeKey(','));

    const stepForward = median(forward);
    const stepBack = median(back);
    console.log(`  steps: ${SAMPLES} samples each`);
    console.log(`  step forward: median ${stepForward.toFixed(1)} ms (budget ${BUDGET_MS} ms)`);
    console.log(`  step back (replays the run to the cursor): median ${stepBack.toFixed(1)} ms`);
    if (stepForward > BUDGET_MS) {
      console.error(`step forward is over the ${BUDGET_MS} ms budget`);
      process.exitCode = 1;
    }
  }
} finally {
  await browser.close();
  server.close();
}
