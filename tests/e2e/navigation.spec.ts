import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { challenges } from '../../src/learn/challenges.ts';
import { PITFALL_APIS } from '../../src/lib/pitfall-apis.ts';
import { sitemapPaths } from '../support/built-site.ts';

// A newcomer finds every page from the sidebar, the index pages and the home page, and can read
// the guides in order with the previous and next links. Pages come from the build's sitemap and
// the reading order from the guides' `sidebar.order`, so a new page is held to the same checks.

const contentDir = join(import.meta.dirname, '..', '..', 'content');
const paths = sitemapPaths();

/** The pages of a content folder in sidebar order (`sidebar.order`, then slug, as Starlight). */
function inSidebarOrder(folder: 'guides' | 'pitfalls'): string[] {
  return readdirSync(join(contentDir, folder))
    .filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
    .map((name) => {
      const text = readFileSync(join(contentDir, folder, name), 'utf8');
      const order = /^sidebar:\s*\n\s+order:\s*(\d+)/m.exec(text)?.[1];
      return { slug: name.slice(0, -'.mdx'.length), order: order ? Number(order) : Infinity };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
    .map(({ slug }) => `/${folder}/${slug}/`);
}

const guides = inSidebarOrder('guides');
const pitfalls = inSidebarOrder('pitfalls');
/** The order previous and next links walk: the sidebar from top to bottom. */
const readingPath = [
  '/',
  '/playground/',
  '/learn/',
  '/guides/',
  ...guides,
  '/pitfalls/',
  ...pitfalls,
];

/** A challenge's pages walk the learning path, from /learn/ and back to it at the end. */
const challengePaths = challenges.map((challenge) => `/learn/${challenge.slug}/`);

/** Where a page's previous and next links lead (next is undefined on the last page). */
function neighbours(path: string): [string, string | undefined] {
  const step = challengePaths.indexOf(path);
  if (step >= 0)
    return [challengePaths[step - 1] ?? '/learn/', challengePaths[step + 1] ?? '/learn/'];
  const index = readingPath.indexOf(path);
  expect(index, `${path} is on the reading path`).toBeGreaterThan(0);
  return [readingPath[index - 1] ?? '', readingPath[index + 1]];
}

/** The hrefs of the links a reader can see in a region, in document order. */
async function linkTargets(region: Locator | Page): Promise<string[]> {
  const hrefs = await region
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => new URL(href, 'http://site').pathname);
}

test('the sitemap has every guide and pitfall page and both index pages', () => {
  expect(paths).toEqual(expect.arrayContaining([...readingPath]));
});

for (const path of paths.filter((p) => p !== '/')) {
  test(`the sidebar of ${path} links every guide in reading order and every pitfall, and previous and next lead on`, async ({
    page,
  }) => {
    // The sidebar and the pagination are static HTML: no need to wait for the islands.
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    const sidebar = page.getByRole('navigation', { name: 'Main' });
    await expect(sidebar.getByRole('link', { name: 'All guides, in reading order' })).toBeVisible();
    const targets = await linkTargets(sidebar);
    expect(targets.filter((target) => target.startsWith('/guides/'))).toEqual([
      '/guides/',
      ...guides,
    ]);
    expect(targets.filter((target) => target.startsWith('/pitfalls/'))).toEqual([
      '/pitfalls/',
      ...pitfalls,
    ]);

    const [previous, following] = neighbours(path);
    await expect(page.getByRole('link', { name: /^Previous/ })).toHaveAttribute('href', previous);
    const next = page.getByRole('link', { name: /^Next/ });
    if (following) await expect(next).toHaveAttribute('href', following);
    else await expect(next).toHaveCount(0);
  });
}

test('on a phone, the menu lists every guide and every pitfall', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(guides[0] ?? '/');
  await page.getByRole('button', { name: 'Menu' }).click();
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await expect(sidebar.getByRole('link', { name: 'All pitfalls, by API' })).toBeVisible();
  const targets = await linkTargets(sidebar);
  expect(targets).toEqual(expect.arrayContaining([...guides, ...pitfalls]));
});

test('/guides/ lists every guide in reading order, each with its time', async ({ page }) => {
  await page.goto('/guides/');
  const main = page.getByRole('main');
  const list = main
    .getByRole('list')
    .filter({ has: page.getByRole('link') })
    .first();
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(guides.length);
  expect(await linkTargets(list)).toEqual(guides);
  for (const item of await items.all()) await expect(item).toContainText(/\d+ min/);
});

test('/pitfalls/ groups every pitfall by API, each with its symptom', async ({ page }) => {
  await page.goto('/pitfalls/');
  const main = page.getByRole('main');
  const groups = await main.getByRole('heading', { level: 2 }).allTextContents();
  const apis: readonly string[] = PITFALL_APIS;
  expect(groups.length).toBeGreaterThan(0);
  expect(groups.map((group) => group.trim())).toEqual(
    apis.filter((api) => groups.some((group) => group.trim() === api)),
  );
  const listed: string[] = [];
  for (const group of await main.getByRole('region').all())
    listed.push(...(await linkTargets(group)));
  expect([...listed].sort()).toEqual([...pitfalls].sort());
  const symptoms = main.getByRole('definition');
  await expect(symptoms).toHaveCount(pitfalls.length);
  for (const symptom of await symptoms.all()) await expect(symptom).not.toBeEmpty();
});

test('the home page offers a start-here path through every guide, with times', async ({ page }) => {
  await page.goto('/');
  const path = page
    .getByRole('main')
    .getByRole('list')
    .filter({ has: page.getByRole('link', { name: /pitfalls/ }) });
  const steps = path.getByRole('listitem');
  await expect(steps).toHaveCount(guides.length + 3);
  expect(await linkTargets(path)).toEqual([...guides, '/playground/', '/learn/', '/pitfalls/']);
  for (const step of await steps.all()) await expect(step).toContainText(/\d+ min/);
});

test('every page in the sitemap is within two clicks of the home page', async ({ page }) => {
  const reached = new Set<string>(['/']);
  let frontier = ['/'];
  for (let click = 1; click <= 2; click++) {
    const next: string[] = [];
    for (const from of frontier) {
      // Stop once every page is found: later pages cannot add one, only slow a busy machine.
      if (reached.size === paths.length) break;
      await page.goto(from, { waitUntil: 'domcontentloaded' });
      for (const target of await linkTargets(page)) {
        if (paths.includes(target) && !reached.has(target)) {
          reached.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  expect(paths.filter((path) => !reached.has(path))).toEqual([]);
});
