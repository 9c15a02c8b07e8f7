/**
 * Build-time work for the Playground wrappers: the Shiki-highlighted Swift listing and the
 * statechart layouts. Only the .astro files import this module, so neither Shiki nor elkjs
 * reaches the browser; the island receives plain data.
 */
import { codeToTokens } from 'shiki';
import { listingTemplate } from '../../playground/swift-listing.ts';
import { machines } from '../../sim/index.ts';
import { machineGraph, type StateNodeLike } from '../../playground/statechart-graph.ts';
import type { ChartLayout } from '../../playground/statechart-data.ts';
import { layoutChart } from '../../playground/statechart-layout.ts';
import type { ListingData } from './types.ts';

let listingPromise: Promise<ListingData> | undefined;

/**
 * Highlights every variant of the app's Swift once per build, light and dark as CSS variables.
 * The high-contrast GitHub themes keep every token above 4.5:1, also on a lit line's tint
 * (plain github-dark's comments fall to about 3:1).
 */
export function buildListing(): Promise<ListingData> {
  listingPromise ??= highlight();
  return listingPromise;
}

async function highlight(): Promise<ListingData> {
  const template = listingTemplate();
  const result = await codeToTokens(template.map((line) => line.text).join('\n'), {
    lang: 'swift',
    themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    defaultColor: false,
  });
  const styles: string[] = [];
  const styleIndex = new Map<string, number>();
  const lines = template.map((line, i) => {
    const tokens = (result.tokens[i] ?? []).map((token): [string, number] => {
      const style = token.htmlStyle ?? {};
      const key = `${style['--shiki-light'] ?? ''} ${style['--shiki-dark'] ?? ''}`;
      let index = styleIndex.get(key);
      if (index === undefined) {
        index = styles.length;
        styles.push(key);
        styleIndex.set(key, index);
      }
      return [token.content, index];
    });
    return { tokens, methods: line.methods, ...(line.when ? { when: line.when } : {}) };
  });
  return { lines, styles };
}

/** The chart of each machine, and what it stands for when it runs once per instance. */
const CHARTS: { id: keyof typeof machines; label: string; note?: string }[] = [
  { id: 'app', label: 'App process' },
  { id: 'device', label: 'iPhone' },
  { id: 'transferDaemon', label: 'Transfer daemon' },
  {
    id: 'transfer',
    label: 'URLSessionTask',
    note: 'One per URLSessionTask; ×2 on a state means two tasks are in it.',
  },
  { id: 'scheduler', label: 'Task scheduler' },
  {
    id: 'taskRequest',
    label: 'BGTask request',
    note: 'One per BGTaskRequest or continued-processing task.',
  },
  { id: 'push', label: 'Push service' },
];

let chartsPromise: Promise<ChartLayout[]> | undefined;

/** Lays out every machine of the simulation as a statechart, once per build. */
export function buildCharts(): Promise<ChartLayout[]> {
  chartsPromise ??= Promise.all(
    CHARTS.map(({ id, label, note }) =>
      layoutChart(id, label, machineGraph(machines[id].root as unknown as StateNodeLike), note),
    ),
  );
  return chartsPromise;
}
