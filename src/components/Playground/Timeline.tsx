/**
 * The timeline: one lane per actor on a virtual-time axis, with the app's state as a coloured
 * band, transfers as bars that fill up to the cursor, BGTask windows, and the messages between
 * actors as arrows. Long idle stretches are drawn as labelled breaks (timeline-layout.ts).
 *
 * A run may hold thousands of marks, so only what lies in or near the visible part of the
 * scrolling box is drawn, and the marks render again only when that part or the zoom changes;
 * moving the cursor moves the cursor line, the shade over the future and the transfer fills.
 * The marks are one tab stop: the arrow keys move between them, Enter jumps to a mark's step.
 */
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useOnScreen } from './use-on-screen.ts';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { LogEntry, ScenarioEvent } from '../../sim/index.ts';
import { formatMs } from '../../playground/controls.ts';
import {
  DEFAULT_ZOOM,
  LANES,
  START_X,
  TRANSFER_ROWS,
  ZOOM_LEVELS,
  firstAtOrAfter,
  layoutTimeline,
  type Band,
  type TimelineLayout,
} from '../../playground/timeline-layout.ts';
import './Timeline.css';

const LANE_H = 26;
const AXIS_H = 18;
const MARK = 9;
/** The drawn window reaches this far beyond each side of the visible part, in chunks. */
const CHUNK = 600;

const LEGEND = [
  ['foreground', 'app foreground'],
  ['background', 'app background'],
  ['suspended', 'app suspended'],
  ['notRunning', 'app not running'],
  ['transfer', 'transfer'],
  ['transferWaiting', 'transfer waiting'],
  ['bgTask', 'BGTask runs'],
  ['break', 'time skipped'],
  ['event', 'event'],
  ['callback', 'callback'],
  ['state', 'state change'],
  ['refused', 'refused'],
  ['arrow', 'message'],
] as const;

const laneTop = (lane: number) => AXIS_H + lane * LANE_H;
const laneMid = (lane: number) => laneTop(lane) + LANE_H / 2;
const ROW_H = (LANE_H - 8) / TRANSFER_ROWS;

interface Visible {
  from: number;
  to: number;
  /** Index range of the marks in the window. */
  lo: number;
  hi: number;
  bands: Band[];
}

function visiblePart(layout: TimelineLayout, from: number, to: number): Visible {
  return {
    from,
    to,
    lo: firstAtOrAfter(layout.marks, from),
    hi: firstAtOrAfter(layout.marks, to),
    bands: layout.bands.filter((band) => band.x1 >= from && band.x0 <= to),
  };
}

function bandY(band: Band) {
  return band.kind === 'transfer' || band.kind === 'transferWaiting'
    ? { y: laneTop(band.lane) + 4 + band.row * ROW_H, height: ROW_H - 1 }
    : { y: laneTop(band.lane) + 3, height: LANE_H - 6 };
}

const markLabel = (entry: LogEntry) =>
  `${formatMs(entry.atMs)}, ${LANES.find((l) => l.id === entry.lane)?.label ?? ''}: ${entry.callback ?? entry.text} (step ${entry.step + 1})`;

/** Everything but the cursor: drawn again only when the window, the zoom or the run changes. */
const Marks = memo(function Marks(props: {
  layout: TimelineLayout;
  visible: Visible;
  tabbable: number;
  arrowId: string;
}) {
  const { layout, visible, tabbable, arrowId } = props;
  const { from, to, lo, hi } = visible;
  const height = AXIS_H + LANES.length * LANE_H;
  const inView = <T extends { x: number }>(items: T[]) =>
    items.slice(firstAtOrAfter(items, from), firstAtOrAfter(items, to));
  return (
    <>
      {visible.bands.map((band, i) => (
        <rect
          key={`b${i}`}
          className={`pg-band pg-band--${band.kind}`}
          x={band.x0}
          width={Math.max(1, band.x1 - band.x0)}
          {...bandY(band)}
        >
          <title>{band.label}</title>
        </rect>
      ))}
      {layout.breaks
        .filter((b) => b.x + b.width >= from && b.x <= to)
        .map((b) => (
          <g key={`k${b.x}`} className="pg-break">
            <rect x={b.x} y={AXIS_H} width={b.width} height={height - AXIS_H}>
              <title>{`${formatMs(b.ms)} with nothing happening, shortened`}</title>
            </rect>
            <path
              d={`M${b.x} ${AXIS_H} v${height - AXIS_H} M${b.x + b.width} ${AXIS_H} v${height - AXIS_H}`}
            />
          </g>
        ))}
      {inView(layout.ticks).map((tick) => (
        <g key={`t${tick.x}`} className="pg-tick">
          <line x1={tick.x} x2={tick.x} y1={AXIS_H - 4} y2={height} />
          <text x={tick.x + 2} y={AXIS_H - 6}>
            {tick.label}
          </text>
        </g>
      ))}
      {inView(layout.arrows).map((arrow, i) => {
        const down = arrow.toLane > arrow.fromLane;
        const end = laneMid(arrow.toLane) + (down ? -MARK / 2 - 1 : MARK / 2 + 1);
        return (
          <line
            key={`a${i}`}
            className="pg-arrow"
            x1={arrow.x}
            x2={arrow.x}
            y1={laneMid(arrow.fromLane)}
            y2={end}
            markerEnd={`url(#${arrowId})`}
          />
        );
      })}
      {layout.marks.slice(lo, hi).map(({ x, lane, entry }, n) => {
        const index = lo + n;
        const y = laneMid(lane);
        const label = markLabel(entry);
        const common = {
          'data-step': entry.step,
          'data-index': index,
          className: `pg-mark pg-mark--${entry.kind}`,
          role: 'button',
          tabIndex: index === tabbable ? 0 : -1,
          'aria-label': label,
        };
        return entry.kind === 'callback' ? (
          <rect
            key={index}
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
            key={index}
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
          <circle key={index} {...common} cx={x} cy={y} r={MARK / 2}>
            <title>{label}</title>
          </circle>
        );
      })}
    </>
  );
});

/** How far each visible transfer has got at the cursor. */
function Fills({ bands, cursorX }: { bands: Band[]; cursorX: number }) {
  return bands
    .filter((band) => band.kind === 'transfer' && cursorX > band.x0)
    .map((band, i) => (
      <rect
        key={i}
        className="pg-band-fill"
        x={band.x0}
        width={Math.min(cursorX, band.x1) - band.x0}
        {...bandY(band)}
      />
    ));
}

export function Timeline(props: {
  log: readonly LogEntry[];
  events: readonly ScenarioEvent[];
  cursor: number;
  onJump: (cursor: number) => void;
}) {
  const { log, events, cursor, onJump } = props;
  const total = events.length;
  const [zoom, setZoom] = useState(DEFAULT_ZOOM);
  const layout = useMemo(() => layoutTimeline(log, events, zoom), [log, events, zoom]);
  const boxRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(rootRef);
  const [view, setView] = useState({ chunk: 0, span: 1400 });
  const [active, setActive] = useState<number | null>(null);
  const focusActive = useRef(false);
  const arrowId = `pg-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const height = AXIS_H + LANES.length * LANE_H;
  const cursorX = cursor === 0 ? START_X - 4 : (layout.stepEndX[cursor - 1] ?? START_X);

  const visible = useMemo(
    () => visiblePart(layout, (view.chunk - 1) * CHUNK, (view.chunk + 2) * CHUNK + view.span),
    [layout, view],
  );
  const tabbable =
    active !== null && active >= visible.lo && active < visible.hi ? active : visible.lo;

  const measure = () => {
    const box = boxRef.current;
    if (!box) return;
    const next = { chunk: Math.floor(box.scrollLeft / CHUNK), span: box.clientWidth };
    setView((prev) => (prev.chunk === next.chunk && prev.span === next.span ? prev : next));
  };

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // Keep the cursor in view inside the timeline's own scrolling box, read in the next frame.
  useEffect(() => {
    if (!onScreen) return;
    const frame = requestAnimationFrame(() => {
      const box = boxRef.current;
      if (!box) return;
      if (cursorX < box.scrollLeft + 20 || cursorX > box.scrollLeft + box.clientWidth - 20) {
        box.scrollLeft = Math.max(0, cursorX - box.clientWidth / 2);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [cursorX, onScreen]);

  // A mark reached by an arrow key takes focus once it is drawn.
  useEffect(() => {
    if (!focusActive.current || active === null) return;
    const mark = boxRef.current?.querySelector<SVGElement>(`[data-index="${active}"]`);
    if (mark) {
      mark.focus({ preventScroll: true });
      focusActive.current = false;
    }
  }, [active, visible]);

  const moveTo = (index: number) => {
    const box = boxRef.current;
    const mark = layout.marks[index];
    if (!box || !mark) return;
    if (mark.x < box.scrollLeft + 20 || mark.x > box.scrollLeft + box.clientWidth - 20) {
      box.scrollLeft = Math.max(0, mark.x - box.clientWidth / 2);
    }
    focusActive.current = true;
    setActive(index);
    measure();
  };

  const indexOf = (target: EventTarget) => {
    const mark = (target as Element).closest('[data-index]');
    return mark ? Number(mark.getAttribute('data-index')) : null;
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const index = indexOf(event.target);
    const mark = index === null ? undefined : layout.marks[index];
    if (!mark) return;
    setActive(index);
    onJump(mark.entry.step + 1);
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const index = indexOf(event.target);
    if (index === null) return;
    const last = layout.marks.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(last, index + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next !== null) moveTo(next);
    else if (event.key === 'Enter' || event.key === ' ')
      onJump(layout.marks[index]!.entry.step + 1);
    else return;
    // The playground's own shortcuts would move the run; on a mark these keys move the focus.
    event.preventDefault();
    event.stopPropagation();
  };

  const secondsPer100 = (100 / ZOOM_LEVELS[zoom]!) * 1000;

  return (
    <div className="pg-timeline" ref={rootRef}>
      <div className="pg-timeline-head">
        <p className="pg-panel-title">Timeline</p>
        <div className="pg-zoom" role="group" aria-label="Timeline zoom">
          <button
            type="button"
            aria-disabled={zoom === 0 || undefined}
            onClick={() => setZoom((z) => Math.max(0, z - 1))}
          >
            Zoom out
          </button>
          <button
            type="button"
            aria-disabled={zoom === ZOOM_LEVELS.length - 1 || undefined}
            onClick={() => setZoom((z) => Math.min(ZOOM_LEVELS.length - 1, z + 1))}
          >
            Zoom in
          </button>
          <span className="pg-zoom-scale" aria-live="polite">
            {formatMs(secondsPer100)} per 100 px
          </span>
        </div>
      </div>
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
          onScroll={measure}
        >
          <svg
            width={layout.width}
            height={height}
            role="group"
            aria-label={`Timeline of ${total} steps over ${formatMs(log.at(-1)?.atMs ?? 0)}, with a lane for the user, the system, the app, the transfer daemon, the scheduler and push. Step ${cursor} of ${total}.`}
            onClick={onClick}
            onKeyDown={onKeyDown}
          >
            <defs>
              <marker
                id={arrowId}
                className="pg-arrowhead"
                viewBox="0 0 6 6"
                refX="5"
                refY="3"
                markerWidth="6"
                markerHeight="6"
                orient="auto"
              >
                <path d="M0 0 L6 3 L0 6 z" />
              </marker>
            </defs>
            {LANES.map((lane, i) => (
              <line
                key={lane.id}
                className="pg-lane-line"
                x1={0}
                x2={layout.width}
                y1={laneMid(i)}
                y2={laneMid(i)}
              />
            ))}
            <Fills bands={visible.bands} cursorX={cursorX} />
            <Marks layout={layout} visible={visible} tabbable={tabbable} arrowId={arrowId} />
          </svg>
          {/* The cursor and the shade over the future sit outside the SVG, so moving them does
              not make the browser lay out the marks again; they start below the tick labels. */}
          <div
            className="pg-future"
            aria-hidden="true"
            style={{
              transform: `translate(${cursorX}px, ${AXIS_H - 3}px)`,
              width: Math.max(0, layout.width - cursorX),
              height: height - AXIS_H + 3,
            }}
          />
        </div>
      </div>
      <ul className="pg-legend" aria-hidden="true">
        {LEGEND.map(([kind, label]) => (
          <li key={kind}>
            <span className={`pg-key pg-key--${kind}`} /> {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
