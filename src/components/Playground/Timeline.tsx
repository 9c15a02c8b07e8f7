/**
 * The timeline: one lane per actor over virtual time, with every event, callback and state
 * change of the whole run. Time is drawn compressed (a gap grows with the logarithm of the time
 * that passed) so a run with seconds and days both stays readable. The marks are drawn once per
 * run; moving the cursor only moves the cursor line and the shade over the future.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { LogEntry } from '../../sim/index.ts';
import { formatMs } from '../../playground/controls.ts';

const LANES: { id: LogEntry['lane']; label: string }[] = [
  { id: 'user', label: 'User' },
  { id: 'app', label: 'App' },
  { id: 'transferDaemon', label: 'Transfer daemon' },
  { id: 'scheduler', label: 'Scheduler' },
  { id: 'push', label: 'Push' },
  { id: 'system', label: 'System' },
];
const LANE_H = 26;
const AXIS_H = 18;
const MARK = 9;
const START = 10;

interface Layout {
  width: number;
  /** x where each step's column ends, indexed by step; stepEnd[-1] is START. */
  stepStart: number[];
  stepEnd: number[];
  marks: { x: number; lane: number; entry: LogEntry }[];
  ticks: { x: number; label: string }[];
}

/** Room a tick label takes at the axis font size, with a gap after it. */
const labelWidth = (label: string) => label.length * 6 + 10;

function layout(log: readonly LogEntry[], total: number): Layout {
  const byStep: LogEntry[][] = Array.from({ length: total }, () => []);
  for (const entry of log) byStep[entry.step]?.push(entry);
  const stepStart: number[] = [];
  const stepEnd: number[] = [];
  const marks: Layout['marks'] = [];
  const ticks: Layout['ticks'] = [];
  let x = START;
  let lastTime = 0;
  // Where the last label ends: a new tick is labelled only where its text has room.
  let labelEnd = -Infinity;
  for (let step = 0; step < total; step++) {
    const entries = byStep[step]!;
    const time = entries.length > 0 ? Math.max(...entries.map((e) => e.atMs)) : lastTime;
    const firstTime = entries.length > 0 ? Math.min(...entries.map((e) => e.atMs)) : lastTime;
    const gap = firstTime > lastTime ? 6 + 10 * Math.log10(1 + (firstTime - lastTime) / 1000) : 0;
    x += gap + 4;
    stepStart.push(x);
    const perLane = new Map<number, number>();
    for (const entry of entries) {
      const lane = Math.max(
        0,
        LANES.findIndex((l) => l.id === entry.lane),
      );
      const n = perLane.get(lane) ?? 0;
      perLane.set(lane, n + 1);
      marks.push({ x: x + n * (MARK + 2) + MARK / 2, lane, entry });
    }
    const widest = Math.max(1, ...perLane.values());
    if (x > labelEnd && (step === 0 || firstTime !== lastTime)) {
      const label = formatMs(firstTime);
      ticks.push({ x, label });
      labelEnd = x + labelWidth(label);
    }
    x += widest * (MARK + 2);
    stepEnd.push(x);
    lastTime = time;
  }
  return { width: Math.max(x + START, labelEnd), stepStart, stepEnd, marks, ticks };
}

const Marks = memo(function Marks({ data }: { data: Layout }) {
  return (
    <>
      {data.ticks.map((tick, i) => (
        <g key={`t${i}`} className="pg-tick">
          <line x1={tick.x} x2={tick.x} y1={AXIS_H - 4} y2={AXIS_H + LANES.length * LANE_H} />
          <text x={tick.x + 2} y={AXIS_H - 6}>
            {tick.label}
          </text>
        </g>
      ))}
      {data.marks.map(({ x, lane, entry }, i) => {
        const y = AXIS_H + lane * LANE_H + LANE_H / 2;
        const label = `${formatMs(entry.atMs)} · ${entry.callback ?? entry.text}`;
        const common = { 'data-step': entry.step, className: `pg-mark pg-mark--${entry.kind}` };
        return entry.kind === 'callback' ? (
          <rect
            key={i}
            {...common}
            x={x - MARK / 2}
            y={y - MARK / 2}
            width={MARK}
            height={MARK}
            transform={`rotate(45 ${x} ${y})`}
          >
            <title>{label}</title>
          </rect>
        ) : entry.kind === 'state' ? (
          <rect
            key={i}
            {...common}
            x={x - MARK / 2 + 1}
            y={y - 3}
            width={MARK - 2}
            height={6}
            rx={2}
          >
            <title>{label}</title>
          </rect>
        ) : (
          <circle key={i} {...common} cx={x} cy={y} r={MARK / 2}>
            <title>{label}</title>
          </circle>
        );
      })}
    </>
  );
});

export function Timeline(props: {
  log: readonly LogEntry[];
  cursor: number;
  total: number;
  onJump: (cursor: number) => void;
}) {
  const { log, cursor, total, onJump } = props;
  const data = useMemo(() => layout(log, total), [log, total]);
  const boxRef = useRef<HTMLDivElement>(null);
  const height = AXIS_H + LANES.length * LANE_H;
  const cursorX = cursor === 0 ? START - 4 : (data.stepEnd[cursor - 1] ?? START) + 1;

  // Keep the cursor in view inside the timeline's own scrolling box, read in the next frame.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const box = boxRef.current;
      if (!box) return;
      if (cursorX < box.scrollLeft + 20 || cursorX > box.scrollLeft + box.clientWidth - 20) {
        box.scrollLeft = Math.max(0, cursorX - box.clientWidth / 2);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [cursorX]);

  const onClick = (event: React.MouseEvent<SVGSVGElement>) => {
    const target = (event.target as Element).closest('[data-step]');
    const step = target ? Number(target.getAttribute('data-step')) : NaN;
    if (Number.isInteger(step)) onJump(step + 1);
  };

  return (
    <div className="pg-timeline">
      <p className="pg-panel-title">Timeline</p>
      <div className="pg-timeline-inner">
        <ul className="pg-lanes" aria-hidden="true" style={{ paddingTop: AXIS_H }}>
          {LANES.map((lane) => (
            <li key={lane.id} style={{ height: LANE_H }}>
              {lane.label}
            </li>
          ))}
        </ul>
        <div
          className="pg-timeline-scroll"
          ref={boxRef}
          tabIndex={0}
          role="region"
          aria-label="Timeline, scrolls sideways"
        >
          <svg
            width={data.width}
            height={height}
            role="img"
            aria-label={`Timeline of ${total} steps over ${formatMs(log.at(-1)?.atMs ?? 0)}, with a lane for the user, the app, the transfer daemon, the scheduler, push and the system. Step ${cursor} of ${total}.`}
            onClick={onClick}
          >
            {LANES.map((lane, i) => (
              <line
                key={lane.id}
                className="pg-lane-line"
                x1={0}
                x2={data.width}
                y1={AXIS_H + i * LANE_H + LANE_H / 2}
                y2={AXIS_H + i * LANE_H + LANE_H / 2}
              />
            ))}
            <Marks data={data} />
          </svg>
          {/* The cursor and the shade over the future sit outside the SVG, so moving them does
              not make the browser lay out thousands of marks again. */}
          <div
            className="pg-future"
            aria-hidden="true"
            style={{
              transform: `translateX(${cursorX}px)`,
              width: Math.max(0, data.width - cursorX),
              height,
            }}
          />
        </div>
      </div>
      <p className="pg-legend" aria-hidden="true">
        <span className="pg-key pg-key--event" /> event <span className="pg-key pg-key--callback" />{' '}
        callback <span className="pg-key pg-key--state" /> state change{' '}
        <span className="pg-key pg-key--refused" /> refused
      </p>
    </div>
  );
}
