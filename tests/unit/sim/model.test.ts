import { describe, expect, test } from 'vitest';
import { CALLBACK } from '../../../src/sim/index.ts';
import { buildSummary } from '../../../src/sim/summary.ts';
import type { AppCode, ScenarioEvent, Summary } from '../../../src/sim/index.ts';
import { Coverage, observed } from './coverage.ts';
import { goldenScenarios, randomRuns, targetedRuns } from './model-runs.ts';

const APPLE_STATES = ['notRunning', 'inactive', 'active', 'background', 'suspended'];

/** What must hold after every step, given the summaries before and after it. */
function checkStep(before: Summary, after: Summary, bytes: Map<string, number>): void {
  expect(after.timeMs).toBeGreaterThanOrEqual(before.timeMs);
  expect(APPLE_STATES).toContain(after.app.state);
  // Nothing reaches an app that stayed out of memory through the step.
  if (
    before.app.state === 'notRunning' &&
    after.app.state === 'notRunning' &&
    after.app.launches.length === before.app.launches.length
  ) {
    expect(after.callbacks).toEqual(before.callbacks);
  }
  for (const t of after.transfers) {
    expect(t.bytesDone).toBeLessThanOrEqual(t.bytesTotal);
    expect(t.bytesDone).toBeGreaterThanOrEqual(bytes.get(t.id) ?? 0);
    bytes.set(t.id, t.bytesDone);
  }
  const completions = after.callbacks.filter((c) => c.name === CALLBACK.didComplete);
  expect(new Set(completions.map((c) => c.task)).size).toBe(completions.length);
}

// Filled by the runs below, in file order, and read by the last test.
const coverage = new Coverage();

function drive(app: Partial<AppCode>, events: readonly ScenarioEvent[], seed?: number): void {
  const engine = observed(coverage, app, seed);
  const bytes = new Map<string, number>();
  let before = buildSummary(engine);
  for (const event of events) {
    engine.send(event);
    const after = buildSummary(engine);
    checkStep(before, after, bytes);
    before = after;
  }
}

describe('the real machines, driven through the whole simulation', () => {
  test('keep their invariants through every golden scenario', () => {
    for (const s of goldenScenarios()) drive(s.app ?? {}, s.events, s.seed);
  }, 60_000);

  test('keep their invariants through runs aimed at rare corners', () => {
    for (const run of targetedRuns) drive(run.app, run.events);
  }, 60_000);

  test('keep their invariants through seeded random runs under every app code choice', () => {
    for (const run of randomRuns(60, 80, 7)) drive(run.app, run.events);
  }, 120_000);

  test('reach every state and take every transition of every machine', () => {
    // A state or transition no run reaches is a model bug: a rule that can never apply.
    const { states, transitions } = coverage.missing();
    expect([...states, ...transitions]).toEqual([]);
  });
});
