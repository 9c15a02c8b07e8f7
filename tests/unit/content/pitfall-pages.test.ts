import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// js-yaml is the parser Astro reads frontmatter with, so this test sees what the build sees.
import { load as parseYaml } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { PITFALL_APIS } from '../../../src/lib/pitfall-apis.ts';
import { runScenario, validateScenario, type Summary } from '../../../src/sim/index.ts';
import { contentDir, contentFiles, evaluatePreset, objectAt } from '../../support/presets.ts';

// A pitfall page is one mistake, laid out the same way every time so a reader arriving from a
// code review finds the symptom, the cause, the fix, a demo and the source where they expect;
// its frontmatter feeds the /pitfalls/ index; and its side-by-side demo must show a difference.

const root = join(import.meta.dirname, '..', '..', '..');

/** The sections every pitfall page has, in this order (other sections may sit between them). */
const SECTIONS = ['Symptom', 'Why it happens', 'The fix', 'See it happen', 'Source'];

const pitfallFiles = readdirSync(join(contentDir, 'pitfalls'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => join(contentDir, 'pitfalls', name));

function frontmatterOf(mdx: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  return (match ? parseYaml(match[1] ?? '') : {}) as Record<string, unknown>;
}

/** The `##` headings of an MDX file, outside fenced code. */
function headingsOf(mdx: string): string[] {
  let inFence = false;
  const headings: string[] = [];
  for (const line of mdx.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^## (.+?)\s*$/.exec(line);
    if (heading) headings.push(heading[1] ?? '');
  }
  return headings;
}

interface Compare {
  file: string;
  title: string;
  broken: string;
  fixed: string;
}

/** Every PlaygroundCompare element of an MDX file with its broken and fixed presets. */
function comparesIn(file: string): Compare[] {
  const text = readFileSync(file, 'utf8');
  const starts = [...text.matchAll(/<PlaygroundCompare\b/g)].map((match) => match.index ?? 0);
  return starts.map((start, i) => {
    const element = text.slice(start, starts[i + 1] ?? text.length);
    const prop = (name: string): string => {
      const at = new RegExp(`\\b${name}=\\{\\{`).exec(element);
      if (!at) throw new Error(`${relative(root, file)}: a PlaygroundCompare has no ${name}`);
      return objectAt(element, at.index + at[0].length - 1);
    };
    const title = /\btitle="([^"]*)"/.exec(element)?.[1] ?? `demo ${i + 1}`;
    return { file, title, broken: prop('broken'), fixed: prop('fixed') };
  });
}

/** What a reader sees when a run ends: the phone's app state, kills, transfers, callbacks. */
function endOfRun(summary: Summary) {
  return {
    appState: summary.app.state,
    terminations: summary.app.terminations.map(({ reason, code }) => ({ reason, code })),
    transfers: summary.transfers.map(({ id, state, error }) => ({ id, state, error })),
    backgroundTasks: summary.backgroundTasks.map(({ name, state }) => ({ name, state })),
    scheduledTasks: summary.scheduledTasks.map(({ identifier, state }) => ({ identifier, state })),
    callbacks: summary.callbacks.map(({ name }) => name),
    refused: summary.refused.map(({ type, reason }) => `${type}: ${reason}`),
  };
}

function run(source: string): ReturnType<typeof endOfRun> {
  const scenario = evaluatePreset(source);
  const result = validateScenario(scenario);
  if (!result.ok) throw new Error(result.error);
  return endOfRun(runScenario(result.scenario));
}

describe('pitfall pages', () => {
  for (const file of pitfallFiles) {
    const name = relative(root, file);
    const mdx = readFileSync(file, 'utf8');

    test(`${name} has the sections ${SECTIONS.join(', ')}, in order`, () => {
      const headings = headingsOf(mdx).filter((heading) => SECTIONS.includes(heading));
      expect(headings).toEqual(SECTIONS);
    });

    test(`${name} names its API and its symptom for the /pitfalls/ index`, () => {
      const pitfall = frontmatterOf(mdx).pitfall as { api?: unknown; symptom?: unknown } | undefined;
      expect(pitfall, 'frontmatter `pitfall: { api, symptom }`').toBeDefined();
      expect(PITFALL_APIS).toContain(pitfall?.api);
      expect(typeof pitfall?.symptom === 'string' ? pitfall.symptom.trim() : '').not.toBe('');
    });
  }
});

describe('side-by-side demos', () => {
  const compares = contentFiles().flatMap(comparesIn);

  test('exist on the pitfall pages', () => {
    expect(compares.length).toBeGreaterThan(0);
  });

  for (const compare of compares) {
    test(`${relative(root, compare.file)} "${compare.title}": the broken and fixed runs end differently`, () => {
      const broken = run(compare.broken);
      expect(broken, `both runs end as ${JSON.stringify(broken)}`).not.toEqual(run(compare.fixed));
    });
  }
});
