/**
 * Build-time choices for an embedded demo: which one statechart it shows, and the link that
 * opens its run in the full playground. Only the .astro wrappers import this module.
 */
import { encodeRun } from '../../lib/share-link.ts';
import type { MachineId, Scenario, ScenarioEvent } from '../../sim/index.ts';

/** Events whose story is told by a machine other than the app process. */
const STORY_MACHINES: [ScenarioEvent['type'][], MachineId][] = [
  [['app.startUploads', 'app.startDownloads'], 'transferDaemon'],
  [
    ['app.scheduleAppRefresh', 'app.scheduleProcessing', 'app.startContinuedProcessing'],
    'scheduler',
  ],
  [['push.silent'], 'push'],
];

/**
 * The machine whose chart a demo shows: the transfer daemon when the app starts transfers, the
 * task scheduler when it asks for background tasks, the push service for a silent push, and
 * otherwise the app process itself.
 */
export function chartFor(events: readonly ScenarioEvent[]): MachineId {
  const types = new Set(events.map((event) => event.type));
  for (const [triggers, machine] of STORY_MACHINES) {
    if (triggers.some((type) => types.has(type))) return machine;
  }
  return 'app';
}

/** The full playground's address with the run in its fragment, opened at `cursor`. */
export async function playgroundLink(
  playgroundHref: string,
  scenario: Scenario,
  cursor: number,
): Promise<string> {
  return `${playgroundHref}#run=${await encodeRun({ scenario, cursor })}`;
}
