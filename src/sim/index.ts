/**
 * The simulation's public API: scenario in, summary out, plus the live view and log the
 * playgrounds render. Pure TypeScript, no DOM; the same module runs in the browser and in Node.
 */
import { appProcessMachine } from './app-process.machine.ts';
import { deviceMachine } from './device.machine.ts';
import { pushServiceMachine } from './push-service.machine.ts';
import { Engine } from './simulation.ts';
import { buildSummary, buildView } from './summary.ts';
import { taskSchedulerMachine } from './task-scheduler.machine.ts';
import { transferDaemonMachine } from './transfer-daemon.machine.ts';
import type { AppCode, Scenario, Simulation, Summary } from './types.ts';

export type {
  AppCode,
  AppState,
  BackgroundTaskSummary,
  CallbackSummary,
  Lane,
  LaunchReason,
  LogEntry,
  MachineId,
  Scenario,
  ScenarioEvent,
  ScenarioEventType,
  ScheduledTaskSummary,
  SendResult,
  SimView,
  Simulation,
  Summary,
  TerminationReason,
  TransferSummary,
} from './types.ts';
export { DEFAULT_APP_CODE } from './types.ts';
export { CALLBACK } from './callbacks.ts';
export type { CallbackName } from './callbacks.ts';
export {
  checkEvent,
  parseScenario,
  resolveAppCode,
  validateScenario,
  MAX_ADVANCE_MS,
  MAX_BYTES,
  MAX_COUNT,
  MAX_EVENTS,
} from './scenario.ts';
export type { ScenarioResult } from './scenario.ts';
export { timing, formatDuration } from './timing.ts';
export type { Duration, TimingKey } from './timing.ts';
export { describeEvent } from './simulation.ts';

/** The machines themselves, for build-time statechart drawings; view().machines ids match. */
export const machineDefinitions = {
  device: deviceMachine,
  app: appProcessMachine,
  transferDaemon: transferDaemonMachine,
  scheduler: taskSchedulerMachine,
  push: pushServiceMachine,
} as const;

/** Creates a fresh simulation of one iPhone running the app written as `app` says. */
export function createSimulation(app?: Partial<AppCode>): Simulation {
  const engine = new Engine(app);
  return {
    send: (event) => engine.send(event),
    refusal: (event) => engine.refusal(event),
    summary: () => buildSummary(engine),
    view: () => buildView(engine),
    log: () => engine.entries,
  };
}

/** Runs a whole scenario and returns its summary. Same scenario, same summary. */
export function runScenario(scenario: Scenario): Summary {
  const sim = createSimulation(scenario.app);
  for (const event of scenario.events) sim.send(event);
  return sim.summary();
}
