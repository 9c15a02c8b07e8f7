/**
 * "Copy link" and "Copy for review": the moment on screen as a share link, or as Markdown that
 * tells the run in words for a code review. The confirmation appears beside the buttons, over
 * the page rather than in it, so neither the narration nor the layout moves. Where the
 * clipboard is unavailable, the text appears in a field to copy by hand.
 */
import { useEffect, useRef, useState } from 'react';
import { encodeRun, SHARE_LINK_PARAM } from '../../lib/share-link.ts';
import { scenarioOf, type PlayerContext } from '../../playground/player.machine.ts';
import { reviewMarkdown } from '../../playground/review-markdown.ts';
import './run-tools.css';

interface ShareToolsProps {
  title: string;
  run: PlayerContext;
  /** Where share links point. */
  playgroundHref: string;
  /** Whether this page's address bar carries the run (then it is updated at once). */
  readsLink: boolean;
  ready: boolean;
}

/** How long the confirmation stays beside the buttons. */
const CONFIRMATION_MS = 4000;

export function ShareTools({ title, run, playgroundHref, readsLink, ready }: ShareToolsProps) {
  const [confirmation, setConfirmation] = useState('');
  // The fallback field belongs to the run it was made for; any change of the run hides it.
  const [fallback, setFallback] = useState<{
    run: PlayerContext;
    kind: 'link' | 'review';
    text: string;
  } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const copy = async (kind: 'link' | 'review') => {
    const scenario = scenarioOf(run);
    const token = await encodeRun({ scenario, cursor: run.cursor });
    const url = new URL(playgroundHref, window.location.href);
    url.hash = `${SHARE_LINK_PARAM}=${token}`;
    if (readsLink) window.history.replaceState(null, '', url.hash);
    const link = url.toString();
    const text =
      kind === 'link' ? link : reviewMarkdown({ title, scenario, cursor: run.cursor, link });
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    setFallback(copied ? null : { run, kind, text });
    setConfirmation(
      copied
        ? kind === 'link'
          ? 'Link copied: it opens this step.'
          : 'Copied as Markdown for a review.'
        : 'The clipboard is not available: copy it from the field below.',
    );
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setConfirmation(''), CONFIRMATION_MS);
  };

  const shown = fallback?.run === run ? fallback : null;
  return (
    <>
      <span className="pg-share-tools">
        <button type="button" disabled={!ready} onClick={() => void copy('link')}>
          Copy link
        </button>
        <button type="button" disabled={!ready} onClick={() => void copy('review')}>
          Copy for review
        </button>
        <span className="pg-copied" aria-live="polite">
          {confirmation}
        </span>
      </span>
      {shown ? (
        <label className="pg-share">
          <span>{shown.kind === 'link' ? 'Link to this moment' : 'Markdown for a review'}</span>
          {shown.kind === 'link' ? (
            <input
              type="text"
              readOnly
              value={shown.text}
              onFocus={(e) => e.currentTarget.select()}
            />
          ) : (
            <textarea
              readOnly
              rows={6}
              value={shown.text}
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
        </label>
      ) : null}
    </>
  );
}
