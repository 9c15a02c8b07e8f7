/**
 * The coordinator: one iPhone, one app, and the system daemons, driven by scenario events.
 *
 * Each actor is its own XState machine (device, app process, transfer daemon, task scheduler,
 * push service); this module owns the virtual clock and the plain data the machines' modes
 * stand for (transfers, assertions, BGTask requests), routes events between the actors and
 * records what the app's code sees. Time only moves in `clock.advance`, which jumps from one due
 * time to the next (discrete-event stepping), so a long replay costs nothing per millisecond.
 */
import { createActor } from 'xstate';
import { appProcessMachine } from './app-process.machine.ts';
import { CALLBACK } from './callbacks.ts';
import { deviceMachine } from './device.machine.ts';
import { pushServiceMachine } from './push-service.machine.ts';
import { checkEvent, resolveAppCode } from './scenario.ts';
import { taskSchedulerMachine } from './task-scheduler.machine.ts';
import type { TaskMode } from './task-scheduler.machine.ts';
import { formatDuration, timing } from './timing.ts';
import { transferDaemonMachine } from './transfer-daemon.machine.ts';
import type { DaemonMode } from './transfer-daemon.machine.ts';
import type {
  AppCode,
  AppState,
  BackgroundTaskSummary,
  CallbackSummary,
  Lane,
  LaunchReason,
  LogEntry,
  ScenarioEvent,
  ScheduledTaskSummary,
  SendResult,
  Summary,
  TerminationReason,
  TransferSummary,
} from './types.ts';

/** Most transfers one simulation keeps, so a long replay stays fast. */
export const MAX_TRANSFERS = 1000;
const MAX_BACKGROUND_TASKS = 200;
const MAX_SCHEDULED_TASKS = 200;
const MB = 1_000_000;

export const REFRESH_ID = 'com.example.refresh';
export const PROCESSING_ID = 'com.example.processing';
export const CONTINUED_ID = 'com.example.export';
export const SESSION_ID = 'com.example.uploads';

export interface Transfer {
  id: string;
  kind: 'upload' | 'download';
  session: 'background' | 'default';
  bytesTotal: number;
  bytesDone: number;
  state: TransferSummary['state'];
  error?: string;
  createdAtMs: number;
  notBeforeMs: number;
  discretionary: boolean;
  /** The app's code has received urlSession(_:task:didCompleteWithError:) for it. */
  delivered: boolean;
  /** Finishing in the daemon wakes or relaunches the app (not after a force quit). */
  wakesApp: boolean;
  waitingFor: string | null;
}

interface BgTask {
  name: string;
  state: BackgroundTaskSummary['state'];
  /** Begun by the app's own sceneDidEnterBackground code, which ends it when its work is done. */
  untilWorkDone: boolean;
}

interface SchedTask {
  identifier: string;
  kind: ScheduledTaskSummary['kind'];
  state: ScheduledTaskSummary['state'];
  earliestMs: number;
  requiresPower: boolean;
  requiresNetwork: boolean;
  /** When the app's handler calls setTaskCompleted(success:); never, for code that forgets to. */
  doneAtMs: number;
  startedAtMs: number;
  /** When the scheduler's runtime for the task runs out and its expiration handler is called. */
  expiresAtMs: number;
}

/**
 * What a scheduled kill is for: a beginBackgroundTask still not ended after its expiration
 * handler ran (0x8badf00d), or a BGTask that expired without setTaskCompleted(success:).
 */
type Owed = 'endBackgroundTask' | 'setTaskCompleted';

const KILLS: Record<Owed, { code?: string; why: string }> = {
  endBackgroundTask: { code: '0x8badf00d', why: 'a background task was never ended' },
  setTaskCompleted: { why: 'its BGTask expired without setTaskCompleted(success:)' },
};

interface Proc {
  sceneConnected: boolean;
  /** When the current stretch of background time began (the budget's clock). */
  bgSinceMs: number;
  budgetExpired: boolean;
  /** A kill the system has scheduled for work the app still owes it. */
  watchdog: { atMs: number; owes: Owed } | null;
  /** A kill an attached debugger held off; detaching the debugger arms it again. */
  watchdogHeldOff: Owed | null;
  sessionCreated: boolean;
  sessionLeaked: boolean;
  handlingEvents: boolean;
  awaitingHandlerSinceMs: number | null;
  pushUntilMs: number | null;
  bgTask: SchedTask | null;
  /** When the process was last suspended; a default session's request timers stand still. */
  suspendedAtMs: number;
}

const freshProc = (): Proc => ({
  sceneConnected: false,
  bgSinceMs: 0,
  budgetExpired: false,
  watchdog: null,
  watchdogHeldOff: null,
  sessionCreated: false,
  sessionLeaked: false,
  handlingEvents: false,
  awaitingHandlerSinceMs: null,
  pushUntilMs: null,
  bgTask: null,
  suspendedAtMs: 0,
});

/** Leaf state paths of a snapshot value, as dotted ids ('background.assertionHeld'). */
export function activePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value && typeof value === 'object') {
    const out: string[] = [];
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const inner = activePaths(child, `${prefix}${key}.`);
      out.push(...(inner.length ? inner : [prefix + key]));
    }
    return out;
  }
  return [];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The full simulation engine; createSimulation wraps it in the public interface. */
export class Engine {
  readonly code: AppCode;
  timeMs = 0;
  step = 0;
  readonly device = createActor(deviceMachine).start();
  readonly app = createActor(appProcessMachine).start();
  readonly daemon = createActor(transferDaemonMachine).start();
  readonly scheduler = createActor(taskSchedulerMachine).start();
  readonly push = createActor(pushServiceMachine).start();

  lockedSinceMs: number | null = null;
  card = false;
  pendingDiscard = false;
  forceQuitHold = false;
  daemonHeldForUser = false;
  proc: Proc = freshProc();
  limiter = { delayMs: 0, readyAtMs: 0 };

  transfers: Transfer[] = [];
  active: Transfer[] = [];
  /** Finished transfers whose completion the app's code has not heard yet. */
  undelivered: Transfer[] = [];
  bgTasks: BgTask[] = [];
  sched: SchedTask[] = [];
  refreshPending: SchedTask | null = null;
  processingPending: SchedTask | null = null;
  continued: SchedTask | null = null;
  counters = { upload: 0, download: 0, task: 0, continued: 0 };

  launches: Summary['app']['launches'] = [];
  terminations: Summary['app']['terminations'] = [];
  callbacks: CallbackSummary[] = [];
  refused: Summary['refused'] = [];
  entries: LogEntry[] = [];
  notifications: { atMs: number; title: string; body: string }[] = [];
  notes: string[] = [];
  private lastDaemonMode: DaemonMode = 'idle';
  private lastSchedKey = 'none|none|none';
  private lastAssertionKey = '';

  constructor(app?: Partial<AppCode>) {
    this.code = resolveAppCode(app);
  }

  // ---------------------------------------------------------------- reading state

  appState(): AppState {
    const value = this.app.getSnapshot().value;
    if (typeof value === 'string') return value as AppState;
    if ('foreground' in value) return value.foreground as 'active' | 'inactive';
    return 'background';
  }

  runsCode(): boolean {
    const s = this.appState();
    return s !== 'suspended' && s !== 'notRunning';
  }

  inForeground(): boolean {
    const s = this.appState();
    return s === 'active' || s === 'inactive';
  }

  screen(): 'home' | 'app' | 'switcher' | 'lock' {
    const value = this.device.getSnapshot().value as Record<string, string>;
    return value['screen'] as 'home' | 'app' | 'switcher' | 'lock';
  }

  deviceValue(region: string): string {
    return (this.device.getSnapshot().value as Record<string, string>)[region] ?? '';
  }

  online = () => this.deviceValue('network') === 'online';
  charging = () => this.deviceValue('power') === 'charging';
  lowPower = () => this.deviceValue('lowPowerMode') === 'on';
  barOn = () => this.deviceValue('backgroundAppRefresh') === 'on';
  debuggerOn = () => this.deviceValue('debugger') === 'attached';

  runningTasks(): BgTask[] {
    return this.bgTasks.filter((t) => t.state === 'running');
  }

  // ---------------------------------------------------------------- log helpers

  log(lane: Lane, kind: LogEntry['kind'], text: string, extra: Partial<LogEntry> = {}): void {
    this.entries.push({ step: this.step, atMs: this.timeMs, lane, kind, text, ...extra });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Delivers a callback to the app's code; only a process that runs code can receive one. */
  cb(name: string, task?: string, text?: string): void {
    if (!this.runsCode()) {
      throw new Error(`internal: ${name} delivered to an app that is ${this.appState()}`);
    }
    const entry: CallbackSummary = { atMs: this.timeMs, name };
    if (task !== undefined) entry.task = task;
    this.callbacks.push(entry);
    this.log('app', 'callback', text ?? `The app's code runs ${name}.`, {
      callback: name,
      ...(task !== undefined ? { task } : {}),
    });
  }

  // ---------------------------------------------------------------- lifecycle

  launch(reason: LaunchReason): void {
    this.launches.push({ atMs: this.timeMs, reason });
    this.proc = freshProc();
    this.proc.bgSinceMs = this.timeMs;
    this.app.send({ type: 'process.launch', foreground: reason === 'user' });
    this.log(
      'app',
      'state',
      reason === 'user'
        ? 'The app is launched (cold launch).'
        : `The system launches the app in the background (${reason}).`,
    );
    this.note(
      reason === 'user'
        ? 'the app launched'
        : `the system launched the app in the background (${reason})`,
    );
    this.cb(CALLBACK.willFinishLaunching);
    this.cb(CALLBACK.didFinishLaunching);
    if (this.pendingDiscard) {
      this.pendingDiscard = false;
      this.cb(
        CALLBACK.didDiscardSceneSessions,
        undefined,
        'The app learns the scene session swiped away earlier was discarded.',
      );
    }
    // The recommended app recreates its background session during every launch.
    if (this.code.sessionOwner === 'singleton') this.createSession();
    if (reason === 'user') this.foregroundArrival(true);
  }

  /** The scene comes on screen: callbacks, screen-owned session, and what foregrounding resets. */
  foregroundArrival(fromLaunch: boolean): void {
    const scene = this.code.lifecycle === 'scene';
    if (scene) {
      if (!this.proc.sceneConnected) {
        this.cb(CALLBACK.configurationForConnecting);
        this.cb(CALLBACK.sceneWillConnect);
      }
      this.cb(CALLBACK.sceneWillEnterForeground);
    } else if (!fromLaunch) {
      this.cb(CALLBACK.applicationWillEnterForeground);
    }
    this.proc.sceneConnected = true;
    this.app.send({ type: 'scene.activate' });
    this.cb(scene ? CALLBACK.sceneDidBecomeActive : CALLBACK.applicationDidBecomeActive);
    this.log('app', 'state', 'The app is active.');
    this.card = true;
    this.proc.budgetExpired = false;
    this.proc.watchdog = null;
    this.proc.watchdogHeldOff = null;
    // In the foreground the system no longer waits on the background-session handler.
    this.proc.awaitingHandlerSinceMs = null;
    if (this.forceQuitHold) {
      this.forceQuitHold = false;
      this.push.send({ type: 'app.openedByUser' });
    }
    this.daemonHeldForUser = false;
    if (this.limiter.delayMs > 0 || this.limiter.readyAtMs > this.timeMs) {
      this.log('transferDaemon', 'state', 'Opening the app resets the resume rate limiter.');
    }
    this.limiter = { delayMs: 0, readyAtMs: 0 };
    for (const t of this.active) t.notBeforeMs = Math.min(t.notBeforeMs, this.timeMs);
    if (this.code.sessionOwner === 'screen') this.createSession();
  }

  createSession(): void {
    if (this.code.sessionKind !== 'background') return;
    if (this.proc.sessionCreated) {
      this.proc.sessionLeaked = true;
      this.log(
        'app',
        'event',
        `The screen creates a second URLSession with identifier "${SESSION_ID}": "A background URLSession with identifier ${SESSION_ID} already exists!" The first session and its delegate (the old screen) are leaked and keep receiving the callbacks.`,
      );
      return;
    }
    this.proc.sessionCreated = true;
    this.log(
      'app',
      'event',
      `The app creates its background URLSession "${SESSION_ID}"; it reconnects to the transfer daemon.`,
    );
  }

  resignActive(): void {
    this.cb(
      this.code.lifecycle === 'scene'
        ? CALLBACK.sceneWillResignActive
        : CALLBACK.applicationWillResignActive,
    );
    this.app.send({ type: 'scene.resignActive' });
    this.log('app', 'state', 'The app is inactive.');
  }

  enterBackground(): void {
    this.cb(
      this.code.lifecycle === 'scene'
        ? CALLBACK.sceneDidEnterBackground
        : CALLBACK.applicationDidEnterBackground,
    );
    this.app.send({ type: 'scene.enterBackground' });
    this.proc.bgSinceMs = this.timeMs;
    this.proc.budgetExpired = false;
    this.log('app', 'state', 'The app is in the background, still running code.');
    this.note('the app went to the background');
    if (this.code.beginsTaskOnBackground) this.beginTask('finish-upload', true);
  }

  enterForegroundFromBackground(): void {
    const before = this.appState();
    this.app.send({ type: 'scene.enterForeground' });
    if (before === 'suspended') {
      this.log('app', 'state', 'The app is resumed.');
      this.timeOutStalledRequests();
    }
    this.foregroundArrival(false);
    this.note('the app came back to the foreground');
  }

  beginTask(name: string, untilWorkDone = false): void {
    this.bgTasks.push({ name, state: 'running', untilWorkDone });
    if (this.bgTasks.length > MAX_BACKGROUND_TASKS) {
      const oldest = this.bgTasks.findIndex((t) => t.state !== 'running');
      if (oldest >= 0) this.bgTasks.splice(oldest, 1);
    }
    this.log('app', 'event', `The app calls beginBackgroundTask(withName: "${name}").`, {
      task: name,
    });
  }

  endTask(task: BgTask, why: string): void {
    task.state = 'ended';
    this.log('app', 'event', `The app calls endBackgroundTask for "${task.name}"${why}.`, {
      task: task.name,
    });
  }

  suspend(): void {
    this.app.send({ type: 'process.suspend' });
    this.proc.suspendedAtMs = this.timeMs;
    this.log('app', 'state', 'The app is suspended: it stays in memory but runs no code.');
    const bg = this.active.filter((t) => t.session === 'background').length;
    this.note(
      bg > 0
        ? `the app was suspended; ${plural(bg, 'transfer')} ${bg === 1 ? 'continues' : 'continue'} in the daemon`
        : 'the app was suspended',
    );
  }

  /** The process ends. Callbacks (if any) must already have been delivered by the caller. */
  terminate(reason: TerminationReason, code?: string): void {
    const entry: Summary['app']['terminations'][number] = { atMs: this.timeMs, reason };
    if (code) entry.code = code;
    this.terminations.push(entry);
    const onScreen = this.screen() === 'app';
    this.app.send({ type: 'process.terminate' });
    this.device.send({ type: 'app.exited' });
    if (onScreen) this.device.send({ type: 'app.closed' });
    this.push.send({ type: 'app.exited' });
    this.log(
      'app',
      'state',
      `The app is terminated (${reason}${code ? ` ${code}` : ''}) and is no longer in memory.`,
    );
    this.note(`the app was terminated (${reason}${code ? ` ${code}` : ''})`);
    for (const task of this.bgTasks) if (task.state === 'running') task.state = 'expired';
    for (const t of this.active.filter((x) => x.session === 'default')) {
      this.finishTransfer(
        t,
        'failed',
        'lost: the default session died with the app’s process',
        true,
      );
    }
    if (this.proc.bgTask) {
      this.proc.bgTask.state = 'expired';
      this.log(
        'scheduler',
        'state',
        `The ${this.proc.bgTask.identifier} task ends with the process.`,
      );
    }
    if (this.continued) this.cancelContinued('it ended with the process');
    this.proc = freshProc();
  }

  cancelContinued(why: string): void {
    if (!this.continued) return;
    this.continued.state = 'expired';
    this.log(
      'scheduler',
      'state',
      `The continued-processing task is cancelled (${why}); its Live Activity disappears.`,
    );
    this.continued = null;
  }

  /** Resumes a suspended app, or launches a terminated one, in the background. */
  wake(reason: LaunchReason): void {
    if (this.appState() === 'suspended') {
      this.app.send({ type: 'process.resume' });
      this.proc.bgSinceMs = this.timeMs;
      this.proc.budgetExpired = false;
      this.log('app', 'state', `The system resumes the app in the background (${reason}).`);
      this.note(`the system resumed the app in the background (${reason})`);
      this.timeOutStalledRequests();
    } else if (this.appState() === 'notRunning') {
      this.launch(reason);
    }
  }

  // ---------------------------------------------------------------- transfers

  finishTransfer(
    t: Transfer,
    state: 'completed' | 'failed' | 'cancelled',
    error: string | undefined,
    delivered: boolean,
  ): void {
    t.state = state;
    t.waitingFor = null;
    if (error) t.error = error;
    t.delivered = delivered;
    this.active.splice(this.active.indexOf(t), 1);
    if (!delivered) this.undelivered.push(t);
    this.log('transferDaemon', 'state', `${t.id} ${state}${error ? `: ${error}` : ''}.`, {
      task: t.id,
    });
  }

  /**
   * A default session moves no data while its process is suspended. When the process runs again,
   * a request that stood still for longer than timeoutIntervalForRequest fails with a timeout.
   */
  timeOutStalledRequests(): void {
    const stalledMs = this.timeMs - this.proc.suspendedAtMs;
    if (stalledMs < timing.requestTimeout.ms) return;
    for (const t of this.active.filter((x) => x.session === 'default')) {
      this.finishTransfer(
        t,
        'failed',
        `NSURLErrorTimedOut (-1001): no data for ${formatDuration(stalledMs)} while the app was suspended, past timeoutIntervalForRequest (${formatDuration(timing.requestTimeout.ms)})`,
        false,
      );
    }
  }

  progressing(t: Transfer): boolean {
    if (!this.online()) return false;
    if (t.session === 'default') return this.runsCode();
    if (this.timeMs < t.notBeforeMs) return false;
    if (t.discretionary && (!this.charging() || this.lowPower())) return false;
    return true;
  }

  waitReason(t: Transfer): string | null {
    if (t.session === 'default') {
      return this.runsCode()
        ? null
        : 'the app to run again (a default session stops while the app is suspended)';
    }
    if (!this.online()) return 'connectivity';
    if (this.timeMs < t.notBeforeMs) return 'the resume rate limiter';
    if (t.discretionary && (!this.charging() || this.lowPower()))
      return 'good conditions (discretionary: power)';
    return null;
  }

  /** Moves bytes for `dt` virtual milliseconds. */
  moveBytes(dt: number): void {
    if (dt <= 0) return;
    const perMs = MB / timing.transferMegabyte.ms;
    for (const t of this.active) {
      if (!this.progressing(t)) continue;
      t.bytesDone = Math.min(t.bytesTotal, t.bytesDone + Math.floor(dt * perMs));
    }
  }

  deliverTransfer(t: Transfer): void {
    const leaked = t.session === 'background' && this.proc.sessionLeaked;
    const who = leaked
      ? ' (to the leaked delegate of a screen that is gone; the visible screen never hears)'
      : '';
    if (t.kind === 'download' && t.state === 'completed') {
      this.cb(
        CALLBACK.didFinishDownloading,
        t.id,
        `The app moves ${t.id}'s file out of the temporary location${who}.`,
      );
    }
    const error = t.error ? `error: ${t.error}` : 'no error';
    this.cb(CALLBACK.didComplete, t.id, `The app hears ${t.id} is done (${error})${who}.`);
    t.delivered = true;
    this.undelivered.splice(this.undelivered.indexOf(t), 1);
  }

  // ---------------------------------------------------------------- holds and deadlines

  holds(): boolean {
    return (
      this.debuggerOn() ||
      this.runningTasks().length > 0 ||
      this.proc.awaitingHandlerSinceMs !== null ||
      this.proc.pushUntilMs !== null ||
      this.proc.bgTask !== null ||
      this.proc.watchdog !== null ||
      this.continued !== null
    );
  }

  suspendDueMs(): number | null {
    if (this.appState() !== 'background' || this.holds()) return null;
    return Math.max(this.proc.bgSinceMs + timing.suspendAfterBackground.ms, this.timeMs);
  }

  budgetDueMs(): number | null {
    if (this.appState() !== 'background' || this.proc.budgetExpired) return null;
    if (this.runningTasks().length === 0) return null;
    return this.proc.bgSinceMs + timing.backgroundTaskBudget.ms;
  }

  daemonWakeWanted(): boolean {
    if (this.daemonHeldForUser || this.forceQuitHold) return false;
    const s = this.appState();
    if (s !== 'suspended' && s !== 'notRunning') return false;
    if (this.active.some((t) => t.session === 'background')) return false;
    return this.undelivered.some((t) => t.session === 'background' && t.wakesApp);
  }

  refreshCanRun(): boolean {
    return (
      this.refreshPending !== null &&
      this.barOn() &&
      !this.lowPower() &&
      !this.forceQuitHold &&
      !this.inForeground() &&
      this.proc.bgTask === null
    );
  }

  processingCanRun(): boolean {
    const p = this.processingPending;
    if (!p || this.lockedSinceMs === null || this.lowPower() || this.forceQuitHold) return false;
    if (this.inForeground() || this.proc.bgTask !== null) return false;
    if (p.requiresPower && !this.charging()) return false;
    if (p.requiresNetwork && !this.online()) return false;
    return true;
  }

  /** The earliest future time at which something happens on its own. */
  nextDueMs(): number | null {
    let due = Infinity;
    const consider = (t: number | null) => {
      if (t !== null && t > this.timeMs && t < due) due = t;
    };
    const msPerByte = timing.transferMegabyte.ms / MB;
    for (const t of this.active) {
      consider(t.createdAtMs + timing.resourceTimeout.ms);
      if (t.session === 'background' && t.notBeforeMs > this.timeMs) consider(t.notBeforeMs);
      if (this.progressing(t))
        consider(this.timeMs + Math.max(1, Math.ceil((t.bytesTotal - t.bytesDone) * msPerByte)));
    }
    consider(this.suspendDueMs());
    consider(this.budgetDueMs());
    consider(this.proc.watchdog?.atMs ?? null);
    if (this.proc.awaitingHandlerSinceMs !== null && !this.debuggerOn()) {
      consider(this.proc.awaitingHandlerSinceMs + timing.backgroundLaunchRuntime.ms);
    }
    if (this.proc.pushUntilMs !== null) consider(this.proc.pushUntilMs);
    if (this.proc.bgTask) {
      consider(this.proc.bgTask.doneAtMs);
      consider(this.proc.bgTask.expiresAtMs);
    }
    if (this.continued) consider(this.continued.doneAtMs);
    if (this.daemonWakeWanted()) consider(this.limiter.readyAtMs);
    if (this.refreshCanRun() && this.refreshPending) consider(this.refreshPending.earliestMs);
    if (this.processingCanRun() && this.lockedSinceMs !== null) {
      consider(this.lockedSinceMs + timing.processingIdleAfterLock.ms);
    }
    return due === Infinity ? null : due;
  }

  /** Handles everything due at the current time; returns true if anything changed. */
  settleOnce(): boolean {
    const now = this.timeMs;
    // Transfers: finished, timed out, or failed for lack of network in-process.
    for (const t of [...this.active]) {
      if (t.bytesDone >= t.bytesTotal) {
        this.finishTransfer(t, 'completed', undefined, false);
        return true;
      }
      if (now >= t.createdAtMs + timing.resourceTimeout.ms) {
        this.finishTransfer(
          t,
          'failed',
          `NSURLErrorTimedOut (-1001): timeoutIntervalForResource (${formatDuration(timing.resourceTimeout.ms)}) passed`,
          false,
        );
        return true;
      }
      if (t.session === 'default' && this.runsCode() && !this.online()) {
        this.finishTransfer(
          t,
          'failed',
          'NSURLErrorNotConnectedToInternet (-1009): a default session fails at once when offline',
          false,
        );
        return true;
      }
    }
    // The app delivers what it can hear now.
    if (this.runsCode()) {
      for (const t of this.undelivered) {
        if (t.session === 'background' && !this.proc.sessionCreated) continue;
        this.deliverTransfer(t);
        return true;
      }
      if (this.proc.handlingEvents && this.proc.sessionCreated) {
        this.proc.handlingEvents = false;
        const leaked = this.proc.sessionLeaked;
        this.cb(
          CALLBACK.didFinishEvents,
          undefined,
          leaked ? 'The leaked delegate hears the session’s events are done.' : undefined,
        );
        if (this.code.callsCompletionHandler) {
          this.proc.awaitingHandlerSinceMs = null;
          this.log(
            'app',
            'event',
            'The app calls the stored completion handler on the main queue; the system takes a new snapshot.',
          );
          if (!leaked) {
            const done = this.transfers.filter(
              (t) => t.session === 'background' && t.state === 'completed',
            ).length;
            this.notifications.push({
              atMs: now,
              title: 'Uploads finished',
              body: `${plural(done, 'transfer')} finished in the background.`,
            });
            this.log('app', 'event', 'The app posts a notification: "Uploads finished".');
          }
        } else {
          this.log('app', 'event', 'The app never calls the completion handler it stored.');
        }
        return true;
      }
    }
    // The app's own finish-work task ends once no in-process transfer is left.
    if (this.runsCode()) {
      const auto = this.bgTasks.find((t) => t.untilWorkDone && t.state === 'running');
      if (auto && !this.active.some((t) => t.session === 'default')) {
        this.endTask(auto, ': its in-process work is done');
        return true;
      }
    }
    // App deadlines.
    const pushUntil = this.proc.pushUntilMs;
    if (pushUntil !== null && now >= pushUntil) {
      this.proc.pushUntilMs = null;
      this.push.send({ type: 'push.completed' });
      this.log('app', 'event', 'The app calls the fetch completion handler (.newData).');
      return true;
    }
    const task = this.proc.bgTask;
    if (task && now >= task.doneAtMs) {
      task.state = 'completed';
      this.proc.bgTask = null;
      this.log(
        'scheduler',
        'state',
        `The app calls setTaskCompleted(success: true) for ${task.identifier}.`,
        { task: task.identifier },
      );
      this.note(`${task.identifier} completed`);
      return true;
    }
    if (task && now >= task.expiresAtMs) {
      this.expireBgTask(task, 'its runtime ran out');
      return true;
    }
    if (
      task &&
      task.kind === 'processing' &&
      (this.lockedSinceMs === null ||
        (task.requiresPower && !this.charging()) ||
        (task.requiresNetwork && !this.online()))
    ) {
      this.expireBgTask(task, 'the device is no longer idle');
      return true;
    }
    const continued = this.continued;
    if (continued && now >= continued.doneAtMs) {
      continued.state = 'completed';
      this.continued = null;
      this.log(
        'scheduler',
        'state',
        'The export finishes; the app calls setTaskCompleted(success: true) and the Live Activity ends.',
        { task: continued.identifier },
      );
      this.note('the continued-processing task completed');
      return true;
    }
    const budgetDue = this.budgetDueMs();
    if (budgetDue !== null && now >= budgetDue) {
      this.proc.budgetExpired = true;
      for (const t of this.runningTasks()) {
        this.cb(
          CALLBACK.backgroundTaskExpiration,
          t.name,
          `Background time is up: the expiration handler for "${t.name}" runs.`,
        );
        if (this.code.expirationHandlerEndsTask) {
          t.state = 'expired';
          this.log(
            'app',
            'event',
            `The expiration handler calls endBackgroundTask for "${t.name}".`,
            { task: t.name },
          );
        }
      }
      this.note('background time ran out');
      if (this.runningTasks().length > 0) {
        this.log(
          'system',
          'event',
          'Background task still not ended after expiration handlers were called; this app will likely be terminated by the system.',
        );
        this.armWatchdog('endBackgroundTask');
      }
      return true;
    }
    const watchdog = this.proc.watchdog;
    if (watchdog !== null && now >= watchdog.atMs) {
      this.proc.watchdog = null;
      if (this.appState() === 'background' && this.stillOwes(watchdog.owes)) {
        const kill = KILLS[watchdog.owes];
        const code = kill.code ? ` (${kill.code})` : '';
        if (this.debuggerOn()) {
          this.proc.watchdogHeldOff = watchdog.owes;
          this.log(
            'system',
            'event',
            `The system would kill the app now${code}: ${kill.why}. A debugger is attached, so it does not.`,
          );
        } else {
          this.log('system', 'event', `The system kills the app${code}: ${kill.why}.`);
          this.terminate('watchdog', kill.code);
        }
      }
      return true;
    }
    const awaiting = this.proc.awaitingHandlerSinceMs;
    if (
      awaiting !== null &&
      !this.debuggerOn() &&
      now >= awaiting + timing.backgroundLaunchRuntime.ms
    ) {
      this.log(
        'system',
        'event',
        'The app never called the background URL session completion handler: the system kills it (0x2182bad3).',
      );
      this.terminate('watchdog', '0x2182bad3');
      // Modelled: the daemon waits for the person to open the app before trying again.
      this.daemonHeldForUser = true;
      return true;
    }
    // Daemon wakes the app when the whole session is done.
    if (this.daemonWakeWanted() && now >= this.limiter.readyAtMs) {
      // The delay doubles when this wake comes from work the limiter held back (a transfer
      // created before its delay ran out); a delay that elapsed with nothing waiting resets it.
      const doubled =
        this.limiter.delayMs > 0 &&
        this.undelivered.some(
          (t) => t.session === 'background' && t.wakesApp && t.createdAtMs < this.limiter.readyAtMs,
        );
      const delay = doubled ? this.limiter.delayMs * 2 : timing.resumeRateLimiterFirstDelay.ms;
      this.limiter = { delayMs: delay, readyAtMs: now + delay };
      this.log(
        'transferDaemon',
        'event',
        `Every transfer in the session is done: the daemon wakes the app. The resume rate limiter now waits ${formatDuration(delay)} before the next wake.`,
      );
      this.wake('backgroundURLSession');
      this.cb(
        CALLBACK.handleEventsForBackgroundURLSession,
        undefined,
        'The app delegate stores the completion handler for the session’s events.',
      );
      this.proc.awaitingHandlerSinceMs = now;
      this.proc.handlingEvents = true;
      if (!this.proc.sessionCreated && this.code.sessionKind === 'background') {
        this.log(
          'app',
          'event',
          'No session is recreated during this background launch (the screen that owns it never loads), so the events stay queued.',
        );
      }
      return true;
    }
    // Scheduler launches.
    const refresh = this.refreshPending;
    if (refresh && this.refreshCanRun() && now >= refresh.earliestMs) {
      this.refreshPending = null;
      this.startBgTask(
        refresh,
        'backgroundAppRefresh',
        timing.appRefreshWork.ms,
        timing.appRefreshRuntime.ms,
      );
      return true;
    }
    const processing = this.processingPending;
    if (
      processing &&
      this.processingCanRun() &&
      this.lockedSinceMs !== null &&
      now >= this.lockedSinceMs + timing.processingIdleAfterLock.ms
    ) {
      this.processingPending = null;
      this.startBgTask(
        processing,
        'backgroundProcessing',
        timing.processingWork.ms,
        timing.processingRuntime.ms,
      );
      return true;
    }
    // Suspension.
    const suspendAt = this.suspendDueMs();
    if (suspendAt !== null && now >= suspendAt) {
      this.syncAssertions();
      this.suspend();
      return true;
    }
    return false;
  }

  startBgTask(task: SchedTask, reason: LaunchReason, workMs: number, runtimeMs: number): void {
    this.log('scheduler', 'event', `The scheduler decides to run ${task.identifier}.`, {
      task: task.identifier,
    });
    this.wake(reason);
    task.state = 'running';
    task.startedAtMs = this.timeMs;
    task.doneAtMs = this.code.callsSetTaskCompleted
      ? this.timeMs + workMs
      : Number.POSITIVE_INFINITY;
    task.expiresAtMs = this.timeMs + runtimeMs;
    this.proc.bgTask = task;
    this.cb(
      CALLBACK.bgTaskLaunch,
      task.identifier,
      `The launch handler for ${task.identifier} runs.`,
    );
    this.note(`${task.identifier} started`);
  }

  expireBgTask(task: SchedTask, why: string): void {
    this.cb(
      CALLBACK.bgTaskExpiration,
      task.identifier,
      `The system ends ${task.identifier} (${why}): its expiration handler runs.`,
    );
    task.state = 'expired';
    this.proc.bgTask = null;
    this.note(`${task.identifier} expired`);
    if (!this.code.callsSetTaskCompleted) this.armWatchdog('setTaskCompleted');
  }

  /** An upload from Data in a background session raises an exception the app cannot catch. */
  uploadsCrash(): boolean {
    return this.code.uploadSource === 'data' && this.code.sessionKind === 'background';
  }

  /** Schedules the kill for work the app owes, a moment after its expiration handler ran. */
  armWatchdog(owes: Owed): void {
    this.proc.watchdog = { atMs: this.timeMs + timing.expirationHandlerGrace.ms, owes };
  }

  /** Whether the app still owes the work a scheduled kill is for. */
  stillOwes(owes: Owed): boolean {
    // An expired BGTask cannot be completed later, so only background tasks can be paid off.
    return owes === 'setTaskCompleted' || this.runningTasks().length > 0;
  }

  settle(): void {
    for (let i = 0; i < 10_000 && this.settleOnce(); i += 1) {
      // keep handling what is due now
    }
    this.syncMachines();
  }

  syncAssertions(): void {
    if (this.appState() !== 'background') {
      this.lastAssertionKey = '';
      return;
    }
    const held = this.runningTasks().length > 0;
    const expiring = held && this.proc.budgetExpired;
    const key = `${held}|${expiring}`;
    if (key !== this.lastAssertionKey) {
      this.lastAssertionKey = key;
      this.app.send({ type: 'assertions.changed', held, expiring });
    }
  }

  syncMachines(): void {
    this.syncAssertions();
    // Transfer labels: running or waiting (and why).
    for (const t of this.active) {
      const reason = this.waitReason(t);
      const state = reason ? 'waiting' : 'running';
      if (state !== t.state || reason !== t.waitingFor) {
        t.state = state;
        t.waitingFor = reason;
        this.log(
          'transferDaemon',
          'state',
          reason ? `${t.id} waits for ${reason}.` : `${t.id} is transferring.`,
          { task: t.id },
        );
      }
    }
    let mode: DaemonMode = 'idle';
    const bg = this.active.filter((t) => t.session === 'background');
    if (
      this.proc.handlingEvents ||
      (this.proc.awaitingHandlerSinceMs !== null && this.code.sessionKind === 'background')
    )
      mode = 'deliveringEvents';
    else if (bg.some((t) => t.state === 'running')) mode = 'transferring';
    else if (bg.length > 0) mode = 'waiting';
    else if (this.undelivered.some((t) => t.session === 'background')) mode = 'eventsPending';
    if (mode !== this.lastDaemonMode) {
      this.lastDaemonMode = mode;
      this.daemon.send({ type: 'daemon.update', mode });
    }
    const taskMode = (kind: SchedTask['kind'], pending: SchedTask | null): TaskMode =>
      this.proc.bgTask?.kind === kind ? 'running' : pending ? 'pending' : 'none';
    const refresh = taskMode('appRefresh', this.refreshPending);
    const processing = taskMode('processing', this.processingPending);
    const continued = this.continued ? 'running' : 'none';
    const key = `${refresh}|${processing}|${continued}`;
    if (key !== this.lastSchedKey) {
      this.lastSchedKey = key;
      this.scheduler.send({
        type: 'scheduler.update',
        appRefresh: refresh,
        processing,
        continuedProcessing: continued,
      });
    }
  }

  advance(ms: number): void {
    const target = this.timeMs + ms;
    this.settle();
    for (let guard = 0; guard < 1_000_000; guard += 1) {
      const due = this.nextDueMs();
      if (due === null || due >= target) {
        this.moveBytes(target - this.timeMs);
        this.timeMs = target;
        this.settle();
        return;
      }
      this.moveBytes(due - this.timeMs);
      this.timeMs = due;
      this.settle();
    }
  }

  // ---------------------------------------------------------------- refusals

  refusal(event: ScenarioEvent): string | null {
    const invalid = checkEvent(event);
    if (invalid) return invalid;
    const state = this.appState();
    const screen = this.screen();
    const locked = screen === 'lock';
    const notRunningCode = (): string | null =>
      state === 'suspended'
        ? 'the app is suspended: its code cannot run'
        : state === 'notRunning'
          ? 'the app is not running: its code cannot run'
          : null;
    switch (event.type) {
      case 'user.openApp':
        if (locked) return 'the device is locked: unlock it first';
        if (screen === 'app') return 'the app is already on screen';
        return null;
      case 'user.goHome':
        if (locked) return 'the device is locked: unlock it first';
        if (screen === 'home') return 'the Home Screen is already showing';
        return null;
      case 'user.openAppSwitcher':
        if (locked) return 'the device is locked: unlock it first';
        if (screen === 'switcher') return 'the app switcher is already open';
        return null;
      case 'user.forceQuit':
        if (screen !== 'switcher')
          return 'force quit means swiping the app’s card away: open the app switcher first';
        if (!this.card) return 'the app has no card in the app switcher';
        return null;
      case 'user.lockDevice':
        return locked ? 'the device is already locked' : null;
      case 'user.unlockDevice':
        return locked ? null : 'the device is not locked';
      case 'system.memoryPressure':
        if (state === 'notRunning') return 'the app is not running: there is nothing to reclaim';
        if (state === 'active' || state === 'inactive') {
          return 'the app is in the foreground: the system reclaims background and suspended apps first';
        }
        return null;
      case 'system.reboot':
        return null;
      case 'app.crash':
        return notRunningCode();
      case 'debugger.attach':
        if (this.debuggerOn()) return 'the debugger is already attached';
        if (state === 'notRunning')
          return 'the app is not running: there is no process to attach to';
        return null;
      case 'debugger.detach':
        return this.debuggerOn() ? null : 'no debugger is attached';
      case 'network.offline':
        return this.online() ? null : 'the network is already offline';
      case 'network.online':
        return this.online() ? 'the network is already online' : null;
      case 'power.connect':
        return this.charging() ? 'the device is already charging' : null;
      case 'power.disconnect':
        return this.charging() ? null : 'the device is already on battery';
      case 'settings.lowPowerMode':
        return this.lowPower() === event.on
          ? `Low Power Mode is already ${event.on ? 'on' : 'off'}`
          : null;
      case 'settings.backgroundAppRefresh':
        return this.barOn() === event.on
          ? `Background App Refresh is already ${event.on ? 'on' : 'off'}`
          : null;
      case 'app.beginBackgroundTask': {
        const cannot = notRunningCode();
        if (cannot) return cannot;
        if (event.name && this.runningTasks().some((t) => t.name === event.name)) {
          return `a background task named "${event.name}" is already running`;
        }
        if (
          state === 'background' &&
          this.timeMs >= this.proc.bgSinceMs + timing.backgroundTaskBudget.ms
        ) {
          return 'the app has used its background time: beginBackgroundTask returns .invalid';
        }
        return null;
      }
      case 'app.endBackgroundTask': {
        const cannot = notRunningCode();
        if (cannot) return cannot;
        const running = this.runningTasks();
        if (event.name) {
          return running.some((t) => t.name === event.name)
            ? null
            : `no background task named "${event.name}" is running`;
        }
        return running.length ? null : 'no background task is running';
      }
      case 'app.startUploads':
      case 'app.startDownloads': {
        const cannot = notRunningCode();
        if (cannot) return cannot;
        if (event.type === 'app.startUploads' && this.uploadsCrash()) return null;
        if (this.transfers.length + event.count > MAX_TRANSFERS) {
          return `the simulation keeps at most ${MAX_TRANSFERS} transfers`;
        }
        return null;
      }
      case 'app.scheduleAppRefresh': {
        const cannot = notRunningCode();
        if (cannot) return cannot;
        if (!this.barOn()) return 'Background App Refresh is off: submit(_:) throws .unavailable';
        if (this.lowPower())
          return 'Low Power Mode is on, which turns Background App Refresh off: submit(_:) throws .unavailable';
        return null;
      }
      case 'app.scheduleProcessing':
        return notRunningCode();
      case 'app.startContinuedProcessing':
        if (state !== 'active') {
          return 'a continued-processing task can only start from the foreground, after a person taps a button';
        }
        if (this.continued) return 'a continued-processing task is already running';
        return null;
      case 'push.silent':
        return null;
      case 'clock.advance':
        return null;
    }
  }

  // ---------------------------------------------------------------- applying events

  send(event: ScenarioEvent): SendResult {
    const reason = this.refusal(event);
    if (reason !== null) {
      const type =
        typeof event === 'object' && event && typeof event.type === 'string'
          ? event.type
          : 'unknown';
      this.refused.push({ index: this.step, type, reason });
      this.log(laneOf(type), 'refused', `${type} refused: ${reason}.`);
      this.step += 1;
      return { accepted: false, reason };
    }
    this.notes = [];
    this.log(laneOf(event.type), 'event', describeEvent(event));
    const base = this.apply(event);
    this.settle();
    this.step += 1;
    const notes = this.notes.filter((n, i, all) => all.indexOf(n) === i);
    const sentence = [base, ...notes].join('; ');
    return {
      accepted: true,
      narration: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
    };
  }

  apply(event: ScenarioEvent): string {
    const state = this.appState();
    switch (event.type) {
      case 'user.openApp': {
        this.device.send({ type: 'user.openApp' });
        if (state === 'inactive') {
          this.app.send({ type: 'scene.activate' });
          this.cb(
            this.code.lifecycle === 'scene'
              ? CALLBACK.sceneDidBecomeActive
              : CALLBACK.applicationDidBecomeActive,
          );
        } else if (state === 'notRunning') this.launch('user');
        else this.enterForegroundFromBackground();
        return 'you opened the app';
      }
      case 'user.goHome': {
        const from = this.screen();
        this.device.send({ type: 'user.goHome' });
        if (from === 'app') this.resignActive();
        if (this.inForeground()) this.enterBackground();
        return 'you went to the Home Screen';
      }
      case 'user.openAppSwitcher': {
        const from = this.screen();
        this.device.send({ type: 'user.openAppSwitcher' });
        if (from === 'app') this.resignActive();
        return 'you opened the app switcher';
      }
      case 'user.forceQuit':
        this.forceQuit();
        return 'you swiped the app away in the app switcher';
      case 'user.lockDevice': {
        const from = this.screen();
        this.device.send({ type: 'user.lockDevice' });
        this.lockedSinceMs = this.timeMs;
        if (from === 'app') this.resignActive();
        if (this.inForeground()) this.enterBackground();
        return 'you locked the device';
      }
      case 'user.unlockDevice': {
        this.device.send({ type: 'user.unlockDevice' });
        this.lockedSinceMs = null;
        if (this.proc.bgTask?.kind === 'processing')
          this.expireBgTask(this.proc.bgTask, 'the person picked up the device');
        if (this.screen() === 'app') {
          if (this.appState() === 'notRunning') this.launch('user');
          else this.enterForegroundFromBackground();
        }
        return 'you unlocked the device';
      }
      case 'system.memoryPressure':
        if (state === 'background')
          this.cb(
            CALLBACK.willTerminate,
            undefined,
            'The app is killed while running in the background: applicationWillTerminate(_:) runs.',
          );
        this.terminate('memoryPressure');
        return 'the system reclaimed the app’s memory';
      case 'system.reboot':
        if (this.runsCode()) this.cb(CALLBACK.willTerminate);
        if (state !== 'notRunning') this.terminate('reboot');
        this.device.send({ type: 'system.reboot' });
        this.lockedSinceMs = this.timeMs;
        this.forceQuitHold = false;
        this.push.send({ type: 'system.reboot' });
        this.limiter = { delayMs: 0, readyAtMs: 0 };
        if (this.active.some((t) => t.session === 'background')) {
          this.log(
            'transferDaemon',
            'state',
            'Apple does not document what a restart does to background transfers; this simulation lets them continue.',
          );
        }
        return 'the device restarted and shows the lock screen';
      case 'app.crash':
        this.terminate('crash');
        return 'the app crashed';
      case 'debugger.attach':
        this.device.send({ type: 'debugger.attach' });
        return 'Xcode’s debugger is attached: the app will not be suspended';
      case 'debugger.detach':
        this.device.send({ type: 'debugger.detach' });
        // A kill the debugger held off is armed again if the app still owes the work.
        if (
          this.proc.watchdogHeldOff !== null &&
          this.appState() === 'background' &&
          this.stillOwes(this.proc.watchdogHeldOff)
        ) {
          this.armWatchdog(this.proc.watchdogHeldOff);
        }
        this.proc.watchdogHeldOff = null;
        return 'the debugger is detached';
      case 'network.offline':
      case 'network.online':
      case 'power.connect':
      case 'power.disconnect':
        this.device.send({ type: event.type });
        return lowerFirst(describeEvent(event));
      case 'settings.lowPowerMode':
      case 'settings.backgroundAppRefresh':
        this.device.send(event);
        return lowerFirst(describeEvent(event));
      case 'app.beginBackgroundTask':
        this.counters.task += 1;
        this.beginTask(event.name ?? `task-${this.counters.task}`);
        return 'the app began a background task';
      case 'app.endBackgroundTask': {
        const running = this.runningTasks();
        const task = event.name
          ? running.find((t) => t.name === event.name)
          : running[running.length - 1];
        if (task) this.endTask(task, '');
        return 'the app ended a background task';
      }
      case 'app.startUploads':
        if (this.uploadsCrash()) {
          // An Objective-C exception, which Swift's try cannot catch: the process aborts.
          this.log(
            'app',
            'event',
            'uploadTask(with:from:) raises NSGenericException: “Upload tasks from NSData are not supported in background sessions”.',
          );
          this.terminate('crash');
          return 'the background session raised an exception for an upload from Data and the app crashed';
        }
        return this.startTransfers('upload', event.count, event.bytes);
      case 'app.startDownloads':
        return this.startTransfers('download', event.count, event.bytes);
      case 'app.scheduleAppRefresh': {
        const replaced = this.refreshPending !== null;
        const task: SchedTask = {
          identifier: REFRESH_ID,
          kind: 'appRefresh',
          state: 'pending',
          earliestMs: this.timeMs + (event.earliestBeginMs ?? 0),
          requiresPower: false,
          requiresNetwork: false,
          doneAtMs: 0,
          startedAtMs: 0,
          expiresAtMs: 0,
        };
        this.addScheduled(task, this.refreshPending);
        this.refreshPending = task;
        this.log(
          'scheduler',
          'state',
          `${REFRESH_ID} is pending${replaced ? ' (it replaces the earlier request)' : ''}; it will not run before ${formatDuration(event.earliestBeginMs ?? 0) === '0 seconds' ? 'now' : `${formatDuration(event.earliestBeginMs ?? 0)} from now`}.`,
          { task: REFRESH_ID },
        );
        return replaced
          ? 'the app resubmitted its refresh request, replacing the pending one'
          : 'the app scheduled an app refresh';
      }
      case 'app.scheduleProcessing': {
        const task: SchedTask = {
          identifier: PROCESSING_ID,
          kind: 'processing',
          state: 'pending',
          earliestMs: this.timeMs,
          requiresPower: event.requiresExternalPower ?? false,
          requiresNetwork: event.requiresNetwork ?? false,
          doneAtMs: 0,
          startedAtMs: 0,
          expiresAtMs: 0,
        };
        this.addScheduled(task, this.processingPending);
        this.processingPending = task;
        this.log(
          'scheduler',
          'state',
          `${PROCESSING_ID} is pending; it runs only while the device is idle (locked for ${formatDuration(timing.processingIdleAfterLock.ms)})${task.requiresPower ? ' and charging' : ''}${task.requiresNetwork ? ' with a network' : ''}.`,
          { task: PROCESSING_ID },
        );
        return 'the app scheduled a processing task';
      }
      case 'app.startContinuedProcessing': {
        this.counters.continued += 1;
        const id = `${CONTINUED_ID}.${this.counters.continued}`;
        const task: SchedTask = {
          identifier: id,
          kind: 'continuedProcessing',
          state: 'running',
          earliestMs: this.timeMs,
          requiresPower: false,
          requiresNetwork: false,
          startedAtMs: this.timeMs,
          doneAtMs: this.timeMs + timing.continuedProcessingWork.ms,
          expiresAtMs: Number.POSITIVE_INFINITY,
        };
        this.addScheduled(task, null);
        this.continued = task;
        this.cb(
          CALLBACK.bgTaskLaunch,
          id,
          `The launch handler for ${id} runs; the export shows as a Live Activity.`,
        );
        return 'the app started a continued-processing export, shown as a Live Activity';
      }
      case 'push.silent':
        return this.silentPush();
      case 'clock.advance':
        this.advance(event.ms);
        return `${formatDuration(event.ms)} passed`;
    }
  }

  addScheduled(task: SchedTask, replaces: SchedTask | null): void {
    if (replaces) {
      this.sched[this.sched.indexOf(replaces)] = task;
      return;
    }
    this.sched.push(task);
    if (this.sched.length > MAX_SCHEDULED_TASKS) {
      const oldest = this.sched.findIndex((t) => t.state === 'completed' || t.state === 'expired');
      if (oldest >= 0) this.sched.splice(oldest, 1);
    }
  }

  startTransfers(kind: 'upload' | 'download', count: number, bytes: number): string {
    const session = this.code.sessionKind;
    const inBackground = this.appState() === 'background';
    const notBefore =
      session === 'background' && inBackground
        ? Math.max(this.timeMs, this.limiter.readyAtMs)
        : this.timeMs;
    for (let i = 0; i < count; i += 1) {
      this.counters[kind] += 1;
      const t: Transfer = {
        id: `${kind}-${this.counters[kind]}`,
        kind,
        session,
        bytesTotal: bytes,
        bytesDone: 0,
        state: 'running',
        createdAtMs: this.timeMs,
        notBeforeMs: notBefore,
        discretionary: session === 'background' && inBackground,
        delivered: false,
        wakesApp: session === 'background',
        waitingFor: null,
      };
      this.transfers.push(t);
      this.active.push(t);
      this.log(
        'transferDaemon',
        'state',
        `${t.id} is created in the ${session} session${t.discretionary ? ' (discretionary: started from the background)' : ''}.`,
        { task: t.id },
      );
    }
    const what = plural(count, kind);
    return session === 'background'
      ? `the app started ${what} in its background session`
      : `the app started ${what} in a default session`;
  }

  forceQuit(): void {
    const state = this.appState();
    const scene = this.code.lifecycle === 'scene';
    if (this.runsCode()) {
      if (scene) this.cb(CALLBACK.didDiscardSceneSessions);
      this.cb(
        CALLBACK.willTerminate,
        undefined,
        'The app was running when it was swiped away: applicationWillTerminate(_:) runs.',
      );
    } else if (scene) {
      this.pendingDiscard = true;
    }
    this.card = false;
    this.forceQuitHold = true;
    this.push.send({ type: 'app.forceQuit' });
    if (this.continued) this.cancelContinued('force quit: the app is not told');
    let cancelled = 0;
    for (const t of [...this.active]) {
      if (t.session !== 'background') continue;
      this.finishTransfer(
        t,
        'cancelled',
        'NSURLErrorCancelled (-999), reason userForceQuitApplication',
        false,
      );
      t.wakesApp = false;
      cancelled += 1;
    }
    if (cancelled)
      this.note(
        `${plural(cancelled, 'transfer')} cancelled (userForceQuitApplication); the app hears it the next time it runs`,
      );
    if (state !== 'notRunning') this.terminate('userForceQuit');
  }

  silentPush(): string {
    if (this.forceQuitHold) {
      this.log(
        'push',
        'event',
        'The push is discarded: the app was force-quit and gets no pushes until the person opens it.',
      );
      return 'a silent push arrived but was discarded, because the app was force-quit';
    }
    const state = this.appState();
    if (!this.runsCode()) this.wake('silentPush');
    this.push.send({ type: 'push.deliver' });
    this.cb(CALLBACK.didReceiveRemoteNotification);
    this.proc.pushUntilMs = this.timeMs + timing.pushFetchWork.ms;
    return state === 'notRunning' || state === 'suspended'
      ? 'a silent push woke the app'
      : 'a silent push reached the running app';
  }

  // ---------------------------------------------------------------- reporting

  /**
   * UIApplication.backgroundTimeRemaining as the app's code would read it: the largest Double in
   * the foreground, the budget left in the background while a task is begun, and nothing the app
   * could read otherwise (no task begun, suspended, or not running).
   */
  backgroundTimeRemainingMs(): number | null {
    const state = this.appState();
    if (state === 'active' || state === 'inactive') return Number.MAX_VALUE;
    if (state !== 'background' || this.runningTasks().length === 0) return null;
    return Math.max(0, this.proc.bgSinceMs + timing.backgroundTaskBudget.ms - this.timeMs);
  }
}

const LANES: Record<string, Lane> = {
  user: 'user',
  app: 'app',
  push: 'push',
};

function laneOf(type: string): Lane {
  return LANES[type.split('.')[0] ?? ''] ?? 'system';
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`.replace(/\.$/, '');
}

/** One line for the event log. */
export function describeEvent(event: ScenarioEvent): string {
  switch (event.type) {
    case 'user.openApp':
      return 'You tap the app.';
    case 'user.goHome':
      return 'You go to the Home Screen.';
    case 'user.openAppSwitcher':
      return 'You open the app switcher.';
    case 'user.forceQuit':
      return 'You swipe the app’s card away.';
    case 'user.lockDevice':
      return 'You lock the device.';
    case 'user.unlockDevice':
      return 'You unlock the device.';
    case 'system.memoryPressure':
      return 'The system needs memory.';
    case 'system.reboot':
      return 'The device restarts.';
    case 'app.crash':
      return 'The app crashes.';
    case 'debugger.attach':
      return 'Xcode attaches its debugger.';
    case 'debugger.detach':
      return 'Xcode detaches its debugger.';
    case 'network.offline':
      return 'The network goes offline.';
    case 'network.online':
      return 'The network comes back.';
    case 'power.connect':
      return 'The device is plugged in.';
    case 'power.disconnect':
      return 'The device is unplugged.';
    case 'settings.lowPowerMode':
      return `Low Power Mode is turned ${event.on ? 'on' : 'off'}.`;
    case 'settings.backgroundAppRefresh':
      return `Background App Refresh is turned ${event.on ? 'on' : 'off'}.`;
    case 'app.beginBackgroundTask':
      return `The app asks for background time${event.name ? ` ("${event.name}")` : ''}.`;
    case 'app.endBackgroundTask':
      return `The app ends its background task${event.name ? ` "${event.name}"` : ''}.`;
    case 'app.startUploads':
      return `The app starts ${plural(event.count, 'upload')} of ${event.bytes} bytes.`;
    case 'app.startDownloads':
      return `The app starts ${plural(event.count, 'download')} of ${event.bytes} bytes.`;
    case 'app.scheduleAppRefresh':
      return 'The app submits a BGAppRefreshTaskRequest.';
    case 'app.scheduleProcessing':
      return 'The app submits a BGProcessingTaskRequest.';
    case 'app.startContinuedProcessing':
      return 'The person taps Export: the app submits a BGContinuedProcessingTaskRequest.';
    case 'push.silent':
      return 'A silent push arrives.';
    case 'clock.advance': {
      const span = formatDuration(event.ms);
      return `${span} ${/^1 [a-z]+$/.test(span) ? 'passes' : 'pass'}.`;
    }
  }
}
