/**
 * The simulation's state machines as statecharts, laid out at build time; this component only
 * lights the states that are active now.
 */
import type { SimView } from '../../sim/index.ts';
import type { ChartLayout } from './types.ts';

/** A state is lit when it is active, or (for a compound state) when one of its children is. */
function isActive(active: Set<string>, path: string): boolean {
  if (active.has(path)) return true;
  for (const leaf of active) if (leaf.startsWith(`${path}.`)) return true;
  return false;
}

export function Statecharts(props: {
  uid: string;
  charts: ChartLayout[];
  machines: SimView['machines'];
}) {
  const { uid, charts, machines } = props;
  return (
    <div className="pg-machines">
      <p className="pg-panel-title">State machines</p>
      <div className="pg-charts">
        {charts.map((chart) => {
          const machine = machines.find((m) => m.id === chart.id);
          const active = new Set(machine?.active ?? []);
          const leaves = chart.nodes.filter((n) => n.kind === 'atomic' && isActive(active, n.path));
          return (
            <figure key={chart.id} className="pg-chart">
              <figcaption>{machine?.label ?? chart.label}</figcaption>
              <div
                className="pg-chart-scroll"
                tabIndex={0}
                role="region"
                aria-label={`${machine?.label ?? chart.label} statechart`}
              >
                <svg
                  width={chart.width}
                  height={chart.height}
                  viewBox={`0 0 ${chart.width} ${chart.height}`}
                  role="img"
                  aria-label={`${machine?.label ?? chart.label}: ${
                    leaves.length > 0 ? leaves.map((n) => n.path).join(', ') : 'no state'
                  }`}
                >
                  <defs>
                    <marker
                      id={`${uid}-arrow-${chart.id}`}
                      viewBox="0 0 8 8"
                      refX="7"
                      refY="4"
                      markerWidth="7"
                      markerHeight="7"
                      orient="auto-start-reverse"
                    >
                      <path d="M0 0 L8 4 L0 8 z" className="pg-arrowhead" />
                    </marker>
                  </defs>
                  {chart.nodes.map((node) => {
                    const on = isActive(active, node.path);
                    return (
                      <g
                        key={node.path}
                        className={`pg-node pg-node--${node.kind}${node.region ? ' pg-node--region' : ''}`}
                        data-active={on ? 'true' : undefined}
                      >
                        <rect
                          x={node.x + 0.5}
                          y={node.y + 0.5}
                          width={node.w - 1}
                          height={node.h - 1}
                          rx={node.kind === 'atomic' ? 6 : 8}
                        />
                        <text
                          x={node.x + (node.kind === 'atomic' ? node.w / 2 : 8)}
                          y={node.y + (node.kind === 'atomic' ? node.h / 2 + 4 : 14)}
                          textAnchor={node.kind === 'atomic' ? 'middle' : 'start'}
                        >
                          {node.label}
                        </text>
                        {node.transitions.length > 0 ? (
                          <title>{node.transitions.join('\n')}</title>
                        ) : null}
                      </g>
                    );
                  })}
                  {chart.edges.map((edge) => (
                    <path
                      key={`${edge.from}>${edge.to}`}
                      className="pg-edge"
                      d={edge.d}
                      markerEnd={`url(#${uid}-arrow-${chart.id})`}
                    />
                  ))}
                </svg>
              </div>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
