/**
 * The events the actors send one another, and the facts they share by those events. Types
 * only: what each actor does with them lives in its machine.
 */
import type { AppState, LaunchReason, TransferSummary } from './types.ts';

/** What the device tells every other actor whenever one of these changes. */
export interface Conditions {
  online: boolean;
  charging: boolean;
  lowPower: boolean;
  backgroundAppRefresh: boolean;
  locked: boolean;
  /** Locked long enough that the scheduler treats the device as idle. */
  idle: boolean;
  debugger: boolean;
  /** The person swiped the app away; cleared when they open it or the device restarts. */
  forceQuit: boolean;
}

export const INITIAL_CONDITIONS: Conditions = {
  online: true,
  charging: false,
  lowPower: false,
  backgroundAppRefresh: true,
  locked: false,
  idle: false,
  debugger: false,
  forceQuit: false,
};

/**
 * The conditions each of the device's listeners reads (in its guards, or hands to the actors it
 * spawns): the device tells a listener of a change only when one of these moved.
 */
export const CONDITIONS_READ = {
  app: ['backgroundAppRefresh', 'debugger'],
  // The daemon's own guard, and what its transfers read.
  transferDaemon: ['forceQuit', 'online', 'charging', 'lowPower'],
  // The scheduler's guards, and what its running processing task reads (unlocking an idle
  // device always ends its idling, so `idle` stands for `locked` there).
  scheduler: ['online', 'charging', 'lowPower', 'backgroundAppRefresh', 'idle', 'forceQuit'],
  push: ['backgroundAppRefresh', 'lowPower', 'forceQuit'],
} as const satisfies Record<string, readonly (keyof Conditions)[]>;

/** What the app process tells the daemons whenever its state or its session changes. */
export interface AppStatus {
  state: AppState;
  sessionCreated: boolean;
}

export const INITIAL_APP_STATUS: AppStatus = { state: 'notRunning', sessionCreated: false };

export const runsCode = (state: AppState) => state !== 'suspended' && state !== 'notRunning';
export const inForeground = (state: AppState) => state === 'active' || state === 'inactive';

/**
 * What of the app's status each daemon reads: the app tells a daemon of a change only when this
 * changes (the scheduler, for one, only asks whether the app is on screen).
 */
export const APP_STATUS_READ = {
  // The daemon and its transfers ask whether the app runs code, is suspended or is gone.
  transferDaemon: (s: AppStatus) =>
    `${runsCode(s.state) ? 'running' : s.state} ${s.sessionCreated}`,
  scheduler: (s: AppStatus) => inForeground(s.state),
  push: (s: AppStatus) => (s.state === 'notRunning' ? 'notRunning' : inForeground(s.state)),
} as const satisfies Record<string, (s: AppStatus) => unknown>;

/** A finished URLSessionTask as the daemon keeps it until the app's code hears of it. */
export interface FinishedTransfer {
  id: string;
  kind: 'upload' | 'download';
  session: 'background' | 'default';
  state: 'completed' | 'failed' | 'cancelled';
  error?: string;
  createdAtMs: number;
  /** Finishing wakes or relaunches the app (not after a force quit). */
  wakesApp: boolean;
  /** The app's code will never hear of it (it died with a default session). */
  silent: boolean;
}

export type TransferRecord = TransferSummary;

export type SharedEvent =
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'app.status'; status: AppStatus }
  | { type: 'app.foreground' }
  | { type: 'user.forceQuit' }
  | { type: 'system.reboot' };

export type WakeReason = Exclude<LaunchReason, 'user'>;

/** What the refusals read, taken from the actors' snapshots. */
export interface Facts {
  screen: 'home' | 'app' | 'switcher' | 'lock';
  card: boolean;
  app: AppState;
  conditions: Conditions;
  runningTasks: string[];
  /** The app is in the background and has used its background time. */
  budgetSpent: boolean;
  transfers: number;
  uploadsCrash: boolean;
  continuedRunning: boolean;
  /** Identifiers of the BGTask requests waiting to run, and of the one running. */
  pendingTasks: string[];
  runningTask: string | null;
}
