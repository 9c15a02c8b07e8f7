/**
 * A small, deterministic box layout for the simulation's statecharts, computed at build time.
 *
 * The .astro wrapper walks each machine's state nodes (`machine.root.states`) and hands the
 * island plain numbers, so no graph layout code ships to the browser. Atomic states are boxes;
 * compound and parallel states are frames around their children, which flow left to right and
 * wrap at a maximum width. Parallel regions are drawn dashed, as statecharts draw them.
 */

/** The part of an XState StateNode the layout reads. */
export interface StateNodeLike {
  key: string;
  type: string;
  states: Record<string, StateNodeLike>;
  transitions?: Map<string, { eventType: string; target?: readonly { key: string }[] }[]>;
}

export interface ChartNode {
  /** Dotted path from the root, e.g. `screen.home`; what `SimView.machines[].active` lists. */
  path: string;
  label: string;
  kind: 'atomic' | 'compound' | 'parallel';
  /** True when this node is one region of a parallel parent. */
  region: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
  /** "event → target" lines, for the tooltip and the text alternative. */
  transitions: string[];
}

export interface ChartLayout {
  id: string;
  label: string;
  width: number;
  height: number;
  nodes: ChartNode[];
}

const CHAR_WIDTH = 7;
const ATOM_HEIGHT = 26;
const HEADER = 20;
const PAD = 8;
const GAP = 8;
const MIN_ATOM = 56;
export const CHART_MAX_WIDTH = 520;

interface Box {
  w: number;
  h: number;
  place: (x: number, y: number, out: ChartNode[]) => void;
}

function transitionsOf(node: StateNodeLike): string[] {
  const lines: string[] = [];
  if (!node.transitions) return lines;
  for (const [eventType, list] of node.transitions) {
    for (const transition of list) {
      const targets = transition.target?.map((t) => t.key).join(', ');
      lines.push(targets ? `${eventType} → ${targets}` : eventType);
    }
    if (lines.length > 12) break;
  }
  return [...new Set(lines)];
}

function measure(node: StateNodeLike, path: string, region: boolean, maxWidth: number): Box {
  const children = Object.values(node.states ?? {});
  const label = node.key;
  const transitions = transitionsOf(node);
  if (children.length === 0) {
    const w = Math.max(MIN_ATOM, label.length * CHAR_WIDTH + 16);
    return {
      w,
      h: ATOM_HEIGHT,
      place: (x, y, out) =>
        out.push({ path, label, kind: 'atomic', region, x, y, w, h: ATOM_HEIGHT, transitions }),
    };
  }
  const parallel = node.type === 'parallel';
  const inner = maxWidth - 2 * PAD;
  const boxes = children.map((child) =>
    measure(child, path ? `${path}.${child.key}` : child.key, parallel, inner),
  );
  // Flow the children into rows that fit the inner width.
  const rows: { boxes: Box[]; w: number; h: number }[] = [];
  for (const box of boxes) {
    const row = rows[rows.length - 1];
    if (row && row.w + GAP + box.w <= inner) {
      row.boxes.push(box);
      row.w += GAP + box.w;
      row.h = Math.max(row.h, box.h);
    } else {
      rows.push({ boxes: [box], w: box.w, h: box.h });
    }
  }
  const contentW = Math.max(...rows.map((r) => r.w));
  const contentH = rows.reduce((sum, r) => sum + r.h, 0) + GAP * (rows.length - 1);
  const w = Math.max(contentW + 2 * PAD, label.length * CHAR_WIDTH + 2 * PAD);
  const h = contentH + HEADER + PAD;
  return {
    w,
    h,
    place: (x, y, out) => {
      out.push({
        path,
        label,
        kind: parallel ? 'parallel' : 'compound',
        region,
        x,
        y,
        w,
        h,
        transitions,
      });
      let rowY = y + HEADER;
      for (const row of rows) {
        let cellX = x + PAD;
        for (const box of row.boxes) {
          box.place(cellX, rowY, out);
          cellX += box.w + GAP;
        }
        rowY += row.h + GAP;
      }
    },
  };
}

/** Lays out one machine's states; the root itself is not drawn, only its children. */
export function layoutMachine(
  id: string,
  label: string,
  root: StateNodeLike,
  maxWidth = CHART_MAX_WIDTH,
): ChartLayout {
  const nodes: ChartNode[] = [];
  const parallel = root.type === 'parallel';
  const boxes = Object.values(root.states ?? {}).map((child) =>
    measure(child, child.key, parallel, maxWidth),
  );
  let x = 0;
  let y = 0;
  let rowH = 0;
  let width = 0;
  for (const box of boxes) {
    if (x > 0 && x + box.w > maxWidth) {
      x = 0;
      y += rowH + GAP;
      rowH = 0;
    }
    box.place(x, y, nodes);
    x += box.w + GAP;
    width = Math.max(width, x - GAP);
    rowH = Math.max(rowH, box.h);
  }
  return { id, label, width: Math.ceil(width) + 2, height: Math.ceil(y + rowH) + 2, nodes };
}
