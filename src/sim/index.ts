/**
 * The simulation's public API: scenario in, summary out, plus the live view and log the
 * playgrounds render. Pure TypeScript, no DOM; the same module runs in the browser and in Node.
 *
 * `machines` holds every actor's machine, keyed by actor id:
 *   device          the iPhone: screen, lock, network, power, settings, debugger
 *   app             the app process: Apple's five states, assertions, watchdog, callbacks
 *   transferDaemon  nsurlsessiond, which spawns one `transfer` per URLSessionTask
 *   transfer        one URLSessionTask
 *   scheduler       BGTaskScheduler, which spawns one `taskRequest` per request
 *   taskRequest     one BGTaskRequest or continued-processing task
 *   push            the push service for silent pushes
 */
import { appProcessMachine } from './app-process.machine.ts';
import { deviceMachine } from './device.machine.ts';
import { pushServiceMachine } from './push-service.machine.ts';
import { Engine } from './simulation.ts';
import type { SimCheckpoint } from './simulation.ts';
import { buildSummary, buildView } from './summary.ts';
import { taskRequestMachine } from './task-request.machine.ts';
import { taskSchedulerMachine } from './task-scheduler.machine.ts';
import { transferDaemonMachine } from './transfer-daemon.machine.ts';
import { transferMachine } from './transfer.machine.ts';
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
export type { SimCheckpoint } from './simulation.ts';
export { LANE_OF_MACHINE, OUTSIDE } from './simulation.ts';
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
  MAX_SEED,
  DEFAULT_SEED,
} from './scenario.ts';
export type { ScenarioResult } from './scenario.ts';
export { timing, formatDuration } from './timing.ts';
export type { Duration, TimingKey } from './timing.ts';
export { describeEvent } from './describe.ts';

/** Every actor's machine, keyed by actor id, for statechart drawings and model-based tests. */
export const machines = {
  device: deviceMachine,
  app: appProcessMachine,
  transferDaemon: transferDaemonMachine,
  transfer: transferMachine,
  scheduler: taskSchedulerMachine,
  taskRequest: taskRequestMachine,
  push: pushServiceMachine,
} as const;

/** The machines whose active states view().machines lists (the playground's original five). */
export const machineDefinitions = {
  device: deviceMachine,
  app: appProcessMachine,
  transferDaemon: transferDaemonMachine,
  scheduler: taskSchedulerMachine,
  push: pushServiceMachine,
} as const;

function wrap(engine: Engine): Simulation {
  return {
    send: (event) => engine.send(event),
    refusal: (event) => engine.refusal(event),
    summary: () => buildSummary(engine),
    view: () => buildView(engine),
    log: () => engine.entries,
    checkpoint: () => engine.checkpoint(),
  };
}

/**
 * Creates a fresh simulation of one iPhone running the app written as `app` says; `seed` picks
 * the system's own choices (the scenario's `seed`, default 1).
 */
export function createSimulation(
  app?: Partial<AppCode>,
  options: { seed?: number | undefined } = {},
): Simulation {
  return wrap(new Engine(app, undefined, options.seed));
}

/** A simulation exactly as it was when `checkpoint` was taken; it goes on from there. */
export function restoreSimulation(checkpoint: SimCheckpoint): Simulation {
  return wrap(new Engine(undefined, checkpoint));
}

/** Runs a whole scenario and returns its summary. Same scenario, same summary. */
export function runScenario(scenario: Scenario): Summary {
  const sim = createSimulation(scenario.app, { seed: scenario.seed });
  for (const event of scenario.events) sim.send(event);
  return sim.summary();
}
