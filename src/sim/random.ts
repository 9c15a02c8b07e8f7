/**
 * A small seeded generator (mulberry32) kept as plain state in a machine's context, so the same
 * scenario and seed always draw the same numbers, and a checkpoint carries the generator along.
 */

/** The next number in [0, 1) and the generator's next state. */
export function draw(state: number): [number, number] {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** A whole number in [low, high], spread evenly on a log scale (minutes as often as hours). */
function logUniform(u: number, low: number, high: number): number {
  return Math.round(low * Math.pow(high / low, u));
}

/** A duration drawn within a timing entry's range on a log scale, and the generator's next state. */
export function drawWithin(
  state: number,
  [low, high]: readonly [number, number],
): [number, number] {
  const [u, next] = draw(state);
  return [logUniform(u, low, high), next];
}
