/**
 * The simulation's state machines as statecharts, one at a time behind tabs. The layout was done
 * at build time; this component lights the active states, the arrows the current step took and
 * the arrows whose timers are running, and says the same in text.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useOnScreen } from './use-on-screen.ts';
import type { LogEntry, SimView } from '../../sim/index.ts';
import {
  activeCount,
  activeStates,
  timeLeft,
  timersOf,
  transitionsTaken,
} from '../../playground/chart-state.ts';
import {
  METRICS,
  boxOf,
  nameOf,
  wrap,
  type ChartLayout,
} from '../../playground/statechart-data.ts';

export function Statecharts(props: {
  uid: string;
  charts: ChartLayout[];
  view: SimView;
  /** The current step's log entries, whose transitions are highlighted. */
  step: readonly LogEntry[];
}) {
  const { uid, charts, view, step } = props;
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      charts.findIndex((c) => c.id === 'app'),
    ),
  );
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const chart = charts[selected] ?? charts[0]!;
  const root = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(root);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = charts.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? selected === last
          ? 0
          : selected + 1
        : event.key === 'ArrowLeft'
          ? selected === 0
            ? last
            : selected - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    // The playground's own shortcuts use these keys too; here they move between tabs.
    event.preventDefault();
    event.stopPropagation();
    setSelected(next);
    tabs.current[next]?.focus();
  };

  const tabId = (i: number) => `${uid}-chart-tab-${i}`;
  const panelId = `${uid}-chart-panel`;
  return (
    <div className="pg-machines" ref={root}>
      <p className="pg-panel-title" id={`${uid}-charts`}>
        State machines
      </p>
      <div
        className="pg-chart-tabs"
        role="tablist"
        aria-labelledby={`${uid}-charts`}
        onKeyDown={onKeyDown}
      >
        {charts.map((c, i) => {
          const moved = transitionsTaken(c, step).length > 0;
          return (
            <button
              key={c.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={tabId(i)}
              aria-selected={i === selected}
              aria-controls={panelId}
              tabIndex={i === selected ? 0 : -1}
              data-moved={moved ? 'true' : undefined}
              onClick={() => setSelected(i)}
            >
              {c.label}
              {moved ? <span className="pg-sr"> (changed in this step)</span> : null}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} className="pg-chart">
        <Chart uid={uid} chart={chart} view={view} step={step} onScreen={onScreen} />
      </div>
    </div>
  );
}

function Chart(props: {
  uid: string;
  chart: ChartLayout;
  /** The chart is where the reader can see it (so scrolling it is worth a layout). */
  onScreen: boolean;
  view: SimView;
  step: readonly LogEntry[];
}) {
  const { uid, chart, view, step, onScreen } = props;
  const active = activeStates(chart, view);
  const taken = transitionsTaken(chart, step);
  const timers = timersOf(chart, view.pending);
  const takenEdges = new Set(taken.flatMap((t) => (t.edge ? [t.edge] : [])));
  const timedEdges = new Set(timers.flatMap((t) => t.edges));
  const takenInner = new Set(
    taken.flatMap((t) => (t.inner ? [`${t.inner.path}|${t.inner.line}`] : [])),
  );
  const lit = chart.nodes.filter((n) => n.kind !== 'compound' && activeCount(active, n.path) > 0);
  const marker = `${uid}-arrow-${chart.id}`;

  // A tall chart scrolls inside its box; bring what just happened into view there, without
  // moving the page. Geometry is read in the next frame, when layout is due anyway.
  const box = useRef<HTMLDivElement>(null);
  // Centre the label of the first arrow taken, the step's cause: a long arrow's middle, or the
  // middle of several arrows, can be empty chart.
  const focusKey = [...takenEdges][0]?.box ?? '';
  useEffect(() => {
    if (!onScreen || focusKey === '') return;
    const { x, y, w, h } = boxOf(focusKey);
    const frame = requestAnimationFrame(() => {
      const el = box.current;
      el?.scrollTo({
        left: x + w / 2 - el.clientWidth / 2,
        top: y + h / 2 - el.clientHeight / 2,
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusKey, chart.id, onScreen]);
  const markerLit = `${marker}-lit`;

  return (
    <>
      {chart.note ? <p className="pg-chart-note">{chart.note}</p> : null}
      <div
        ref={box}
        className="pg-chart-scroll"
        tabIndex={0}
        role="region"
        aria-label={`${chart.label} statechart`}
      >
        <svg
          width={chart.width}
          height={chart.height}
          viewBox={`-2 -2 ${chart.width + 4} ${chart.height + 4}`}
          role="img"
          aria-label={`${chart.label}: ${lit.length ? lit.map((n) => n.path).join(', ') : 'no state'}`}
        >
          <defs>
            {[marker, markerLit].map((id) => (
              <marker
                key={id}
                id={id}
                viewBox="0 0 8 8"
                refX="7"
                refY="4"
                markerUnits="userSpaceOnUse"
                markerWidth="8"
                markerHeight="8"
                orient="auto-start-reverse"
              >
                <path
                  d="M0 0 L8 4 L0 8 z"
                  className={id === marker ? 'pg-arrowhead' : 'pg-arrowhead pg-arrowhead--lit'}
                />
              </marker>
            ))}
          </defs>
          {chart.nodes.map((node) => {
            const count = activeCount(active, node.path);
            const atomic = node.kind === 'atomic' || node.kind === 'final';
            const { x, y, w, h } = boxOf(node.box);
            return (
              <g
                key={node.path}
                className={`pg-node pg-node--${node.kind}${node.region ? ' pg-node--region' : ''}`}
                data-active={count > 0 ? 'true' : undefined}
              >
                <rect x={x} y={y} width={w} height={h} rx={atomic ? 6 : 8} />
                {node.kind === 'final' ? (
                  <rect
                    className="pg-node-final"
                    x={x + 3}
                    y={y + 3}
                    width={w - 6}
                    height={h - 6}
                    rx={4}
                  />
                ) : null}
                <text
                  className="pg-node-name"
                  x={x + (atomic ? w / 2 : METRICS.pad)}
                  y={y + (atomic ? 17 : 15)}
                  textAnchor={atomic ? 'middle' : 'start'}
                >
                  {nameOf(node.path)}
                  {(active.get(node.path) ?? 0) > 1 ? ` ×${active.get(node.path)}` : null}
                </text>
                {(node.internal ?? []).map((line, i) => (
                  <text
                    key={line}
                    className="pg-node-internal"
                    data-taken={takenInner.has(`${node.path}|${line}`) ? 'true' : undefined}
                    x={x + (atomic ? w / 2 : METRICS.pad)}
                    y={y + (atomic ? 17 : 15) + (i + 1) * METRICS.line}
                    textAnchor={atomic ? 'middle' : 'start'}
                  >
                    {line}
                  </text>
                ))}
                {node.description ? <title>{node.description}</title> : null}
              </g>
            );
          })}
          {chart.edges.map((edge) => {
            const on = takenEdges.has(edge);
            const { x: bx, y: by } = boxOf(edge.box);
            return (
              <g
                key={`${edge.from}>${edge.to}`}
                className="pg-edge"
                data-taken={on ? 'true' : undefined}
                data-timer={timedEdges.has(edge) ? 'true' : undefined}
              >
                <polyline points={edge.points} markerEnd={`url(#${on ? markerLit : marker})`} />
                <text x={bx + 3} y={by + METRICS.line - 2}>
                  {edge.lines
                    .flatMap((line) => wrap(line))
                    .map((line, i) => (
                      <tspan key={i} x={bx + 3} dy={i === 0 ? 0 : METRICS.line}>
                        {line}
                      </tspan>
                    ))}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="pg-chart-status">
        {taken.length === 0 ? (
          <p>No transition in this step.</p>
        ) : (
          <ul aria-label="Transitions in this step">
            {taken.map((t) => (
              <li key={`${t.from}>${t.to}>${t.event}`}>
                {taken.length === 1 ? 'Last transition: ' : ''}
                {t.from} → {t.to} ({t.event})
              </li>
            ))}
          </ul>
        )}
        {timers.length > 0 ? (
          <ul aria-label="Timers running">
            {timers.map((t) => (
              <li key={t.text}>
                {t.text}: {timeLeft(t.inMs)} left{t.count > 1 ? ` (the soonest of ${t.count})` : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  );
}
