import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createSimulation, describeEvent, parseScenario } from '../../../src/sim/index.ts';

const dir = new URL('../../../scenarios/', import.meta.url);

/** The opening words of the cause, which a consequence that restates it would repeat. */
const opening = (cause: string) =>
  cause.replace(/\.$/, '').toLowerCase().split(/\s+/).slice(0, 4).join(' ');

describe('narration', () => {
  test('reads each step once: the cause, then consequences that do not restate it', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const parsed = parseScenario(readFileSync(new URL(file, dir), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error);
      const sim = createSimulation(parsed.scenario.app, { seed: parsed.scenario.seed });
      for (const event of parsed.scenario.events) {
        const result = sim.send(event);
        if (!result.accepted) continue;
        const cause = describeEvent(event).replace(/\.$/, '');
        expect(result.narration.startsWith(cause), file).toBe(true);
        const consequences = result.narration.slice(cause.length).toLowerCase();
        expect(consequences, `${file}: ${result.narration}`).not.toContain(opening(cause));
      }
    }
  }, 60_000);

  test('narrates swiping the card away as the swipe, then what the system does', () => {
    const sim = createSimulation();
    sim.send({ type: 'user.openApp' });
    sim.send({ type: 'user.openAppSwitcher' });
    const result = sim.send({ type: 'user.forceQuit' });
    expect(result.accepted && result.narration).toMatch(
      /^You swipe the app’s card away, so the system ends the app/,
    );
  });

  test('keeps a callback’s Swift spelling inside the sentence', () => {
    const sim = createSimulation();
    for (const type of ['user.openApp', 'app.startContinuedProcessing', 'user.goHome'] as const) {
      sim.send({ type });
    }
    const result = sim.send({ type: 'user.stopContinuedProcessing' });
    expect(result.accepted && result.narration).toBe(
      'You tap Stop in the export’s Live Activity, so the system ends the export at the person’s request and calls its expiration handler; BGTask.expirationHandler runs.',
    );
  });
});
