/**
 * Build-time work for the Playground wrappers: the Shiki-highlighted Swift listing and the
 * statechart layouts. Only the .astro files import this module, so neither Shiki nor the layout
 * code reaches the browser; the island receives plain data.
 */
import { codeToTokens } from 'shiki';
import { listingTemplate } from '../../playground/swift-listing.ts';
import {
  layoutMachine,
  type ChartLayout,
  type StateNodeLike,
} from '../../playground/statechart-layout.ts';
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

/** The machines as the simulation exports them: a record or a list of XState machines. */
type MachinesExport =
  | Record<string, { id?: string; root: StateNodeLike }>
  | readonly { id?: string; root: StateNodeLike }[];

const LABELS: Record<string, string> = {
  device: 'Device',
  app: 'App process',
  appProcess: 'App process',
  transferDaemon: 'Transfer daemon',
  scheduler: 'Task scheduler',
  taskScheduler: 'Task scheduler',
  push: 'Push service',
  pushService: 'Push service',
};

/** Lays out every machine of the simulation as a statechart. */
export function buildCharts(machines: MachinesExport): ChartLayout[] {
  const entries: [string, { id?: string; root: StateNodeLike }][] = Array.isArray(machines)
    ? machines.map((m, i) => [m.id ?? m.root.key ?? String(i), m])
    : Object.entries(machines);
  return entries.map(([id, machine]) =>
    layoutMachine(id, LABELS[id] ?? machine.root.key ?? id, machine.root),
  );
}
