/**
 * The challenge island: replays the run (starting scenario plus the reader's steps and code
 * changes) after every action, shows what the simulation's summary says, and asks the
 * challenge's pure check whether the goal is met. Progress goes to localStorage.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppCode, Scenario, ScenarioEvent, Summary } from '../../sim/index.ts';
import { encodeRun } from '../../lib/share-link.ts';
import { appChoiceText, choiceValue } from '../../learn/app-choices.ts';
import { challengeBySlug, challenges } from '../../learn/challenges.ts';
import { withSolved } from '../../learn/progress.ts';
import { replay, type Replay } from '../../learn/run.ts';
import type { AppCodeKey, Challenge as ChallengeData } from '../../learn/types.ts';
import { formatClock } from '../../learn/format.ts';
import { useHydrated, useProgress, writeProgress } from './use-progress.ts';

export interface ChallengeProps {
  slug: string;
  /** The /playground/ page, for "Show solution". */
  playgroundHref: string;
  /** The /learn/ page. */
  pathHref: string;
  next: { href: string; title: string } | null;
}

interface Run {
  app: Partial<AppCode>;
  /** Steps the reader added after the starting scenario. */
  added: ScenarioEvent[];
}

interface State {
  run: Run;
  /** Earlier runs, for Undo. */
  history: Run[];
  /** The reader's answer to the prediction, once given. */
  predicted: string | null;
  /** What the paused step did when it ran, kept as it was even if the code changes later. */
  revealedStep: string | null;
  hintsShown: number;
  whyShown: boolean;
  /** Whether the reader has changed the run at least once (Reset does not clear it). */
  tried: boolean;
}

type Action =
  | { type: 'step'; event: ScenarioEvent }
  | { type: 'code'; key: AppCodeKey; value: string | boolean }
  | { type: 'undo' }
  | { type: 'reset' }
  | { type: 'predict'; choice: string; step: string | null }
  | { type: 'hint' }
  | { type: 'why' };

function initialState(challenge: ChallengeData): State {
  return {
    run: { app: challenge.start.app, added: [] },
    history: [],
    predicted: null,
    revealedStep: null,
    hintsShown: 0,
    whyShown: false,
    tried: false,
  };
}

function reducer(state: State, action: Action): State {
  const changed = (run: Run): State => ({
    ...state,
    run,
    history: [...state.history, state.run],
    tried: true,
  });
  switch (action.type) {
    case 'step':
      return changed({ ...state.run, added: [...state.run.added, action.event] });
    case 'code':
      return changed({ ...state.run, app: { ...state.run.app, [action.key]: action.value } });
    case 'undo': {
      const previous = state.history.at(-1);
      if (!previous) return state;
      return { ...state, run: previous, history: state.history.slice(0, -1) };
    }
    case 'reset':
      return { ...state, run: state.history[0] ?? state.run, history: [] };
    case 'predict':
      return { ...state, predicted: action.choice, revealedStep: action.step };
    case 'hint':
      return { ...state, hintsShown: state.hintsShown + 1 };
    case 'why':
      return { ...state, whyShown: true };
  }
}

/** The scenario a state runs: the start up to the prediction's pause, or all of it and more. */
function scenarioOf(challenge: ChallengeData, state: State): Scenario {
  const { prediction, start } = challenge;
  const paused = prediction !== undefined && state.predicted === null;
  return {
    version: 1,
    app: state.run.app,
    events: paused
      ? start.events.slice(0, prediction.beforeStep)
      : [...start.events, ...state.run.added],
  };
}

/** What the reader hears after an action: what happened, then where the goal stands. */
function announce(action: Action, run: Replay, challenge: ChallengeData): string {
  const verdict = challenge.check(run.summary);
  const last = run.steps.at(-1)?.text ?? '';
  const lead =
    action.type === 'step' || action.type === 'predict'
      ? last
      : action.type === 'code'
        ? 'The app’s code changed and the run was replayed.'
        : action.type === 'undo'
          ? 'Undone.'
          : 'The run is back at its start.';
  const outcome = challenge.impossible
    ? verdict.status
    : verdict.solved
      ? 'Solved!'
      : verdict.status;
  return `${lead} ${outcome}`;
}

const known = challenges.map((ch) => ch.slug);

export default function Challenge({ slug, playgroundHref, pathHref, next }: ChallengeProps) {
  const challenge = requireChallenge(slug);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const ready = useHydrated();
  const [state, setState] = useState(() => initialState(challenge));
  const [announcement, setAnnouncement] = useState('');
  const [saveFailed, setSaveFailed] = useState(false);
  const { prediction, impossible } = challenge;
  const paused = prediction !== undefined && state.predicted === null;
  const result = useMemo(() => replay(scenarioOf(challenge, state)), [challenge, state]);
  const verdict = challenge.check(result.summary);
  const canUndo = state.history.length > 0;
  const { tried } = state;
  const done = impossible ? tried && state.whyShown : verdict.solved;
  const { progress } = useProgress(known);
  const solvedBefore = progress.solved.includes(slug);

  // Each action replays the run once here, to announce it and record progress, and the render
  // replays the same scenario; runs are small enough that the second replay costs nothing.
  function dispatch(action: Action) {
    const next = reducer(state, action);
    if (next === state) return;
    setState(next);
    if (action.type === 'hint' || action.type === 'why') {
      if (action.type === 'why' && next.tried) record();
      return;
    }
    const run = replay(scenarioOf(challenge, next));
    setAnnouncement(announce(action, run, challenge));
    if (!impossible && challenge.check(run.summary).solved) record();
  }

  function record() {
    if (!progress.solved.includes(slug)) {
      setSaveFailed(!writeProgress(withSolved(progress, slug, known)));
    }
  }

  const solutionHref = useSolutionHref(challenge, playgroundHref);

  return (
    <div className="ch" data-solved={done ? 'true' : 'false'}>
      <p className="ch-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>

      {prediction && (
        <Prediction
          uid={uid}
          prediction={prediction}
          answered={state.predicted}
          ready={ready}
          revealedStep={state.revealedStep}
          onAnswer={(choice) =>
            dispatch({
              type: 'predict',
              choice,
              step:
                replay({ ...scenarioOf(challenge, state), events: challenge.start.events }).steps[
                  prediction.beforeStep
                ]?.text ?? null,
            })
          }
        />
      )}

      <section className="ch-verdict" aria-labelledby={`${uid}-verdict`}>
        <h2 id={`${uid}-verdict`} className="ch-verdict-title">
          {impossible
            ? done
              ? 'Done: you tried, and you know why'
              : 'Not solved (and it cannot be)'
            : verdict.solved
              ? 'Solved'
              : 'Not solved yet'}
        </h2>
        <p className="ch-verdict-status">
          {paused ? 'Answer the question above to start.' : verdict.status}
        </p>
        {solvedBefore && !done && (
          <p className="ch-note">
            {impossible
              ? 'You have done this challenge before'
              : 'You have solved this challenge before'}
            ; your progress is saved.
          </p>
        )}
        {saveFailed && (
          <p className="ch-note">This browser did not let the page save your progress.</p>
        )}
        {done && next && (
          <p>
            <a href={next.href}>Next challenge: {next.title}</a>
          </p>
        )}
        {done && !next && (
          <p>
            That was the last challenge. <a href={pathHref}>Back to the path</a>
          </p>
        )}
      </section>

      {!paused && (
        <>
          {challenge.appChoices.length > 0 && (
            <section aria-labelledby={`${uid}-code`} className="ch-block">
              <h2 id={`${uid}-code`}>The app’s code</h2>
              <p className="ch-help">Changing the code replays the whole run with it.</p>
              {challenge.appChoices.map((key) => (
                <AppChoice
                  key={key}
                  name={`${uid}-${key}`}
                  choiceKey={key}
                  value={choiceValue(state.run.app, key)}
                  disabled={!ready}
                  onChange={(value) => dispatch({ type: 'code', key, value })}
                />
              ))}
            </section>
          )}

          <section aria-labelledby={`${uid}-steps`} className="ch-block">
            <h2 id={`${uid}-steps`}>Your next step</h2>
            <div className="ch-buttons">
              {challenge.controls.map((control) => (
                <button
                  key={control.label}
                  type="button"
                  className="ch-button"
                  disabled={!ready}
                  onClick={() => dispatch({ type: 'step', event: control.event })}
                >
                  {control.label}
                </button>
              ))}
            </div>
            <div className="ch-buttons ch-history">
              <button
                type="button"
                className="ch-button ch-secondary"
                aria-disabled={!canUndo}
                onClick={() => canUndo && dispatch({ type: 'undo' })}
              >
                Undo
              </button>
              <button
                type="button"
                className="ch-button ch-secondary"
                aria-disabled={!canUndo}
                onClick={() => canUndo && dispatch({ type: 'reset' })}
              >
                Reset
              </button>
              {!canUndo && <span className="ch-help">Nothing to undo yet.</span>}
            </div>
          </section>
        </>
      )}

      <RunView
        uid={uid}
        steps={result.steps}
        startCount={challenge.start.events.length}
        pausedAt={prediction?.beforeStep ?? null}
        summary={result.summary}
      />

      {impossible && (
        <section aria-labelledby={`${uid}-why`} className="ch-block">
          <h2 id={`${uid}-why`}>Why it cannot be solved</h2>
          {!tried ? (
            <p className="ch-help">
              Try at least one change first (a step or the app’s code). Then the explanation opens
              here, and reading it marks this challenge as done.
            </p>
          ) : state.whyShown ? (
            <div className="ch-explanation">
              <p>{impossible.why}</p>
              <p>
                Source: <a href={impossible.source.url}>{impossible.source.title}</a>
              </p>
            </div>
          ) : (
            <button
              disabled={!ready}
              type="button"
              className="ch-button"
              onClick={() => dispatch({ type: 'why' })}
            >
              Explain why it cannot be solved
            </button>
          )}
        </section>
      )}

      <section aria-labelledby={`${uid}-hints`} className="ch-block">
        <h2 id={`${uid}-hints`}>Hints</h2>
        {state.hintsShown > 0 && (
          <ol className="ch-hints">
            {challenge.hints.slice(0, state.hintsShown).map((hint) => (
              <li key={hint}>{hint}</li>
            ))}
          </ol>
        )}
        {state.hintsShown < challenge.hints.length ? (
          <button
            disabled={!ready}
            type="button"
            className="ch-button ch-secondary"
            onClick={() => dispatch({ type: 'hint' })}
          >
            Show a hint ({state.hintsShown + 1} of {challenge.hints.length})
          </button>
        ) : (
          <p className="ch-help">That was the last hint.</p>
        )}
        <p>
          {solutionHref ? (
            <a href={solutionHref}>
              {impossible
                ? 'Show the best attempt in the playground'
                : 'Show solution in the playground'}
            </a>
          ) : (
            <span className="ch-help">Preparing the solution link…</span>
          )}
        </p>
      </section>
    </div>
  );
}

function requireChallenge(slug: string): ChallengeData {
  const challenge = challengeBySlug(slug);
  if (!challenge) throw new Error(`No challenge with the slug "${slug}".`);
  return challenge;
}

/** The solution as a /playground/#run= link; built after hydration (compression is async). */
function useSolutionHref(challenge: ChallengeData, playgroundHref: string): string | null {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const { solution } = challenge;
    encodeRun({ scenario: solution, cursor: solution.events.length }).then(
      (token) => live && setHref(`${playgroundHref}#run=${token}`),
      () => live && setHref(playgroundHref),
    );
    return () => {
      live = false;
    };
  }, [challenge, playgroundHref]);
  return href;
}

function Prediction(props: {
  uid: string;
  prediction: NonNullable<ChallengeData['prediction']>;
  answered: string | null;
  ready: boolean;
  revealedStep: string | null;
  onAnswer: (choice: string) => void;
}) {
  const { uid, prediction, answered, ready, revealedStep, onAnswer } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answered !== null) resultRef.current?.focus();
  }, [answered]);
  const right = answered === prediction.answer;
  const answerLabel = prediction.choices.find((c) => c.id === prediction.answer)?.label;

  return (
    <section className="ch-block ch-prediction" aria-labelledby={`${uid}-predict`}>
      <h2 id={`${uid}-predict`}>Predict first</h2>
      {answered === null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (picked === null) setMissing(true);
            else onAnswer(picked);
          }}
        >
          <fieldset aria-describedby={missing ? `${uid}-predict-missing` : undefined}>
            <legend>{prediction.question}</legend>
            {prediction.choices.map((choice) => (
              <label key={choice.id} className="ch-radio">
                <input
                  type="radio"
                  name={`${uid}-prediction`}
                  value={choice.id}
                  checked={picked === choice.id}
                  disabled={!ready}
                  onChange={() => {
                    setPicked(choice.id);
                    setMissing(false);
                  }}
                />
                <span>{choice.label}</span>
              </label>
            ))}
          </fieldset>
          {missing && (
            <p id={`${uid}-predict-missing`} className="ch-note" role="alert">
              Pick one of the answers first.
            </p>
          )}
          <button type="submit" className="ch-button" disabled={!ready}>
            Check my prediction and run the step
          </button>
        </form>
      ) : (
        <div ref={resultRef} tabIndex={-1} className="ch-explanation">
          <p className="ch-question">{prediction.question}</p>
          <p>
            <strong>{right ? 'Right.' : 'Not quite.'}</strong>{' '}
            {right ? `You predicted: ${answerLabel}.` : `What happens: ${answerLabel}.`}
          </p>
          {revealedStep && <p>The step: {revealedStep}</p>}
          <p>{prediction.explanation}</p>
          <p>
            Source: <a href={prediction.source.url}>{prediction.source.title}</a>
          </p>
        </div>
      )}
    </section>
  );
}

function AppChoice(props: {
  name: string;
  choiceKey: AppCodeKey;
  value: string | boolean;
  disabled: boolean;
  onChange: (value: string | boolean) => void;
}) {
  const text = appChoiceText[props.choiceKey];
  if (!text) throw new Error(`No text for the app code choice "${props.choiceKey}".`);
  return (
    <fieldset className="ch-choice">
      <legend>{text.legend}</legend>
      {text.options.map((option) => (
        <label key={String(option.value)} className="ch-radio">
          <input
            type="radio"
            name={props.name}
            value={String(option.value)}
            checked={props.value === option.value}
            disabled={props.disabled}
            onChange={() => props.onChange(option.value)}
          />
          <code>{option.label}</code>
        </label>
      ))}
    </fieldset>
  );
}

function RunView(props: {
  uid: string;
  steps: { accepted: boolean; text: string }[];
  startCount: number;
  pausedAt: number | null;
  summary: Summary;
}) {
  const { uid, steps, startCount, pausedAt, summary } = props;
  const { app } = summary;
  return (
    <section aria-labelledby={`${uid}-run`} className="ch-block ch-run">
      <h2 id={`${uid}-run`}>The run</h2>
      <div className="ch-run-grid">
        <div>
          <h3>Steps</h3>
          <ol className="ch-steps">
            {steps.map((step, index) => (
              <li
                key={index}
                className={step.accepted ? undefined : 'ch-refused'}
                data-origin={index < startCount ? 'start' : 'reader'}
              >
                {step.text}
                {index === pausedAt && <span className="ch-tag">the step you predicted</span>}
                {index >= startCount && <span className="ch-tag">your step</span>}
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>What the simulation reports at {formatClock(summary.timeMs)}</h3>
          <dl className="ch-facts">
            <dt>App</dt>
            <dd>{app.state}</dd>
            <dt>Launches</dt>
            <dd>
              {app.launches.map((l) => `${l.reason} at ${formatClock(l.atMs)}`).join(', ') ||
                'none'}
            </dd>
            <dt>Terminations</dt>
            <dd>
              {app.terminations
                .map((t) => `${t.reason}${t.code ? ` (${t.code})` : ''} at ${formatClock(t.atMs)}`)
                .join(', ') || 'none'}
            </dd>
            {summary.transfers.length > 0 && (
              <>
                <dt>Transfers</dt>
                <dd>
                  <ul>
                    {summary.transfers.map((t) => (
                      <li key={t.id}>
                        {t.id}: {t.state}
                        {t.error ? ` (${t.error})` : ''}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {summary.backgroundTasks.length > 0 && (
              <>
                <dt>Background tasks</dt>
                <dd>{summary.backgroundTasks.map((t) => `${t.name}: ${t.state}`).join(', ')}</dd>
              </>
            )}
            {summary.scheduledTasks.length > 0 && (
              <>
                <dt>Scheduled tasks</dt>
                <dd>
                  <ul>
                    {summary.scheduledTasks.map((t, i) => (
                      <li key={i}>
                        {t.identifier}: {t.state}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <h3>What the app’s code saw</h3>
          {summary.callbacks.length === 0 ? (
            <p className="ch-help">Nothing yet.</p>
          ) : (
            <ol className="ch-callbacks">
              {summary.callbacks.map((cb, i) => (
                <li key={i}>
                  <span className="ch-time">{formatClock(cb.atMs)}</span>
                  <span>
                    <code>{cb.name}</code>
                    {cb.task ? ` (${cb.task})` : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
