/**
 * The first index of a sorted list from which `before(index)` is false, by halving: `before` must
 * be true for a run of leading indexes and false for the rest. A long run's log and timeline are
 * searched this way on every step instead of read whole.
 */
export function firstIndex(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
