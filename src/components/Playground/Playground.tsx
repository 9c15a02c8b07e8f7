/**
 * The playground island: renders the simulation after replaying the run to its cursor, and
 * sends events. The run itself lives in the player machine (src/playground/player.machine.ts);
 * everything laid out or highlighted was prepared at build time by the .astro wrapper.
 */
import { useMachine } from '@xstate/react';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import type { AppCode, Scenario, ScenarioEvent } from '../../sim/index.ts';
import { playerMachine } from '../../playground/player.machine.ts';
import { Replayer, type Frame } from '../../playground/replay.ts';
import { explainStep } from '../../playground/explain-step.ts';
import { useWhatChanged } from './use-what-changed.ts';
import { CONTROL_GROUP_SPECS, formatMs, type Control } from '../../playground/controls.ts';
import type { ChartLayout, ControlGroup, ListingData, Panel } from './types.ts';
import { Phone, StateReadout } from './Phone.tsx';
import { CodePanel } from './CodePanel.tsx';
import { Timeline } from './Timeline.tsx';
import { EventLog } from './EventLog.tsx';
import { Statecharts } from './Statecharts.tsx';
import { ForkNotice } from './ForkNotice.tsx';
import { ShareTools } from './ShareTools.tsx';
import { MiniStatus } from './MiniStatus.tsx';
import { useSharedRun } from './useSharedRun.ts';
import { useRunInAddressBar } from './useRunInAddressBar.ts';
import { OpenInPlayground } from './OpenInPlayground.tsx';

export interface PlaygroundProps {
  title: string;
  scenario: Scenario;
  /** Events applied when the playground opens; all of them when absent. */
  at?: number;
  panels: Panel[];
  controls: ControlGroup[];
  listing: ListingData | null;
  charts: ChartLayout[];
  variant: 'full' | 'embed' | 'compact';
  /** A label shown beside the title, e.g. "Broken" or "Fixed". */
  /** The label over a compared run and whether it is the run with the mistake or without. */
  badge?: { tone: 'broken' | 'fixed'; label: string };
  /** Whether to read a run from the page's `#run=` fragment (the /playground/ page). */
  readsLink?: boolean;
  /** Where share links point. */
  playgroundHref: string;
  /** An embed's link to its run in the full playground, encoded at build time. */
  openHref?: string;
}

interface ControlState {
  control: Control;
  event: ScenarioEvent | null;
  reason: string | null;
  on?: boolean;
}

/** Inputs that take no typed text, so the shortcuts still work while one has focus. */
const KEYLESS_INPUTS = new Set(['checkbox', 'radio', 'range', 'button']);

function takesText(element: HTMLElement): boolean {
  if (element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT')
    return true;
  return element instanceof HTMLInputElement && !KEYLESS_INPUTS.has(element.type);
}

/** Keys a focused scrolling box (timeline, log, listing, statecharts) or the slider keeps. */
const SCROLL_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

export default function Playground(props: PlaygroundProps) {
  const { title, scenario, at, panels, controls, listing, charts, variant, badge } = props;
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [snapshot, send] = useMachine(playerMachine, {
    input: {
      app: scenario.app,
      events: scenario.events,
      cursor: at ?? scenario.events.length,
      ...(scenario.seed === undefined ? {} : { seed: scenario.seed }),
    },
  });
  const { app, events, cursor, seed } = snapshot.context;
  const playing = snapshot.matches('playing');

  // The replayer is a cache of simulations; it lives as long as the island does.
  const [replayer] = useState(() => new Replayer());
  // The whole run first: the moment on screen is then a rewind from one of its checkpoints.
  const fullLog = useMemo(() => replayer.fullLog(app, events, seed), [replayer, app, events, seed]);
  const frame = useMemo(
    () => replayer.at(app, events, cursor, seed),
    [replayer, app, events, cursor, seed],
  );
  const { view, sim } = frame;

  const pendingAnnouncement = useRef<'send' | 'move' | null>(null);
  const { opening, linkError, clearLinkError } = useSharedRun({
    enabled: props.readsLink === true,
    fresh: scenario,
    send,
    onLoad: () => {
      pendingAnnouncement.current = 'move';
    },
  });
  useRunInAddressBar(props.readsLink === true && !opening, snapshot.context);
  // Before hydration, and while a shared run opens, every control is disabled, so nothing looks
  // clickable that is not yet.
  const hydrated = useSyncExternalStore(noSubscription, isClient, isServer);
  const ready = hydrated && !opening;
  // The status line opens on what the preset's last event did; later changes are announced.
  const [announcement, setAnnouncement] = useState(() => (frame.last ? said(frame) : ''));

  // Each change of the run is narrated once it has been replayed, before the browser paints: the
  // narration sits above the controls, so a later change of its height would move them under
  // the pointer.
  useLayoutEffect(() => {
    const kind = pendingAnnouncement.current;
    if (!kind) return;
    pendingAnnouncement.current = null;
    const text = frame.last
      ? said(frame)
      : 'The start: the phone is at the home screen and the app is not running.';
    setAnnouncement(kind === 'move' ? `Step ${cursor} of ${events.length}. ${text}` : text);
  }, [frame, cursor, events.length]);

  const sendEvent = useCallback(
    (event: ScenarioEvent) => {
      pendingAnnouncement.current = 'send';
      clearLinkError();
      send({ type: 'player.send', event });
    },
    [send, clearLinkError],
  );
  const move = useCallback(
    (
      event:
        | { type: 'player.step' }
        | { type: 'player.back' }
        | { type: 'player.jump'; to: number }
        | { type: 'player.undo' },
    ) => {
      pendingAnnouncement.current = 'move';
      send(event);
    },
    [send],
  );
  const jump = useCallback((to: number) => move({ type: 'player.jump', to }), [move]);
  const reset = useCallback(() => {
    pendingAnnouncement.current = 'move';
    send({
      type: 'player.load',
      app: scenario.app,
      events: scenario.events,
      cursor: at ?? scenario.events.length,
    });
  }, [send, scenario, at]);

  // Play advances virtual time on a real timer; the machine only ever sees ticks.
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => send({ type: 'player.tick', ms: 1000 }), 500);
    return () => window.clearInterval(timer);
  }, [playing, send]);

  const controlStates = useMemo(() => {
    const states = new Map<string, ControlState>();
    for (const group of CONTROL_GROUP_SPECS) {
      for (const control of group.controls) {
        const event = control.event(view);
        const reason = event
          ? sim.refusal(event)
          : control.kind === 'action'
            ? (control.idle ?? 'it cannot act now')
            : null;
        states.set(control.id, {
          control,
          event,
          reason,
          ...(control.kind === 'toggle' ? { on: control.on(view) } : {}),
        });
      }
    }
    return states;
  }, [sim, view]);

  const trigger = useCallback(
    (state: ControlState | undefined) => {
      if (!state) return;
      if (state.reason || !state.event) {
        setAnnouncement(`${state.control.label} is not available: ${state.reason}.`);
        return;
      }
      sendEvent(state.event);
    },
    [sendEvent],
  );

  const togglePlay = () => {
    setAnnouncement(
      playing
        ? `Paused at step ${cursor}, ${formatMs(view.timeMs)} in.`
        : 'Playing: one second of the phone’s time passes every half second.',
    );
    send({ type: playing ? 'player.pause' : 'player.play' });
  };

  const shortcuts = useRef<HTMLDetailsElement>(null);
  const openShortcuts = () => {
    const list = shortcuts.current;
    if (!list) return;
    list.open = true;
    list.scrollIntoView({ block: 'nearest' });
    list.querySelector('summary')?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (takesText(target)) return;
    const key = event.key;
    const keepsArrows = target.matches('[role="region"][tabindex="0"], input[type="range"]');
    if (SCROLL_KEYS.has(key) && keepsArrows) return;
    if (key === '.' || key === 'ArrowRight') move({ type: 'player.step' });
    else if (key === ',' || key === 'ArrowLeft') move({ type: 'player.back' });
    else if (key === 'a' || key === 'A') trigger(controlStates.get('advanceNext'));
    else if (key === 'p' || key === 'P') togglePlay();
    else if (key === 'Home') jump(0);
    else if (key === 'End') jump(events.length);
    else if (key === '?') openShortcuts();
    else return;
    event.preventDefault();
  };

  const { changed, codeChanged } = useWhatChanged(app, events, cursor, seed);
  const setAppCode = useCallback(
    (next: Partial<AppCode>) => {
      codeChanged(app, next);
      pendingAnnouncement.current = 'move';
      send({ type: 'player.setAppCode', app: next });
    },
    [send, app, codeChanged],
  );

  const currentStep = cursor - 1;
  const stepEntries = frame.step;
  const lit = useMemo(() => {
    const names = new Set<string>();
    for (const entry of stepEntries) {
      if (entry.kind !== 'callback' || !entry.callback) continue;
      names.add(entry.callback);
      const task = `${entry.task ?? ''} ${entry.text}`.toLowerCase();
      if (/continued|export/.test(task)) names.add(`${entry.callback}#continuedProcessing`);
      else if (/processing/.test(task)) names.add(`${entry.callback}#processing`);
      else if (/refresh/.test(task)) names.add(`${entry.callback}#appRefresh`);
    }
    const event = events[currentStep];
    if (event && frame.last?.accepted && event.type.startsWith('app.'))
      names.add(`event:${event.type}`);
    return names;
  }, [stepEntries, events, currentStep, frame]);

  // A banner posted during the step just taken stays up until the next step, however long it was.
  const stepStartMs = stepEntries[0]?.atMs ?? view.timeMs;
  const show = (panel: Panel) => panels.includes(panel);
  const titleId = `${uid}-title`;
  const shortcutsId = `${uid}-keys`;
  const atEvent = events[currentStep];

  const statecharts =
    show('machines') && charts.length > 0 ? (
      <Statecharts uid={uid} charts={charts} view={view} step={stepEntries} />
    ) : null;

  return (
    <section
      className={`pg pg--${variant}`}
      aria-labelledby={badge ? undefined : titleId}
      aria-label={badge ? `${badge.label}: ${title}` : undefined}
      onKeyDown={onKeyDown}
      data-ready={ready ? 'true' : 'false'}
    >
      <div className="pg-head">
        {variant === 'full' ? (
          <h2 id={titleId} className="pg-title">
            {title}
          </h2>
        ) : (
          <p id={titleId} className="pg-title">
            {/* A compared run sits under its pair's title, so its label alone names it. */}
            {badge ? (
              <span className={`pg-badge pg-badge--${badge.tone}`}>{badge.label}</span>
            ) : (
              title
            )}
          </p>
        )}
        <p className="pg-position">
          {opening
            ? 'Opening the shared run…'
            : `Step ${cursor} of ${events.length} · ${formatMs(view.timeMs)} elapsed`}
        </p>
      </div>

      {linkError ? (
        <p role="alert" className="pg-alert">
          This share link is damaged: {linkError}. The playground started fresh.
        </p>
      ) : null}

      <div className="pg-player" role="group" aria-label="Run">
        <button
          type="button"
          disabled={!ready}
          aria-disabled={cursor === 0 || undefined}
          onClick={() => jump(0)}
        >
          Back to start
        </button>
        <button
          type="button"
          disabled={!ready}
          aria-disabled={cursor === 0 || undefined}
          onClick={() => move({ type: 'player.back' })}
        >
          Step back
        </button>
        <button
          type="button"
          disabled={!ready}
          aria-disabled={cursor >= events.length || undefined}
          onClick={() => move({ type: 'player.step' })}
        >
          Step forward
        </button>
        <label className="pg-scrub">
          <span className="pg-sr">Position in the run</span>
          <input
            type="range"
            min={0}
            max={events.length}
            value={cursor}
            disabled={!ready || events.length === 0}
            aria-valuetext={`Step ${cursor} of ${events.length}${atEvent ? `: ${atEvent.type}` : ''}`}
            onChange={(e) => jump(Number(e.currentTarget.value))}
          />
        </label>
        {variant === 'full' ? (
          <ShareTools
            title={title}
            run={snapshot.context}
            playgroundHref={props.playgroundHref}
            readsLink={props.readsLink === true}
            ready={ready}
          />
        ) : (
          <button type="button" disabled={!ready} onClick={reset}>
            Reset demo
          </button>
        )}
        {props.openHref ? (
          <OpenInPlayground
            href={props.openHref}
            playgroundHref={props.playgroundHref}
            app={app}
            events={events}
            cursor={cursor}
          />
        ) : null}
      </div>
      <ForkNotice
        fork={snapshot.context.fork}
        ready={ready}
        onUndo={() => move({ type: 'player.undo' })}
      />
      <p className="pg-narration" role="status" aria-live="polite">
        {opening ? 'Opening the shared run…' : announcement}
      </p>
      {changed ? (
        <p className="pg-changed" aria-live="polite">
          {changed}
        </p>
      ) : null}

      <div className="pg-body">
        {show('phone') ? (
          <div className="pg-phone-col">
            <Phone view={view} since={stepStartMs} />
            <StateReadout view={view} />
          </div>
        ) : null}
        {variant === 'embed' ? statecharts : null}
        {show('controls') && controls.length > 0 ? (
          <div className="pg-controls">
            <MiniStatus
              cursor={cursor}
              total={events.length}
              view={view}
              narration={opening ? 'Opening the shared run…' : announcement}
            />
            {CONTROL_GROUP_SPECS.filter((group) => controls.includes(group.id)).map((group) => (
              <fieldset key={group.id} className={`pg-group pg-group--${group.id}`}>
                <legend>{group.heading}</legend>
                <div className="pg-buttons">
                  {group.controls.map((control) => (
                    <ControlButton
                      key={control.id}
                      uid={uid}
                      ready={ready}
                      state={controlStates.get(control.id)!}
                      onTrigger={trigger}
                    />
                  ))}
                  {group.id === 'time' ? (
                    <button
                      type="button"
                      disabled={!ready}
                      aria-pressed={playing}
                      onClick={togglePlay}
                    >
                      {playing ? 'Pause' : 'Play'}
                    </button>
                  ) : null}
                </div>
                {group.id === 'time' ? (
                  <p className="pg-note">
                    {view.nextDueInMs === null
                      ? 'Nothing will happen on its own.'
                      : `Next thing happens in ${formatMs(view.nextDueInMs)}.`}
                  </p>
                ) : null}
              </fieldset>
            ))}
          </div>
        ) : null}
      </div>

      {show('code') && listing ? (
        <CodePanel
          uid={uid}
          listing={listing}
          app={app}
          lit={lit}
          ready={ready}
          onAppCode={setAppCode}
        />
      ) : null}

      {show('timeline') || show('log') ? (
        <div className="pg-history">
          {show('timeline') ? (
            <Timeline log={fullLog} events={events} cursor={cursor} onJump={jump} />
          ) : null}
          {show('log') ? (
            <EventLog log={fullLog} events={events} cursor={cursor} onJump={jump} />
          ) : null}
        </div>
      ) : null}

      {variant !== 'embed' ? statecharts : null}

      {variant === 'full' ? (
        <details className="pg-keys" id={shortcutsId} ref={shortcuts}>
          <summary>Keyboard shortcuts</summary>
          <p>
            When focus is inside the playground and not in a text field (in a box that scrolls, the
            arrow keys, Home and End scroll it instead):
          </p>
          <dl>
            <dt>
              <kbd>.</kbd> or <kbd>→</kbd>
            </dt>
            <dd>Step forward</dd>
            <dt>
              <kbd>,</kbd> or <kbd>←</kbd>
            </dt>
            <dd>Step back</dd>
            <dt>
              <kbd>a</kbd>
            </dt>
            <dd>Advance to the next thing that will happen</dd>
            <dt>
              <kbd>p</kbd>
            </dt>
            <dd>Play or pause</dd>
            <dt>
              <kbd>Home</kbd> / <kbd>End</kbd>
            </dt>
            <dd>Go to the start or the end of the run</dd>
            <dt>
              <kbd>?</kbd>
            </dt>
            <dd>Open this list</dd>
          </dl>
          <p>
            The position slider moves through the run with the arrow keys; a click on the timeline
            or on a step in the log jumps there.
          </p>
        </details>
      ) : null}
    </section>
  );
}

function ControlButton(props: {
  uid: string;
  ready: boolean;
  state: ControlState;
  onTrigger: (state: ControlState) => void;
}) {
  const { uid, ready, state, onTrigger } = props;
  const { control, reason } = state;
  const hintId = `${uid}-why-${control.id}`;
  const blocked = reason !== null;
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      className="pg-control"
      data-dismissed={dismissed || undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && blocked) setDismissed(true);
      }}
      onBlur={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
    >
      <button
        type="button"
        className={control.kind === 'toggle' ? 'pg-switch' : undefined}
        role={control.kind === 'toggle' ? 'switch' : undefined}
        aria-checked={control.kind === 'toggle' ? state.on : undefined}
        disabled={!ready}
        aria-disabled={blocked || undefined}
        aria-describedby={blocked ? hintId : undefined}
        onClick={() => onTrigger(state)}
      >
        {control.kind === 'toggle' ? (
          <span className="pg-switch-track" aria-hidden="true">
            <span className="pg-switch-thumb" />
          </span>
        ) : null}
        {control.label}
      </button>
      {blocked ? (
        <span id={hintId} className="pg-hint" role="tooltip">
          {capitalise(reason)}
        </span>
      ) : null}
    </span>
  );
}

const noSubscription = () => () => {};
const isClient = () => true;
const isServer = () => false;

/** What the last applied event did, told from the step's log. */
function said(frame: Frame): string {
  if (frame.last && !frame.last.accepted) return `Refused: ${frame.last.reason}.`;
  return explainStep(frame.step, frame.view);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
