/**
 * Replays a challenge's run through the simulation's public API and judges it. The page and
 * the unit tests both call this, so a run solved in one is solved in the other.
 */
import { createSimulation, type Scenario, type Summary } from '../sim/index.ts';
import type { Challenge, CheckResult } from './types.ts';

/** One replayed step: what the simulation said about it. */
export interface ReplayedStep {
  accepted: boolean;
  /** The simulation's narration, or the reason the step was refused. */
  text: string;
}

export interface Replay {
  steps: ReplayedStep[];
  summary: Summary;
}

/** Runs every event of the scenario from a fresh simulation. */
export function replay(scenario: Scenario): Replay {
  const sim = createSimulation(scenario.app);
  const steps = scenario.events.map((event): ReplayedStep => {
    const result = sim.send(event);
    return result.accepted
      ? { accepted: true, text: result.narration }
      : { accepted: false, text: `Refused: ${result.reason}.` };
  });
  return { steps, summary: sim.summary() };
}

/** Judges a scenario against a challenge's check. */
export function judge(challenge: Challenge, scenario: Scenario): CheckResult {
  return challenge.check(replay(scenario).summary);
}
