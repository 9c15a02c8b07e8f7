/**
 * The reader's progress as a React external store over localStorage, so every island on the
 * page (and other tabs, through the `storage` event) reads the same value without effects.
 */
import { useMemo, useSyncExternalStore } from 'react';
import {
  PROGRESS_KEY,
  clearProgress,
  decodeProgress,
  saveProgress,
  type LoadedProgress,
  type Progress,
} from '../../learn/progress.ts';

/** Stands for a storage that throws on access; never a real stored value. */
const REFUSED = '\u0000refused';
const listeners = new Set<() => void>();

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function read(): string | null {
  try {
    const store = storage();
    return store ? store.getItem(PROGRESS_KEY) : REFUSED;
  } catch {
    return REFUSED;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === PROGRESS_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** The progress as stored now; on the server and before hydration, nothing is solved. */
export function useProgress(known: readonly string[]): LoadedProgress {
  const raw = useSyncExternalStore(subscribe, read, () => null);
  return useMemo(
    () =>
      raw === REFUSED
        ? {
            progress: { solved: [] },
            problem: 'This browser does not let the page keep your progress.',
          }
        : decodeProgress(raw, known),
    [raw, known],
  );
}

/** Stores the progress and tells every island; false if the browser refused. */
export function writeProgress(progress: Progress): boolean {
  const saved = saveProgress(storage(), progress);
  notify();
  return saved;
}

/** Forgets the progress and tells every island. */
export function resetProgress(): boolean {
  const cleared = clearProgress(storage());
  notify();
  return cleared;
}

const noSubscription = () => () => {};

/** False in the server render and before hydration, true once the island can act. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
