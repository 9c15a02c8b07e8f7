/**
 * A run in words, as Markdown to paste into a code review or an issue: each step's event and
 * what it did, the moment on screen, the app code that differs from the recommended code, and
 * the link that opens the same moment.
 */
import { createSimulation, describeEvent, DEFAULT_APP_CODE } from '../sim/index.ts';
import type { AppCode, Scenario } from '../sim/index.ts';
import { formatMs } from './controls.ts';

export interface ReviewRun {
  /** The playground's title, e.g. "The simulation". */
  title: string;
  scenario: Scenario;
  /** How many events are applied: the moment on screen. */
  cursor: number;
  /** The share link that opens this moment. */
  link: string;
}

/** Markdown that tells the run step by step, the current step marked. */
export function reviewMarkdown({ title, scenario, cursor, link }: ReviewRun): string {
  const sim = createSimulation(scenario.app, { seed: scenario.seed });
  const total = scenario.events.length;
  let timeMs = sim.view().timeMs;
  const steps = scenario.events.map((event, index) => {
    const result = sim.send(event);
    if (index < cursor) timeMs = sim.view().timeMs;
    const description = describeEvent(event);
    const outcome = result.accepted ? result.narration : `Refused: ${result.reason}.`;
    // The narration often opens with the event itself ("You tap the app, so …"); say it once.
    const said = outcome.startsWith(description.replace(/\.$/, ''))
      ? outcome
      : `${description} ${outcome}`;
    const line = `${index + 1}. ${escape(said)}`;
    return index + 1 === cursor ? `${line} **← this moment**` : line;
  });

  const lines = [
    `**${escape(title)}** (Background Lab playground)`,
    '',
    `Step ${cursor} of ${total} · ${formatMs(timeMs)}`,
    '',
  ];
  if (cursor === 0)
    lines.push('At the start: the phone is at the Home Screen and the app is not running.', '');
  if (steps.length > 0) lines.push(...steps, '');
  lines.push(...appCodeLines(scenario.app));
  if (scenario.seed !== undefined) lines.push(`Seed: ${scenario.seed}`);
  lines.push('', `[Open this moment in the playground](${link})`);
  return lines.join('\n');
}

function appCodeLines(app: Partial<AppCode>): string[] {
  const changed = (Object.keys(DEFAULT_APP_CODE) as (keyof AppCode)[]).filter(
    (key) => app[key] !== undefined && app[key] !== DEFAULT_APP_CODE[key],
  );
  if (changed.length === 0) return ['App code: the recommended code.'];
  return [
    'App code that differs from the recommended code:',
    ...changed.map(
      (key) =>
        `- \`${key}: ${JSON.stringify(app[key])}\` (recommended: \`${JSON.stringify(DEFAULT_APP_CODE[key])}\`)`,
    ),
  ];
}

/** Keeps narration literal: Swift selectors such as `urlSession(_:task:)` hold Markdown's `_`. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
