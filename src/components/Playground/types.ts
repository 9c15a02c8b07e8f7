/** Data the Playground wrappers compute at build time and hand to the island as props. */
import type { ChartLayout } from '../../playground/statechart-data.ts';

export type { ChartLayout };

/** One highlighted line of the Swift listing. */
export interface ListingLineData {
  /** [text, index into `styles`] pairs. */
  tokens: [string, number][];
  /** Callback names whose method contains the line. */
  methods: string[];
  /** App code choices that must hold for the line to show. */
  when?: (readonly [string, string])[];
}

export interface ListingData {
  lines: ListingLineData[];
  /** "lightColor darkColor" per token style. */
  styles: string[];
}

export const PANELS = ['phone', 'controls', 'code', 'timeline', 'machines', 'log'] as const;
export type Panel = (typeof PANELS)[number];

export const CONTROL_GROUPS = ['user', 'system', 'conditions', 'app', 'time'] as const;
export type ControlGroup = (typeof CONTROL_GROUPS)[number];
