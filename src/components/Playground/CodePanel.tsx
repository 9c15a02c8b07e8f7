/**
 * The app's code: the choices as checkboxes beside the Swift listing they produce. The listing
 * was highlighted at build time; this component only picks the variant's lines and lights the
 * methods that run in the current step.
 */
import { Fragment, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useOnScreen } from './use-on-screen.ts';
import type { AppCode } from '../../sim/index.ts';
import { choiceValue, lineShown } from '../../playground/listing-choices.ts';
import type { ListingData } from './types.ts';

interface Choice {
  key: keyof AppCode;
  /** The label describes the recommended code; checked means that value. */
  label: string;
  checked: string;
  unchecked: string;
}

const CHOICES: Choice[] = [
  {
    key: 'sessionKind',
    label: 'Uses a background session',
    checked: 'background',
    unchecked: 'default',
  },
  { key: 'uploadSource', label: 'Uploads from a file', checked: 'file', unchecked: 'data' },
  {
    key: 'sessionOwner',
    label: 'One session for the whole app',
    checked: 'singleton',
    unchecked: 'screen',
  },
  {
    key: 'callsCompletionHandler',
    label: 'Calls the background events completion handler',
    checked: 'true',
    unchecked: 'false',
  },
  {
    key: 'expirationHandlerEndsTask',
    label: 'Expiration handler ends its task',
    checked: 'true',
    unchecked: 'false',
  },
  {
    key: 'beginsTaskOnBackground',
    label: 'Begins a background task on leaving the foreground',
    checked: 'true',
    unchecked: 'false',
  },
  { key: 'lifecycle', label: 'Scene-based lifecycle', checked: 'scene', unchecked: 'appDelegate' },
  {
    key: 'callsSetTaskCompleted',
    label: 'Refresh and processing handlers call setTaskCompleted',
    checked: 'true',
    unchecked: 'false',
  },
  {
    key: 'callsFetchCompletionHandler',
    label: 'Silent-push handler calls its completion handler',
    checked: 'true',
    unchecked: 'false',
  },
  {
    key: 'registersTasksAtLaunch',
    label: 'Registers BGTask handlers during launch',
    checked: 'true',
    unchecked: 'false',
  },
  {
    key: 'releasesFileLocks',
    label: 'Finishes its shared-database write before suspension',
    checked: 'true',
    unchecked: 'false',
  },
  {
    key: 'reportsProgress',
    label: 'Export reports its progress',
    checked: 'true',
    unchecked: 'false',
  },
];

function parse(key: keyof AppCode, value: string): AppCode[keyof AppCode] {
  if (value === 'true') return true;
  if (value === 'false') return false;
  void key;
  return value as AppCode[keyof AppCode];
}

export function CodePanel(props: {
  uid: string;
  listing: ListingData;
  app: Partial<AppCode>;
  lit: Set<string>;
  ready: boolean;
  onAppCode: (app: Partial<AppCode>) => void;
}) {
  const { uid, listing, app, lit, ready, onAppCode } = props;
  const boxRef = useRef<HTMLPreElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(rootRef);
  const styles = useMemo(
    () =>
      listing.styles.map((pair) => {
        const [light = '', dark = ''] = pair.split(' ');
        return { '--shiki-light': light, '--shiki-dark': dark } as React.CSSProperties;
      }),
    [listing],
  );
  const shown = useMemo(
    () =>
      listing.lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => lineShown(line, app as Record<string, unknown>)),
    [listing, app],
  );
  // `lit` holds the names in the order the step called them, so "Running now" is in call order.
  const litNames = [...lit].filter((name) => !name.includes('#') && !name.startsWith('event:'));
  // Where each method starts among the lines shown.
  const firstLine = useMemo(() => {
    const starts = new Map<string, number>();
    shown.forEach(({ line }, i) => {
      for (const name of line.methods) if (!starts.has(name)) starts.set(name, i);
    });
    return starts;
  }, [shown]);

  /** Scrolls the listing's own box, never the page, so line `i` is near its top. */
  const scrollToLine = useCallback((i: number, onlyIfHidden: boolean) => {
    const box = boxRef.current;
    const line = box?.querySelector('code')?.children[i] as HTMLElement | undefined;
    if (!box || !line) return;
    const top = line.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    const hidden = top < box.scrollTop || top > box.scrollTop + box.clientHeight - 40;
    if (hidden || !onlyIfHidden) box.scrollTop = Math.max(0, top - 24);
  }, []);

  // Keep the first method the step called in view. Geometry is read in the next frame, when
  // layout is due anyway, rather than forced now.
  useEffect(() => {
    const start = [...lit].map((name) => firstLine.get(name)).find((i) => i !== undefined);
    if (start === undefined || !onScreen) return;
    const frame = requestAnimationFrame(() => scrollToLine(start, true));
    return () => cancelAnimationFrame(frame);
  }, [lit, firstLine, scrollToLine, onScreen]);

  // A "Show … in the code" press brings that method's first line to the top of the listing, once
  // the listing has been laid out on screen (after the lines the step called, so it wins).
  const [asked, setAsked] = useState<{ line: number } | null>(null);
  useEffect(() => {
    if (!asked || !onScreen) return;
    const frame = requestAnimationFrame(() => {
      scrollToLine(asked.line, false);
      setAsked(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [asked, onScreen, scrollToLine]);

  return (
    <div className="pg-code" ref={rootRef}>
      <fieldset className="pg-group pg-choices">
        <legend>The app’s code choices</legend>
        {CHOICES.map((choice) => {
          const id = `${uid}-choice-${choice.key}`;
          const value = choiceValue(app as Record<string, unknown>, choice.key);
          return (
            <div key={choice.key} className="pg-choice">
              <input
                id={id}
                type="checkbox"
                disabled={!ready}
                checked={value === choice.checked}
                onChange={(e) =>
                  onAppCode({
                    ...app,
                    [choice.key]: parse(
                      choice.key,
                      e.currentTarget.checked ? choice.checked : choice.unchecked,
                    ),
                  })
                }
              />
              <label htmlFor={id}>{choice.label}</label>
            </div>
          );
        })}
      </fieldset>
      <div className="pg-listing-wrap">
        <p className="pg-running">
          {litNames.length > 0 ? (
            <>
              Running now:{' '}
              {litNames.map((name, i) => {
                const start = firstLine.get(name);
                return (
                  <Fragment key={name}>
                    {i > 0 ? ', ' : null}
                    {start === undefined ? (
                      <code>{name}</code>
                    ) : (
                      <button
                        type="button"
                        className="pg-running-link"
                        disabled={!ready}
                        aria-label={`Show ${name} in the code`}
                        onClick={() => setAsked({ line: start })}
                      >
                        <code>{name}</code>
                      </button>
                    )}
                  </Fragment>
                );
              })}
            </>
          ) : (
            'No callback runs in this step.'
          )}
        </p>
        <pre
          className="pg-listing"
          ref={boxRef}
          tabIndex={0}
          role="region"
          aria-label="The app’s Swift code"
        >
          <code>
            {shown.map(({ line, index }, i) => (
              <Line
                key={index}
                number={i + 1}
                tokens={line.tokens}
                styles={styles}
                lit={line.methods.some((name) => lit.has(name))}
              />
            ))}
          </code>
        </pre>
      </div>
    </div>
  );
}

const Line = memo(function Line(props: {
  number: number;
  tokens: [string, number][];
  styles: React.CSSProperties[];
  lit: boolean;
}) {
  return (
    <span className="pg-line" data-lit={props.lit ? 'true' : undefined}>
      <span className="pg-ln" aria-hidden="true">
        {props.number}
      </span>
      {props.tokens.map(([text, style], i) => (
        <span key={i} style={props.styles[style]}>
          {text}
        </span>
      ))}
      {'\n'}
    </span>
  );
});
