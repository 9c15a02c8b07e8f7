/**
 * The "What changed" line: after the reader changes the app's code, what the new code does
 * differently in this run, at the step on screen. It is shown while that code runs the same
 * events: a new event (a new array of them) starts a new story, and stepping keeps the line.
 */
import { useCallback, useMemo, useState } from 'react';
import type { AppCode, ScenarioEvent } from '../../sim/index.ts';
import { recordRun, whatChanged } from '../../playground/what-changed.ts';

interface CodeChange {
  from: Partial<AppCode>;
  to: Partial<AppCode>;
  events: readonly ScenarioEvent[];
}

/** The sentence to show (or null), and the call to make on each change of the code. */
export function useWhatChanged(
  app: Partial<AppCode>,
  events: readonly ScenarioEvent[],
  cursor: number,
  seed?: number,
) {
  const [change, setChange] = useState<CodeChange | null>(null);
  const shown = change?.to === app && change.events === events ? change : null;
  // Each run is replayed once per code change; stepping through them only reads the records.
  const runs = useMemo(
    () => (shown ? [recordRun(shown.from, events, seed), recordRun(shown.to, events, seed)] : null),
    [shown, events, seed],
  );
  const changed = runs ? whatChanged(runs[0]!, runs[1]!, cursor) : null;
  const codeChanged = useCallback(
    (from: Partial<AppCode>, to: Partial<AppCode>) => setChange({ from, to, events }),
    [events],
  );
  return { changed, codeChanged };
}
