/**
 * Keeps the address bar at the moment on screen (/playground/ only): after each change of the
 * run, its share token replaces the URL fragment, so a reload or an address copied from the bar
 * opens the same moment. `replaceState`, never `pushState`: stepping through a run must not fill
 * the back button's history.
 */
import { useEffect } from 'react';
import { encodeRun } from '../../lib/share-link.ts';
import { scenarioOf, type PlayerContext } from '../../playground/player.machine.ts';

/** How long the run must rest before the address bar follows; playing changes it twice a second. */
const SETTLE_MS = 250;

/** Writes the run's token into the fragment while `enabled`; an untouched run leaves it clean. */
export function useRunInAddressBar(enabled: boolean, context: PlayerContext): void {
  const { app, events, cursor, seed } = context;
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const timer = window.setTimeout(async () => {
      const untouched = events.length === 0 && Object.keys(app).length === 0 && seed === undefined;
      const scenario = scenarioOf({ app, events, seed });
      const hash = untouched ? '' : `#run=${await encodeRun({ scenario, cursor })}`;
      if (cancelled) return;
      const url = window.location.pathname + window.location.search + hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(null, '', url);
      }
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [enabled, app, events, cursor, seed]);
}
