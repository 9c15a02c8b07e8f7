import { createSimulation } from '../../../src/sim/index.ts';
import type { AppCode, ScenarioEvent, Simulation } from '../../../src/sim/index.ts';
import { EVENT_FIELDS } from '../../../src/sim/scenario.ts';

/** Every event type that takes no fields, read from the parser's table so new ones join in. */
export const FIELDLESS_EVENTS = (Object.keys(EVENT_FIELDS) as ScenarioEvent['type'][]).filter(
  (type) => Object.keys(EVENT_FIELDS[type]).length === 0,
);

export const open: ScenarioEvent = { type: 'user.openApp' };
export const home: ScenarioEvent = { type: 'user.goHome' };
export const switcher: ScenarioEvent = { type: 'user.openAppSwitcher' };
export const forceQuit: ScenarioEvent = { type: 'user.forceQuit' };
export const lock: ScenarioEvent = { type: 'user.lockDevice' };
export const unlock: ScenarioEvent = { type: 'user.unlockDevice' };
export const memoryPressure: ScenarioEvent = { type: 'system.memoryPressure' };
export const advance = (ms: number): ScenarioEvent => ({ type: 'clock.advance', ms });
export const uploads = (count: number, bytes: number): ScenarioEvent => ({
  type: 'app.startUploads',
  count,
  bytes,
});

/** Runs events on a fresh simulation and returns it; refused events stay in the summary. */
export function run(events: ScenarioEvent[], app: Partial<AppCode> = {}): Simulation {
  const sim = createSimulation(app);
  for (const event of events) sim.send(event);
  return sim;
}

export const names = (sim: Simulation, fromMs = 0) =>
  sim
    .summary()
    .callbacks.filter((c) => c.atMs >= fromMs)
    .map((c) => c.name);
