import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { axeExceptions } from '../support/axe-exceptions.ts';
import { htmlFileFor, idsIn, sitemapPaths } from '../support/built-site.ts';

// Site-wide checks: every page in the sitemap is held to them, so every new page is too.

const TEXT_PAGE_BUDGET_KB = 40;
const PLAYGROUND_PAGE_BUDGET_KB = 160;
// A page of demos must stay light enough for a phone: the HTML as served and the DOM once every
// island has hydrated (the heaviest guide was 722 KB and 7,156 elements before embeds shrank).
const HTML_BUDGET_KB = 250;
// The playground page is the whole tool, with the Swift listing it alone ships.
const PLAYGROUND_HTML_BUDGET_KB = 300;
const DOM_ELEMENT_BUDGET = 3000;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const path of sitemapPaths()) {
  test.describe(`page ${path}`, () => {
    test('loads with no console errors and no failed requests', async ({ page }) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await page.exposeFunction('reportCspViolation', (text: string) => problems.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { reportCspViolation: (t: string) => void })
            .reportCspViolation;
          report(`CSP blocked ${event.blockedURI || 'inline'} (${event.effectiveDirective})`);
        });
      });
      await page.goto(path);
      await scrollToHydrateIslands(page);
      expect(problems).toEqual([]);
    });

    test('ships a Content-Security-Policy that runs no unlisted inline script', () => {
      const html = readFileSync(htmlFileFor(path)!, 'utf8');
      const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(
        html,
      )?.[1];
      expect(policy, 'the page has a policy').toBeDefined();
      const scriptSrc = policy!.split(';').find((d) => d.trim().startsWith('script-src ')) ?? '';
      expect(scriptSrc).toContain("'self'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`has no WCAG 2.2 A or AA violations in ${colorScheme} mode`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        await scrollToHydrateIslands(page);
        const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        const violations = results.violations.flatMap((violation) =>
          violation.nodes
            .filter((node) => !isExcepted(violation.id, node.target.join(' ')))
            .map((node) => `${violation.id} (${violation.help}) at ${node.target.join(' ')}`),
        );
        expect(violations).toEqual([]);
      });
    }

    test('has internal links and #fragments that all resolve', async ({ page, baseURL }) => {
      await page.goto(path);
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
      const origin = new URL(baseURL ?? 'http://localhost').origin;
      const broken: string[] = [];
      for (const href of new Set(hrefs)) {
        const target = new URL(href, new URL(path, origin));
        if (target.origin !== origin) continue;
        const file = htmlFileFor(target.pathname);
        if (!file) {
          broken.push(`${href}: no page at ${target.pathname}`);
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        // A fragment with parameters (#run=v1.…, a shared playground run) names no element.
        if (fragment && !fragment.includes('=') && !idsIn(file).has(fragment)) {
          broken.push(`${href}: no element with id "${fragment}" on ${target.pathname}`);
        }
      }
      expect(broken).toEqual([]);
    });

    test('stays inside its JavaScript budget', async ({ page }) => {
      const sizes: Promise<number>[] = [];
      page.on('response', (response) => {
        const type = response.headers()['content-type'] ?? '';
        if (response.request().resourceType() === 'script' || type.includes('javascript')) {
          sizes.push(
            response.body().then(
              (body) => gzipSync(body).length,
              () => 0,
            ),
          );
        }
      });
      await page.goto(path);
      await scrollToHydrateIslands(page);
      const totalKb = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0) / 1024;
      const hasPlayground = (await page.locator('astro-island').count()) > 0;
      const budget = hasPlayground ? PLAYGROUND_PAGE_BUDGET_KB : TEXT_PAGE_BUDGET_KB;
      console.log(`JS budget ${path}: ${totalKb.toFixed(1)} KB gz of ${budget} KB`);
      expect(totalKb).toBeLessThanOrEqual(budget);
    });

    test('stays inside its HTML and DOM budgets', async ({ page }) => {
      const htmlKb = statSync(htmlFileFor(path)!).size / 1024;
      const htmlBudget = path === '/playground/' ? PLAYGROUND_HTML_BUDGET_KB : HTML_BUDGET_KB;
      await page.goto(path);
      await scrollToHydrateIslands(page);
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      console.log(
        `Weight ${path}: ${htmlKb.toFixed(0)} KB of HTML (budget ${htmlBudget}), ` +
          `${elements} elements after hydration (budget ${DOM_ELEMENT_BUDGET})`,
      );
      expect(htmlKb).toBeLessThanOrEqual(htmlBudget);
      expect(elements).toBeLessThanOrEqual(DOM_ELEMENT_BUDGET);
    });
  });
}

// Where the page's text starts, on a phone, while images are still arriving and once they have:
// an image without room reserved for it pushes everything below it down when it loads.
for (const path of ['/', '/guides/background-transfers/', '/playground/']) {
  test(`page ${path} keeps room for its images before they load, so nothing below jumps`, async ({
    browser,
  }) => {
    const textTop = async (images: 'blocked' | 'loaded') => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      if (images === 'blocked') await page.route(/\.(svg|png|jpe?g|webp|avif)$/, (r) => r.abort());
      await page.goto(path, { waitUntil: 'load' });
      const top = await page
        .locator('.sl-markdown-content')
        .first()
        .evaluate((el) => el.getBoundingClientRect().top);
      await page.close();
      return top;
    };
    expect(await textTop('blocked')).toBe(await textTop('loaded'));
  });
}

/**
 * Brings each island into view so those hydrated on visibility load their JavaScript, and waits
 * until every one has hydrated (Astro drops its `ssr` attribute then), so a busy machine cannot
 * measure a page before its islands have loaded.
 */
async function scrollToHydrateIslands(page: Page): Promise<void> {
  const islands = page.locator('astro-island');
  for (let i = 0; i < (await islands.count()); i++) {
    await islands.nth(i).scrollIntoViewIfNeeded();
    await expect(islands.nth(i)).not.toHaveAttribute('ssr', { timeout: 15_000 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForLoadState('networkidle');
}

function isExcepted(rule: string, target: string): boolean {
  return axeExceptions.some((exception) => exception.rule === rule && exception.target === target);
}
