/**
 * The simulation's public types: the scenario that goes in, the summary that comes out, and
 * the view and log the playground renders. They follow /work/shared/spec/simulation.md exactly;
 * everything here is plain, serialisable data.
 */

/** One way of writing the app; each key flips one behaviour a real app would show. */
export interface AppCode {
  sessionKind: 'background' | 'default';
  uploadSource: 'file' | 'data';
  sessionOwner: 'singleton' | 'screen';
  callsCompletionHandler: boolean;
  expirationHandlerEndsTask: boolean;
  beginsTaskOnBackground: boolean;
  lifecycle: 'scene' | 'appDelegate';
  callsSetTaskCompleted: boolean;
  callsFetchCompletionHandler: boolean;
  registersTasksAtLaunch: boolean;
  releasesFileLocks: boolean;
  reportsProgress: boolean;
}

/** The correct, recommended app code. */
export const DEFAULT_APP_CODE: AppCode = {
  sessionKind: 'background',
  uploadSource: 'file',
  sessionOwner: 'singleton',
  callsCompletionHandler: true,
  expirationHandlerEndsTask: true,
  beginsTaskOnBackground: false,
  lifecycle: 'scene',
  callsSetTaskCompleted: true,
  callsFetchCompletionHandler: true,
  registersTasksAtLaunch: true,
  releasesFileLocks: true,
  reportsProgress: true,
};

/** Every event a scenario may contain, discriminated on `type`. */
export type ScenarioEvent =
  | { type: 'user.openApp' }
  | { type: 'user.goHome' }
  | { type: 'user.openAppSwitcher' }
  | { type: 'user.forceQuit' }
  | { type: 'user.lockDevice' }
  | { type: 'user.unlockDevice' }
  | { type: 'system.memoryPressure' }
  | { type: 'system.reboot' }
  | { type: 'app.crash' }
  | { type: 'debugger.attach' }
  | { type: 'debugger.detach' }
  | { type: 'network.offline' }
  | { type: 'network.online' }
  | { type: 'power.connect' }
  | { type: 'power.disconnect' }
  | { type: 'settings.lowPowerMode'; on: boolean }
  | { type: 'settings.backgroundAppRefresh'; on: boolean }
  | { type: 'app.beginBackgroundTask'; name?: string }
  | { type: 'app.endBackgroundTask'; name?: string }
  | { type: 'app.startUploads'; count: number; bytes: number }
  | { type: 'app.startDownloads'; count: number; bytes: number }
  | { type: 'app.scheduleAppRefresh'; earliestBeginMs?: number }
  | { type: 'app.scheduleProcessing'; requiresExternalPower?: boolean; requiresNetwork?: boolean }
  | { type: 'app.startContinuedProcessing' }
  | { type: 'debugger.simulateLaunch'; identifier: string }
  | { type: 'debugger.simulateExpiration'; identifier: string }
  | { type: 'user.stopContinuedProcessing' }
  | { type: 'push.silent' }
  | { type: 'clock.advance'; ms: number };

export type ScenarioEventType = ScenarioEvent['type'];

export interface Scenario {
  version: 1;
  /** Picks the system's own choices (when a refresh runs, ...); 0 to 2147483647, default 1. */
  seed?: number;
  app: Partial<AppCode>;
  events: ScenarioEvent[];
}

/** Apple's five app states. */
export type AppState = 'notRunning' | 'inactive' | 'active' | 'background' | 'suspended';

export type LaunchReason =
  'user' | 'backgroundURLSession' | 'backgroundAppRefresh' | 'backgroundProcessing' | 'silentPush';

export type TerminationReason =
  'userForceQuit' | 'memoryPressure' | 'watchdog' | 'crash' | 'reboot';

export interface TransferSummary {
  id: string;
  kind: 'upload' | 'download';
  state: 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
  bytesDone: number;
  bytesTotal: number;
  error?: string;
}

export interface BackgroundTaskSummary {
  name: string;
  state: 'running' | 'ended' | 'expired';
}

export interface ScheduledTaskSummary {
  identifier: string;
  kind: 'appRefresh' | 'processing' | 'continuedProcessing';
  state: 'pending' | 'running' | 'completed' | 'expired';
}

export interface CallbackSummary {
  atMs: number;
  name: string;
  task?: string;
}

/** The contract's summary JSON. */
export interface Summary {
  timeMs: number;
  app: {
    state: AppState;
    launches: { atMs: number; reason: LaunchReason }[];
    terminations: { atMs: number; reason: TerminationReason; code?: string }[];
  };
  transfers: TransferSummary[];
  backgroundTasks: BackgroundTaskSummary[];
  scheduledTasks: ScheduledTaskSummary[];
  callbacks: CallbackSummary[];
  refused: { index: number; type: string; reason: string }[];
}

export type Lane = 'user' | 'app' | 'transferDaemon' | 'scheduler' | 'push' | 'system';

/** One line of the timeline: an event, a callback the app's code saw, or a state change. */
export interface LogEntry {
  /** Index of the scenario event that caused it. */
  step: number;
  atMs: number;
  lane: Lane;
  kind: 'event' | 'callback' | 'state' | 'refused';
  text: string;
  /** Swift name when kind is 'callback'. */
  callback?: string;
  task?: string;
  /** Sender and receiver (actor ids) of the message between actors that caused it. */
  from?: string;
  to?: string;
  /** For a delegate callback that reports an error: the error text, or 'nil'. */
  error?: string;
  /** The transition taken, for highlighting it in a statechart. */
  transition?: { machine: string; source: string; target: string; event: string };
}

export type MachineId = 'device' | 'app' | 'transferDaemon' | 'scheduler' | 'push';

/** What the playground renders. */
export interface SimView {
  timeMs: number;
  screen: 'home' | 'app' | 'switcher' | 'lock';
  locked: boolean;
  network: 'online' | 'offline';
  power: 'battery' | 'charging';
  lowPowerMode: boolean;
  backgroundAppRefresh: boolean;
  debuggerAttached: boolean;
  app: {
    state: AppState;
    /** As the app would read it; null in the foreground (DBL_MAX) and when not running. */
    backgroundTimeRemainingMs: number | null;
    inMemory: boolean;
  };
  transfers: TransferSummary[];
  backgroundTasks: BackgroundTaskSummary[];
  scheduledTasks: ScheduledTaskSummary[];
  liveActivity: { title: string; progress: number } | null;
  notifications: { atMs: number; title: string; body: string }[];
  machines: { id: MachineId; label: string; active: string[] }[];
  /** Time until the next thing that will happen on its own; null if nothing is pending. */
  nextDueInMs: number | null;
  /** The delayed transitions scheduled now, with the time each has left. */
  pending: { machine: string; event: string; label: string; inMs: number }[];
}

export type SendResult =
  { accepted: true; narration: string } | { accepted: false; reason: string };

export interface Simulation {
  /** Sends one event; a refused event is recorded in the summary with its reason. */
  send(event: ScenarioEvent): SendResult;
  /** The reason the event would be refused now, or null if it would be accepted. */
  refusal(event: ScenarioEvent): string | null;
  summary(): Summary;
  view(): SimView;
  log(): readonly LogEntry[];
  /** Plain, serialisable state to rewind to with restoreSimulation. */
  checkpoint(): import('./simulation.ts').SimCheckpoint;
}
