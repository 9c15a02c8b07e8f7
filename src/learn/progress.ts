/**
 * The reader's progress on the path, kept in the browser's localStorage (no account).
 *
 * Stored as `{"v":1,"solved":["slug",...]}`. What comes back from storage is untrusted: another
 * version of the site, a browser extension or a person may have written anything there, or the
 * storage may refuse access. Decoding never throws; bad data becomes empty progress plus a
 * sentence saying so, which the page shows beside a button that clears it. The components
 * read it through a React external store (src/components/Challenge/use-progress.ts).
 */

/** The localStorage key. */
export const PROGRESS_KEY = 'background-lab:learn';

const VERSION = 1;
/** Far above any real value; a larger one is not ours. */
const MAX_STORED_CHARS = 20_000;

export interface Progress {
  /** Slugs of the challenges done, in path order. */
  solved: string[];
}

export interface LoadedProgress {
  progress: Progress;
  /** Why the stored progress was set aside, or null if it was fine (or absent). */
  problem: string | null;
}

const EMPTY: Progress = { solved: [] };
const UNREADABLE = 'Your saved progress could not be read, so the path starts from zero.';

/** Reads stored text; slugs the site no longer has are dropped, in path order. */
export function decodeProgress(raw: unknown, known: readonly string[]): LoadedProgress {
  if (raw === null || raw === undefined || raw === '') return { progress: EMPTY, problem: null };
  if (typeof raw !== 'string' || raw.length > MAX_STORED_CHARS) {
    return { progress: EMPTY, problem: UNREADABLE };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { progress: EMPTY, problem: UNREADABLE };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { progress: EMPTY, problem: UNREADABLE };
  }
  const record = value as Record<string, unknown>;
  if (record.v !== VERSION || !Array.isArray(record.solved)) {
    return { progress: EMPTY, problem: UNREADABLE };
  }
  const stored = new Set(record.solved.filter((slug): slug is string => typeof slug === 'string'));
  return { progress: { solved: known.filter((slug) => stored.has(slug)) }, problem: null };
}

/** The text to store. */
export function encodeProgress(progress: Progress): string {
  return JSON.stringify({ v: VERSION, solved: progress.solved });
}

/** Progress with one more challenge done, kept in path order. */
export function withSolved(progress: Progress, slug: string, known: readonly string[]): Progress {
  const solved = new Set([...progress.solved, slug]);
  return { solved: known.filter((s) => solved.has(s)) };
}

/** Writes the progress; false if the browser refused it. */
export function saveProgress(
  storage: Pick<Storage, 'setItem'> | undefined,
  progress: Progress,
): boolean {
  try {
    if (!storage) return false;
    storage.setItem(PROGRESS_KEY, encodeProgress(progress));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the progress; false if the browser refused it. */
export function clearProgress(storage: Pick<Storage, 'removeItem'> | undefined): boolean {
  try {
    if (!storage) return false;
    storage.removeItem(PROGRESS_KEY);
    return true;
  } catch {
    return false;
  }
}

/** One line a reader can paste to a team lead: what they solved, and where. */
export function solvedLine(
  progress: Progress,
  titles: readonly { slug: string; title: string }[],
  pathUrl: string,
): string {
  const done = titles.filter((ch) => progress.solved.includes(ch.slug)).map((ch) => ch.title);
  const list = done.length > 0 ? `: ${done.join(', ')}` : '';
  return `Background Lab learning path, ${done.length} of ${titles.length} solved${list} (${pathUrl})`;
}
