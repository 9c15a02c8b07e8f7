/**
 * The guides and pitfall pages as the index pages and the home page list them: guides in
 * reading order (their `sidebar.order`, as the sidebar has them), pitfalls grouped by API.
 */

import { getCollection, type CollectionEntry } from 'astro:content';
import { PITFALL_APIS, type PitfallApi } from '../../lib/pitfall-apis.ts';
import { readingMinutes } from '../../lib/reading-time.ts';

type Entry = CollectionEntry<'docs'>;

export interface GuideLink {
  href: string;
  title: string;
  description: string;
  minutes: number;
}

export interface PitfallLink {
  href: string;
  title: string;
  symptom: string;
  minutes: number;
}

export interface PitfallGroup {
  api: PitfallApi;
  /** The anchor of the group's heading on /pitfalls/. */
  id: string;
  pitfalls: PitfallLink[];
}

/** Every guide in reading order, with its description and reading time. */
export async function guidesInReadingOrder(): Promise<GuideLink[]> {
  const guides = await entriesIn('guides');
  return guides.map((entry) => ({
    href: `/${entry.id}/`,
    title: entry.data.title,
    description: entry.data.description ?? '',
    minutes: readingMinutes(entry.body ?? ''),
  }));
}

/** Every pitfall page grouped by its `pitfall.api`, groups in `PITFALL_APIS` order. */
export async function pitfallsByApi(): Promise<PitfallGroup[]> {
  const pitfalls = await entriesIn('pitfalls');
  const missing = pitfalls.filter((entry) => !entry.data.pitfall).map((entry) => entry.filePath);
  if (missing.length > 0) {
    // A page without the field would vanish from the index, so the build stops instead.
    throw new Error(
      `Pitfall pages need \`pitfall: { api, symptom }\` in their frontmatter for /pitfalls/: ${missing.join(', ')}`,
    );
  }
  return PITFALL_APIS.map((api) => ({
    api,
    id: slugify(api),
    pitfalls: pitfalls
      .filter((entry) => entry.data.pitfall?.api === api)
      .map((entry) => ({
        href: `/${entry.id}/`,
        title: entry.data.title,
        symptom: entry.data.pitfall?.symptom ?? '',
        minutes: readingMinutes(entry.body ?? ''),
      })),
  })).filter((group) => group.pitfalls.length > 0);
}

/** The published pages of one content folder, in the sidebar's order. */
async function entriesIn(folder: 'guides' | 'pitfalls'): Promise<Entry[]> {
  const entries = await getCollection(
    'docs',
    (entry) => entry.id.startsWith(`${folder}/`) && !entry.data.draft,
  );
  // Starlight's own tie-break, so the index pages and the sidebar agree.
  return entries.sort(
    (a, b) =>
      (a.data.sidebar.order ?? Number.MAX_VALUE) - (b.data.sidebar.order ?? Number.MAX_VALUE) ||
      a.id.localeCompare(b.id),
  );
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
