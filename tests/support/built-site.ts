import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const distDir = join(import.meta.dirname, '..', '..', 'dist');

/** Paths of every page in the built sitemap, e.g. `/guides/app-lifecycle/`. */
export function sitemapPaths(): string[] {
  const index = join(distDir, 'sitemap-index.xml');
  if (!existsSync(index)) {
    throw new Error(
      'dist/sitemap-index.xml is missing: run `npm run build` before the site checks.',
    );
  }
  const sitemaps = locs(readFileSync(index, 'utf8')).map((url) =>
    join(distDir, new URL(url).pathname),
  );
  return sitemaps.flatMap((file) =>
    locs(readFileSync(file, 'utf8')).map((url) => new URL(url).pathname),
  );
}

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? '');
}

/** The built HTML file a site path is served from, or undefined when there is none. */
export function htmlFileFor(path: string): string | undefined {
  const clean = decodeURIComponent(path.split(/[?#]/)[0] ?? '/');
  const candidates = clean.endsWith('/')
    ? [join(distDir, clean, 'index.html')]
    : [join(distDir, clean), join(distDir, `${clean}.html`), join(distDir, clean, 'index.html')];
  return candidates.find((file) => existsSync(file));
}

const idCache = new Map<string, Set<string>>();

/** Every `id` attribute in a built HTML file: the fragments a link to that page may target. */
export function idsIn(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const html = readFileSync(file, 'utf8');
    ids = new Set(
      [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => decodeEntities(match[1] ?? '')),
    );
    idCache.set(file, ids);
  }
  return ids;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
