/**
 * `npm run lighthouse`: Lighthouse's mobile performance score for every page of the built site
 * (or the paths given as arguments), with total blocking time, largest contentful paint and
 * layout shift. A benchmark that prints numbers, not a test: scores move with the machine's load,
 * so run it on an idle machine and compare runs made under the same conditions.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, findChromium } from '../tests/support/chromium.ts';
import { htmlFileFor, sitemapPaths } from '../tests/support/built-site.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

const paths = process.argv.length > 2 ? process.argv.slice(2) : sitemapPaths();

// A plain static server over dist/, as a static host would serve it.
const server = createServer((request, response) => {
  const file = htmlFileFor(request.url ?? '/');
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
    console.log(
      [
        String(Math.round((categories['performance']?.score ?? 0) * 100)).padStart(5),
        String(Math.round(value('total-blocking-time'))).padStart(7),
        (value('largest-contentful-paint') / 1000).toFixed(1).padStart(6),
        value('cumulative-layout-shift').toFixed(3).padStart(6),
        `  ${path}`,
      ].join(''),
    );
  }
} finally {
  await chrome.kill();
  server.close();
}
