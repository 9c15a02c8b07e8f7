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
  transitions?: Map<
    string,
    { eventType: string; target?: readonly { key: string; path?: readonly string[] }[] }[]
  >;
}

/** One transition drawn as an arrow between two states (event names are in the tooltips). */
export interface ChartEdge {
  from: string;
  to: string;
  /** SVG path data, ending at the target's edge (the island adds the arrowhead). */
  d: string;
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
  edges: ChartEdge[];
}

const CHAR_WIDTH = 7;
const ATOM_HEIGHT = 26;
const HEADER = 20;
const PAD = 8;
const GAP = 8;
/** Room under each row for the arcs that join states in the same row. */
const ARC_ROOM = 22;
const MIN_ATOM = 56;
export const CHART_MAX_WIDTH = 720;

interface Box {
  w: number;
  h: number;
  place: (x: number, y: number, out: ChartNode[]) => void;
}

function targetsOf(node: StateNodeLike): string[] {
  const paths: string[] = [];
  for (const list of node.transitions?.values() ?? []) {
    for (const transition of list) {
      for (const target of transition.target ?? []) {
        if (target.path && target.path.length > 0) paths.push(target.path.join('.'));
      }
    }
  }
  return [...new Set(paths)];
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
  const contentH = rows.reduce((sum, r) => sum + r.h + ARC_ROOM, 0) + GAP * (rows.length - 1);
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
        rowY += row.h + ARC_ROOM + GAP;
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
      y += rowH + ARC_ROOM + GAP;
      rowH = 0;
    }
    box.place(x, y, nodes);
    x += box.w + GAP;
    width = Math.max(width, x - GAP);
    rowH = Math.max(rowH, box.h);
  }
  const edges = edgesFor(root, nodes);
  return {
    id,
    label,
    width: Math.ceil(width) + 2,
    height: Math.ceil(y + rowH + ARC_ROOM) + 2,
    nodes,
    edges,
  };
}

function walk(node: StateNodeLike, visit: (node: StateNodeLike, path: string) => void, path = '') {
  for (const child of Object.values(node.states ?? {})) {
    const childPath = path ? `${path}.${child.key}` : child.key;
    visit(child, childPath);
    walk(child, visit, childPath);
  }
}

/**
 * Arrows for the transitions between drawn states. States in the same row are joined by an arc
 * under the row (left-to-right arcs shallower than right-to-left ones, so a pair both ways stays
 * readable); states in different rows by a straight line between facing sides.
 */
function edgesFor(root: StateNodeLike, nodes: ChartNode[]): ChartEdge[] {
  const byPath = new Map(nodes.map((node) => [node.path, node]));
  const edges: ChartEdge[] = [];
  const seen = new Set<string>();
  walk(root, (node, from) => {
    const a = byPath.get(from);
    if (!a) return;
    for (const to of targetsOf(node)) {
      const b = byPath.get(to);
      if (!b || to === from || seen.has(`${from}>${to}`)) continue;
      // A transition into a child of the source (or out to an ancestor) is implied by nesting.
      if (to.startsWith(`${from}.`) || from.startsWith(`${to}.`)) continue;
      seen.add(`${from}>${to}`);
      // Route by the two ancestors that are siblings (a and b themselves when they are).
      const fromParts = from.split('.');
      const toParts = to.split('.');
      let common = 0;
      while (
        common < fromParts.length - 1 &&
        common < toParts.length - 1 &&
        fromParts[common] === toParts[common]
      ) {
        common++;
      }
      const outerA = byPath.get(fromParts.slice(0, common + 1).join('.')) ?? a;
      const outerB = byPath.get(toParts.slice(0, common + 1).join('.')) ?? b;
      const sameRow = Math.abs(outerA.y - outerB.y) < 2;
      edges.push({ from, to, d: pathBetween(a, b, sameRow ? rowBottom(nodes, outerA) : null) });
    }
  });
  return edges;
}

/** The lowest edge of the row a node sits in, among its siblings. */
function rowBottom(nodes: ChartNode[], a: ChartNode): number {
  const parent = a.path.split('.').slice(0, -1).join('.');
  let bottom = a.y + a.h;
  for (const node of nodes) {
    const nodeParent = node.path.split('.').slice(0, -1).join('.');
    if (nodeParent === parent && Math.abs(node.y - a.y) < 2)
      bottom = Math.max(bottom, node.y + node.h);
  }
  return bottom;
}

function pathBetween(a: ChartNode, b: ChartNode, bottomOfRow: number | null): string {
  const round = (n: number) => Math.round(n * 10) / 10;
  const aBottom = a.y + a.h;
  const bBottom = b.y + b.h;
  const sameRow = bottomOfRow !== null;
  const dir = b.x + b.w / 2 >= a.x + a.w / 2 ? 1 : -1;
  if (sameRow) {
    const sx = a.x + a.w / 2 + 6 * dir;
    const ex = b.x + b.w / 2 + 6 * dir;
    // Longer arcs dip deeper, so arcs that share a row nest instead of piling up.
    const depth = Math.min(ARC_ROOM - 6, 4 + Math.abs(ex - sx) * 0.05) + (dir > 0 ? 0 : 5);
    const y = Math.max(aBottom, bBottom, bottomOfRow ?? 0);
    return `M${round(sx)} ${round(aBottom)} C${round(sx)} ${round(y + depth)} ${round(ex)} ${round(y + depth)} ${round(ex)} ${round(bBottom + 1)}`;
  }
  const below = b.y > a.y;
  const sx = a.x + a.w / 2;
  const sy = below ? aBottom : a.y;
  const ex = b.x + b.w / 2;
  const ey = below ? b.y - 1 : bBottom + 1;
  return `M${round(sx)} ${round(sy)} L${round(ex)} ${round(ey)}`;
}
