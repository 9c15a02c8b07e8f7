/**
 * The event log beside the timeline: the run's events in order with what each caused. Only a
 * window around the cursor is drawn, so a run of ten thousand events costs the same to step
 * through as a run of ten. The step buttons are one tab stop; the up and down arrows move
 * between them.
 */
import { Fragment, memo, useEffect, useMemo, useRef, useState } from 'react';
import { useOnScreen } from './use-on-screen.ts';
import type { KeyboardEvent } from 'react';
import type { LogEntry, ScenarioEvent } from '../../sim/index.ts';
import { formatMs } from '../../playground/controls.ts';
import { glossed } from '../../playground/plain-words.ts';

const BEFORE = 15;
const AFTER = 5;
/** How many more steps a "Show earlier" or "Show later" press reveals. */
const MORE = 20;

const LANE_WORDS: Record<LogEntry['lane'], string> = {
  user: 'User',
  app: 'App',
  transferDaemon: 'Daemon',
  scheduler: 'Scheduler',
  push: 'Push',
  system: 'System',
};

/** A Swift method name with line-break chances after its colons and parentheses only. */
function breakable(name: string) {
  return name.split(/(?<=[:(])/).map((part, i) => (
    <Fragment key={i}>
      {part}
      <wbr />
    </Fragment>
  ));
}

type StepState = 'past' | 'current' | 'future';

const NO_ENTRIES: readonly LogEntry[] = [];

/** The run's log entries grouped by the step that caused them. */
function groupByStep(log: readonly LogEntry[]): Map<number, LogEntry[]> {
  const byStep = new Map<number, LogEntry[]>();
  for (const entry of log) {
    const list = byStep.get(entry.step);
    if (list) list.push(entry);
    else byStep.set(entry.step, [entry]);
  }
  return byStep;
}

/** One step of the log; it renders again only when its own entries or state change. */
const LogStep = memo(function LogStep(props: {
  step: number;
  type: string | undefined;
  entries: readonly LogEntry[];
  state: StepState;
  tabbable: boolean;
  onJump: (cursor: number) => void;
}) {
  const { step, type, entries, state, tabbable, onJump } = props;
  const startMs = entries[0]?.atMs ?? 0;
  return (
    <li data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
      <button
        type="button"
        tabIndex={tabbable ? 0 : -1}
        className="pg-log-step"
        onClick={() => onJump(step + 1)}
      >
        <span className="pg-log-time">{formatMs(startMs)}</span> {type}
      </button>
      <ul>
        {entries.map((entry, i) => (
          <li key={i} data-kind={entry.kind}>
            {entry.atMs !== startMs ? (
              <span className="pg-log-time">{formatMs(entry.atMs)} </span>
            ) : null}
            <span className="pg-log-lane">{LANE_WORDS[entry.lane]}</span>{' '}
            {entry.callback ? (
              <>
                <code>{breakable(entry.callback)}</code>
                {entry.task ? ` ${entry.task}` : null}
                {entry.error !== undefined ? (
                  <>
                    , <code>error: {entry.error}</code>
                  </>
                ) : null}
              </>
            ) : (
              glossed(entry.text)
            )}
          </li>
        ))}
      </ul>
    </li>
  );
});

export function EventLog(props: {
  log: readonly LogEntry[];
  events: readonly ScenarioEvent[];
  cursor: number;
  onJump: (cursor: number) => void;
}) {
  const { log, events, cursor, onJump } = props;
  // Extra steps shown at this cursor; moving the cursor shrinks the window back.
  const [extra, setExtra] = useState({ cursor, before: 0, after: 0 });
  const more = extra.cursor === cursor ? extra : { cursor, before: 0, after: 0 };
  const first = Math.max(0, cursor - BEFORE - more.before);
  const last = Math.min(events.length, cursor + AFTER + more.after);
  const current = Math.min(Math.max(cursor - 1, first), last - 1);
  const byStep = useMemo(() => groupByStep(log), [log]);
  const steps: number[] = [];
  for (let step = first; step < last; step++) steps.push(step);
  const boxRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(rootRef);

  // Keep the current step in view inside the log's own box, without scrolling the page.
  // Geometry is read in the next frame, when layout is due anyway, rather than forced now.
  useEffect(() => {
    if (!onScreen) return;
    const frame = requestAnimationFrame(() => {
      const box = boxRef.current;
      if (!box) return;
      const current = box.querySelector<HTMLElement>('[aria-current="step"]');
      if (!current) {
        box.scrollTop = 0;
        return;
      }
      const top =
        current.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      const bottom = top + current.offsetHeight;
      if (bottom > box.scrollTop + box.clientHeight || top < box.scrollTop) {
        box.scrollTop = Math.max(0, bottom - box.clientHeight + 8);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [cursor, log, onScreen]);

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('.pg-log-step')];
    const at = buttons.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const next = buttons[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
    next.focus();
  };

  return (
    <div className="pg-log" ref={rootRef}>
      <p className="pg-panel-title">Event log</p>
      <div className="pg-log-scroll" ref={boxRef} tabIndex={0} role="region" aria-label="Event log">
        {events.length === 0 ? (
          <p className="pg-empty">Nothing has happened yet. Use the controls to act.</p>
        ) : null}
        {first > 0 ? (
          <p className="pg-more">
            {first} earlier steps not shown.{' '}
            <button type="button" onClick={() => setExtra({ ...more, before: more.before + MORE })}>
              Show {Math.min(MORE, first)} earlier
            </button>
          </p>
        ) : null}
        <ol className="pg-log-list" start={first + 1} onKeyDown={onKeyDown}>
          {steps.map((step) => (
            <LogStep
              key={step}
              step={step}
              type={events[step]?.type}
              entries={byStep.get(step) ?? NO_ENTRIES}
              state={step === cursor - 1 ? 'current' : step < cursor ? 'past' : 'future'}
              tabbable={step === current}
              onJump={onJump}
            />
          ))}
        </ol>
        {last < events.length ? (
          <p className="pg-more">
            {events.length - last} later steps not shown.{' '}
            <button type="button" onClick={() => setExtra({ ...more, after: more.after + MORE })}>
              Show {Math.min(MORE, events.length - last)} later
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}
