/**
 * The "What changed" line: after the reader changes the app's code, what the new code does
 * differently in this run, at the step on screen. It is shown while that code runs and until
 * the reader acts again (a new event starts a new story).
 */
import { useCallback, useMemo, useState } from 'react';
import type { AppCode, ScenarioEvent } from '../../sim/index.ts';
import { recordRun, whatChanged } from '../../playground/what-changed.ts';

interface CodeChange {
  from: Partial<AppCode>;
  to: Partial<AppCode>;
}

/** The sentence to show (or null), a call for each code change and one to drop the line. */
export function useWhatChanged(
  app: Partial<AppCode>,
  events: readonly ScenarioEvent[],
  cursor: number,
) {
  const [change, setChange] = useState<CodeChange | null>(null);
  const changed = useMemo(
    () =>
      change?.to === app
        ? whatChanged(recordRun(change.from, events, cursor), recordRun(app, events, cursor))
        : null,
    [change, app, events, cursor],
  );
  const codeChanged = useCallback(
    (from: Partial<AppCode>, to: Partial<AppCode>) => setChange({ from, to }),
    [],
  );
  const forget = useCallback(() => setChange(null), []);
  return { changed, codeChanged, forget };
}
