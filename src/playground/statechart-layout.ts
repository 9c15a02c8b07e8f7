/**
 * Lays out a statechart graph with ELK's layered algorithm, at build time: compound and parallel
 * states are frames around their children, and every arrow's label gets room of its own, so no
 * label sits on a box or on another label. The result is plain, rounded numbers for the island;
 * elkjs never reaches the browser.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { GraphNode, MachineGraph } from './statechart-graph.ts';
import {
  METRICS,
  wrap,
  type ChartEdge,
  type ChartLayout,
  type ChartNode,
} from './statechart-data.ts';

const elk = new ELK();

const LAYOUT: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
  'elk.spacing.nodeNode': '16',
  'elk.layered.spacing.nodeNodeBetweenLayers': '24',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '8',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.thoroughness': '20',
};

const textWidth = (lines: readonly string[], char: number) =>
  Math.ceil(Math.max(0, ...lines.map((line) => line.length)) * char);

/**
 * ELK does not pack unconnected nodes inside a hierarchy, so a parallel state's regions would
 * stand in one long row. Invisible arrows from each region to the one a row below fold them
 * into rows: two regions side by side, three or four stacked, more two to a row.
 */
function regionRows(regions: GraphNode[]): ElkExtendedEdge[] {
  const columns = regions.length === 2 ? 2 : regions.length <= 4 ? 1 : 2;
  return regions.slice(columns).map((region, i) => ({
    id: `row-${region.path}`,
    sources: [regions[i]!.path],
    targets: [region.path],
  }));
}

function elkNode(node: GraphNode, rows: ElkExtendedEdge[]): ElkNode {
  const internal = node.internal;
  if (node.children.length === 0) {
    return {
      id: node.path,
      width: Math.max(
        56,
        textWidth([node.label], METRICS.nameChar) + 20,
        textWidth(internal, METRICS.labelChar) + 16,
      ),
      height: METRICS.atomHeight + internal.length * METRICS.line,
    };
  }
  if (node.kind === 'parallel') rows.push(...regionRows(node.children));
  return {
    id: node.path,
    layoutOptions: {
      'elk.padding': `[top=${METRICS.header + internal.length * METRICS.line},left=${METRICS.pad},bottom=${METRICS.pad},right=${METRICS.pad}]`,
      'elk.nodeSize.constraints': 'MINIMUM_SIZE',
      'elk.nodeSize.minimum': `(${textWidth([node.label, ...internal], METRICS.nameChar) + 2 * METRICS.pad}, 40)`,
    },
    children: node.children.map((child) => elkNode(child, rows)),
  };
}

const round = (n: number) => Math.round(n);

/** Lays out one machine's graph; deterministic, so the same machine gives the same chart. */
export async function layoutChart(
  id: string,
  label: string,
  graph: MachineGraph,
  note?: string,
): Promise<ChartLayout> {
  const wrapped = graph.edges.map((edge) => edge.lines.flatMap((line) => wrap(line)));
  const edges: ElkExtendedEdge[] = graph.edges.map((edge, i) => ({
    id: `e${i}`,
    sources: [edge.from],
    targets: [edge.to],
    labels: [
      {
        // ELK places only labels that have text.
        text: wrapped[i]!.join('\n'),
        width: textWidth(wrapped[i]!, METRICS.labelChar) + 6,
        height: wrapped[i]!.length * METRICS.line + 2,
      },
    ],
  }));
  const rows: ElkExtendedEdge[] = graph.parallel ? regionRows(graph.nodes) : [];
  const children = graph.nodes.map((node) => elkNode(node, rows));
  const graphIn: ElkNode = {
    id: 'root',
    layoutOptions: LAYOUT,
    children,
    edges: [...edges, ...rows],
  };
  const result = await elk.layout(graphIn);

  const nodes: ChartNode[] = [];
  const offsets = new Map<string, [number, number]>([['root', [0, 0]]]);
  const source = new Map<string, GraphNode>();
  const index = (node: GraphNode) => {
    source.set(node.path, node);
    node.children.forEach(index);
  };
  graph.nodes.forEach(index);
  const place = (node: ElkNode, dx: number, dy: number) => {
    const x = dx + (node.x ?? 0);
    const y = dy + (node.y ?? 0);
    offsets.set(node.id, [x, y]);
    const from = source.get(node.id)!;
    nodes.push({
      path: from.path,
      kind: from.kind,
      ...(from.region ? { region: true as const } : {}),
      ...(from.description ? { description: from.description } : {}),
      ...(from.internal.length ? { internal: from.internal } : {}),
      box: [x, y, node.width ?? 0, node.height ?? 0].map(round).join(' '),
    });
    for (const child of node.children ?? []) place(child, x, y);
  };
  for (const child of result.children ?? []) place(child, 0, 0);

  const laidOut = new Map((result.edges ?? []).map((edge) => [edge.id, edge]));
  const chartEdges: ChartEdge[] = graph.edges.map((from, i) => {
    const edge = laidOut.get(`e${i}`)!;
    const [ox, oy] = offsets.get((edge as { container?: string }).container ?? 'root') ?? [0, 0];
    const section = edge.sections?.[0];
    const points = section
      ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]
          .map((p) => `${round(p.x + ox)},${round(p.y + oy)}`)
          .join(' ')
      : '';
    const l = edge.labels?.[0];
    return {
      from: from.from,
      to: from.to,
      lines: from.lines,
      ...(from.delays.length ? { delays: from.delays } : {}),
      points,
      box: [(l?.x ?? 0) + ox, (l?.y ?? 0) + oy, l?.width ?? 0, l?.height ?? 0].map(round).join(' '),
    };
  });

  return {
    id,
    label,
    ...(note ? { note } : {}),
    width: round(result.width ?? 0),
    height: round(result.height ?? 0),
    nodes,
    edges: chartEdges,
  };
}
