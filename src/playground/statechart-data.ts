/**
 * The statechart data the build hands the island: boxes, arrows and label boxes in pixels, plus
 * the text metrics both sides share. No layout code here, so the island can import it.
 */
import type { GraphNode } from './statechart-graph.ts';

/*
 * Boxes and polylines are strings ("x y w h", "x,y x,y"): Astro writes every number of an
 * island's props as its own tagged value, so numbers in arrays would triple the page's weight.
 */
export interface ChartNode {
  /** Dotted path from the root; its last part is the state's name. */
  path: string;
  kind: GraphNode['kind'];
  /** One region of a parallel parent. */
  region?: true;
  description?: string;
  internal?: string[];
  /** "x y w h". */
  box: string;
}

export interface ChartEdge {
  from: string;
  to: string;
  /** One line per transition; the island breaks them with `wrap`, as the layout did. */
  lines: string[];
  delays?: string[];
  /** The arrow's polyline, as SVG writes one ("x,y x,y"), ending at the target. */
  points: string;
  /** The label's box: "x y w h". */
  box: string;
}

export interface ChartLayout {
  id: string;
  label: string;
  /** What the chart stands for when the machine runs once per instance. */
  note?: string;
  width: number;
  height: number;
  nodes: ChartNode[];
  edges: ChartEdge[];
}

/** Text metrics the island's CSS keeps (12 px state names, 11 px labels). */
export const METRICS = {
  nameChar: 7.2,
  labelChar: 6.3,
  line: 13,
  atomHeight: 26,
  header: 22,
  pad: 8,
} as const;

/** Breaks a label line at spaces so no line is longer than `max` characters. */
export function wrap(line: string, max = 26): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > max) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Reads a "x y w h" box. */
export function boxOf(box: string): Box {
  const [x = 0, y = 0, w = 0, h = 0] = box.split(' ').map(Number);
  return { x, y, w, h };
}

/** A state's name: the last part of its path. */
export const nameOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);
