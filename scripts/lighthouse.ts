/**
 * `npm run lighthouse`: Lighthouse's mobile performance score for every page of the built site
 * (or the paths given as arguments), with total blocking time, largest contentful paint and
 * layout shift. A benchmark that prints numbers, not a test: scores move with the machine's load,
 * so run it on an idle machine and compare runs made under the same conditions. It ends with the
 * pages below the budget: a score of 90, and no layout shift above 0.1.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, findChromium } from '../tests/support/chromium.ts';
import { sitemapPaths } from '../tests/support/built-site.ts';
import { serveDist } from '../tests/support/static-server.ts';

const paths = process.argv.length > 2 ? process.argv.slice(2) : sitemapPaths();
const MIN_SCORE = 90;
const MAX_CLS = 0.1;
const overBudget: string[] = [];

const { origin, server } = await serveDist();

const chrome = await chromeLauncher.launch({
  chromePath: findChromium(),
  chromeFlags: ['--headless=new', ...chromiumArgs],
});
console.log('score  TBT ms  LCP s  CLS    page');
try {
  for (const path of paths) {
    const result = await lighthouse(`${origin}${path}`, {
      port: chrome.port,
      onlyCategories: ['performance'],
      formFactor: 'mobile',
      logLevel: 'error',
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { categories, audits } = result.lhr;
    const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
    const score = Math.round((categories['performance']?.score ?? 0) * 100);
    if (score < MIN_SCORE || value('cumulative-layout-shift') > MAX_CLS) overBudget.push(path);
    console.log(
      [
        String(score).padStart(5),
        String(Math.round(value('total-blocking-time'))).padStart(7),
        (value('largest-contentful-paint') / 1000).toFixed(1).padStart(6),
        value('cumulative-layout-shift').toFixed(3).padStart(6),
        `  ${path}`,
      ].join(''),
    );
  }
  console.log(
    overBudget.length === 0
      ? `Every page scores ${MIN_SCORE} or more, with CLS at most ${MAX_CLS}.`
      : `Below the budget (score ${MIN_SCORE}, CLS ${MAX_CLS}): ${overBudget.join(', ')}`,
  );
} finally {
  await chrome.kill();
  server.close();
}
