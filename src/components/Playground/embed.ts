/**
 * Build-time choices for an embedded demo: which one statechart it shows, and the link that
 * opens its run in the full playground. Only the .astro wrappers import this module.
 */
import { encodeRun } from '../../lib/share-link.ts';
import type { MachineId, Scenario, ScenarioEvent } from '../../sim/index.ts';

/**
 * The machine whose chart a demo shows: the push service when a silent push arrives, otherwise
 * the app process, whose lifecycle every demo moves through. The transfer daemon and the task
 * scheduler stay in one state while their transfers and tasks (machines of their own) do the
 * work, so their charts would not move.
 */
export function chartFor(events: readonly ScenarioEvent[]): MachineId {
  return events.some((event) => event.type === 'push.silent') ? 'push' : 'app';
}

/** The full playground's address with the run in its fragment, opened at `cursor`. */
export async function playgroundLink(
  playgroundHref: string,
  scenario: Scenario,
  cursor: number,
): Promise<string> {
  return `${playgroundHref}#run=${await encodeRun({ scenario, cursor })}`;
}
