/**
 * The /learn/ island: the ordered path with the reader's progress from localStorage, a link a
 * team lead can hand out, and one line listing what the reader solved. The server render shows
 * the path with nothing solved; hydration fills in the progress.
 */
import { useId, useMemo, useState } from 'react';
import { solvedLine } from '../../learn/progress.ts';
import { resetProgress, useHydrated, useProgress } from './use-progress.ts';

export interface PathItem {
  slug: string;
  title: string;
  topic: string;
  teaches: string;
  href: string;
  prediction: boolean;
  impossible: boolean;
}

export interface LearnPathProps {
  items: PathItem[];
  /** The path's own address, relative to the site (made absolute in the browser). */
  pathHref: string;
}

export default function LearnPath({ items, pathHref }: LearnPathProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const known = useMemo(() => items.map((item) => item.slug), [items]);
  const { progress, problem } = useProgress(known);
  const ready = useHydrated();
  const [message, setMessage] = useState('');
  // Text to copy by hand when the clipboard is not available.
  const [manual, setManual] = useState<{ label: string; text: string } | null>(null);

  const solvedCount = progress.solved.length;
  const absolutePath = () => new URL(pathHref, window.location.href).toString();

  async function copy(label: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setManual(null);
      setMessage(`Copied ${label}: ${text}`);
    } catch {
      setManual({ label, text });
      setMessage(`The browser did not allow copying; the ${label} is shown below to copy by hand.`);
    }
  }

  function reset() {
    setMessage(
      resetProgress()
        ? 'Your progress was reset: 0 solved.'
        : 'This browser did not let the page reset your progress.',
    );
  }

  return (
    <div className="lp">
      <section aria-labelledby={`${uid}-progress`} className="ch-block">
        <h2 id={`${uid}-progress`}>Your progress</h2>
        <div className="lp-progress">
          <p className="lp-count">
            {solvedCount} of {items.length} solved
          </p>
          <progress
            max={items.length}
            value={solvedCount}
            aria-label={`${solvedCount} of ${items.length} challenges solved`}
          />
        </div>
        <p className="ch-help">
          Kept in this browser only (no account). It stays after a reload; another browser starts
          from zero.
        </p>
        {problem && (
          <p className="ch-note" role="alert">
            {problem}
          </p>
        )}
        <div className="ch-buttons" style={{ marginTop: '0.75rem' }}>
          <button
            type="button"
            className="ch-button"
            disabled={!ready}
            onClick={() => copy('link to the path', absolutePath())}
          >
            Copy link to this path
          </button>
          <button
            type="button"
            className="ch-button"
            disabled={!ready}
            onClick={() => copy('line', solvedLine(progress, items, absolutePath()))}
          >
            Copy what I solved
          </button>
          <button
            type="button"
            className="ch-button ch-secondary"
            disabled={!ready}
            onClick={reset}
          >
            Reset my progress
          </button>
        </div>
        <p className="ch-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {message}
        </p>
        {manual && (
          <p>
            <label htmlFor={`${uid}-manual`}>The {manual.label}, to copy:</label>
            <input
              id={`${uid}-manual`}
              className="lp-copied"
              readOnly
              value={manual.text}
              onFocus={(event) => event.currentTarget.select()}
            />
          </p>
        )}
      </section>

      {groups(items).map((group) => (
        <section key={group.topic} aria-labelledby={`${uid}-${group.first}`}>
          <h2 id={`${uid}-${group.first}`}>{group.topic}</h2>
          <ol className="lp-list" start={group.first + 1}>
            {group.items.map((item, offset) => {
              const number = group.first + offset + 1;
              const solved = progress.solved.includes(item.slug);
              return (
                <li key={item.slug} className="lp-item" data-solved={solved ? 'true' : 'false'}>
                  <span className="lp-number" aria-hidden="true">
                    {solved ? '✓' : number}
                  </span>
                  <div>
                    <a className="lp-title" href={item.href}>
                      <span className="ch-visually-hidden">Challenge {number}: </span>
                      {item.title}
                      {solved && <span className="ch-visually-hidden"> (solved)</span>}
                    </a>
                    <p>{item.teaches}</p>
                    {(solved || item.prediction || item.impossible) && (
                      <p className="lp-meta">
                        {solved && (
                          <span className="lp-badge" data-kind="solved">
                            Solved
                          </span>
                        )}
                        {item.prediction && <span className="lp-badge">Asks a prediction</span>}
                        {item.impossible && (
                          <span className="lp-badge">Cannot be solved, on purpose</span>
                        )}
                      </p>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** Consecutive items of one topic, with the index of the first in the whole path. */
function groups(items: PathItem[]): { topic: string; first: number; items: PathItem[] }[] {
  const result: { topic: string; first: number; items: PathItem[] }[] = [];
  items.forEach((item, index) => {
    const last = result.at(-1);
    if (last && last.topic === item.topic) last.items.push(item);
    else result.push({ topic: item.topic, first: index, items: [item] });
  });
  return result;
}
