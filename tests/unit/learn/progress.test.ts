import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  PROGRESS_KEY,
  clearProgress,
  decodeProgress,
  encodeProgress,
  saveProgress,
  solvedLine,
  withSolved,
} from '../../../src/learn/progress.ts';

const known = ['leave-the-screen', 'come-back', 'killed-while-suspended'];

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

describe('progress codec', () => {
  test('reads back what it wrote', () => {
    const progress = { solved: ['leave-the-screen', 'killed-while-suspended'] };
    expect(decodeProgress(encodeProgress(progress), known)).toEqual({ progress, problem: null });
  });

  test('treats missing progress as a fresh start without a problem', () => {
    expect(decodeProgress(null, known)).toEqual({ progress: { solved: [] }, problem: null });
    expect(decodeProgress('', known)).toEqual({ progress: { solved: [] }, problem: null });
  });

  test('drops slugs the path no longer has and keeps path order', () => {
    const raw = JSON.stringify({ v: 1, solved: ['come-back', 'gone', 7, 'leave-the-screen'] });
    expect(decodeProgress(raw, known).progress.solved).toEqual(['leave-the-screen', 'come-back']);
  });

  test.each([
    ['not JSON', '{"v":1,'],
    ['an array', '[]'],
    ['another version', '{"v":2,"solved":[]}'],
    ['a list that is not a list', '{"v":1,"solved":"come-back"}'],
    ['a number', '42'],
    ['something huge', JSON.stringify({ v: 1, solved: Array(5000).fill('come-back') })],
  ])('sets aside %s with a problem to show', (_name, raw) => {
    const loaded = decodeProgress(raw, known);
    expect(loaded.progress).toEqual({ solved: [] });
    expect(loaded.problem).toMatch(/could not be read/);
  });

  test('survives any string and any JSON value without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (raw) => {
          const loaded = decodeProgress(raw, known);
          for (const slug of loaded.progress.solved) expect(known).toContain(slug);
        },
      ),
    );
  });

  test('adds a solved challenge once, in path order', () => {
    const once = withSolved({ solved: ['come-back'] }, 'leave-the-screen', known);
    expect(withSolved(once, 'come-back', known)).toEqual({
      solved: ['leave-the-screen', 'come-back'],
    });
  });
});

describe('progress storage', () => {
  test('saves and clears through the storage', () => {
    const storage = memoryStorage();
    expect(saveProgress(storage, { solved: ['come-back'] })).toBe(true);
    expect(decodeProgress(storage.getItem(PROGRESS_KEY), known).progress.solved).toEqual([
      'come-back',
    ]);
    expect(clearProgress(storage)).toBe(true);
    expect(storage.items.has(PROGRESS_KEY)).toBe(false);
  });

  test('reports a refused write instead of throwing', () => {
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveProgress(full, { solved: [] })).toBe(false);
    expect(saveProgress(undefined, { solved: [] })).toBe(false);
    expect(clearProgress(undefined)).toBe(false);
  });
});

describe('the line a reader copies', () => {
  test('lists the solved challenges by title with the count and the path', () => {
    const titles = [
      { slug: 'leave-the-screen', title: 'Leave the screen' },
      { slug: 'come-back', title: 'Come back without a launch' },
    ];
    expect(solvedLine({ solved: ['come-back'] }, titles, 'https://example.com/learn/')).toBe(
      'Background Lab learning path, 1 of 2 solved: Come back without a launch (https://example.com/learn/)',
    );
    expect(solvedLine({ solved: [] }, titles, 'https://example.com/learn/')).toBe(
      'Background Lab learning path, 0 of 2 solved (https://example.com/learn/)',
    );
  });
});
