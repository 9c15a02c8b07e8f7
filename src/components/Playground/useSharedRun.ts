/**
 * Reads a shared run from the page's `#run=` fragment into the player, on the page that reads
 * links (/playground/). Decoding is asynchronous (the browser's DecompressionStream has no
 * synchronous form), so until it is done the island says it is opening the run rather than
 * showing an empty one. A damaged link says what is wrong and the playground starts fresh.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Scenario } from '../../sim/index.ts';
import { decodeRun, runTokenFromHash } from '../../lib/share-link.ts';
import type { PlayerEvent } from '../../playground/player.machine.ts';

interface SharedRunOptions {
  enabled: boolean;
  /** The run to start from when the link is damaged. */
  fresh: Scenario;
  send: (event: PlayerEvent) => void;
  /** Called just before a run from the link (or the fresh start) is loaded. */
  onLoad: () => void;
}

/** Whether a run is being opened from the link, and what was wrong with a damaged one. */
export function useSharedRun({ enabled, fresh, send, onLoad }: SharedRunOptions) {
  const [opening, setOpening] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const onLoadRef = useRef(onLoad);
  useEffect(() => {
    onLoadRef.current = onLoad;
  });

  // Before the first paint after hydration, so the empty run never flashes up in between.
  useLayoutEffect(() => {
    if (enabled && runTokenFromHash(window.location.hash) !== null) setOpening(true);
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const load = async () => {
      const token = runTokenFromHash(window.location.hash);
      if (token === null) return;
      const result = await decodeRun(token);
      if (cancelled) return;
      onLoadRef.current();
      if (result.ok) {
        setLinkError(null);
        const { scenario, cursor } = result.run;
        send({
          type: 'player.load',
          app: scenario.app,
          events: scenario.events,
          cursor,
          ...(scenario.seed === undefined ? {} : { seed: scenario.seed }),
        });
      } else {
        setLinkError(result.error);
        // Drop the damaged fragment, so a reload starts clean instead of failing again.
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
        send({ type: 'player.load', app: fresh.app, events: fresh.events, cursor: 0 });
      }
      setOpening(false);
    };
    void load();
    window.addEventListener('hashchange', load);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', load);
    };
  }, [enabled, send, fresh]);

  const clearLinkError = useCallback(() => setLinkError(null), []);
  return { opening, linkError, clearLinkError };
}
