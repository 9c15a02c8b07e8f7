/**
 * App process machine: one app, its process and what its code sees, from launch to termination.
 *
 * The process is launched into the foreground by the person, or into the background by the
 * system (for URL-session events, a BGTask or a silent push). Its lifecycle follows Apple's five
 * states. In the background it runs code until it is suspended, shortly after its background
 * callbacks return (timing.suspendAfterCallbacks; timing.didEnterBackgroundDeadline is the
 * callbacks' own deadline, not a grace period), unless something holds it: a beginBackgroundTask assertion,
 * a BGTask or continued-processing task, a silent push being handled, the system waiting for
 * the URL-session completion handler, a pending watchdog kill, or an attached debugger. All of
 * the app's assertions share one budget (timing.backgroundTaskBudget) that starts when the app
 * enters the background; when it runs out the expiration handlers run, and an assertion still
 * held a moment later (timing.expirationHandlerGrace) gets the app killed. The app's code
 * choices (`code`) are guards and actions: every callback the code sees is a `deliverCallback`
 * action, named as in Swift. With registersTasksAtLaunch false only the app's screen registers
 * the BGTask launch handlers, so a process that never shows it (a background launch) has none,
 * and BackgroundTasks raises for a launch or a submit of such a task: the app crashes. With
 * releasesFileLocks false its background callback leaves a shared-container SQLite write open,
 * and an app due to be suspended with that lock held is killed with 0xdead10cc.
 *
 * States: notRunning, running (parallel):
 *   lifecycle: foreground.inactive | foreground.active | background (suspension: awake | held;
 *              budget: counting | spent) | suspended
 *   watchdog: idle | armed | heldOff
 *   urlSessionEvents: idle | awaitingHandler | overdue
 *   pushHandler: idle | handling
 *
 * Events: from the device scene.foreground, scene.resignActive, scene.background,
 *   user.forceQuit, system.reboot, conditions.changed; from the daemon session.wake,
 *   session.deliver, session.flushed, session.inProcess; from the scheduler bgTask.launch,
 *   bgTask.ended, bgTask.expire; from the push service push.deliver; the app's own code
 *   app.beginBackgroundTask, app.endBackgroundTask, app.startUploads, app.startDownloads,
 *   app.scheduleAppRefresh, app.scheduleProcessing, app.startContinuedProcessing; and
 *   system.memoryPressure, app.crash.
 *
 * Used by: the lifecycle, background-task and URLSession guides and their playgrounds.
 */
import { and, assign, enqueueActions, not, sendTo, setup, stateIn } from 'xstate';
import { CALLBACK } from './callbacks.ts';
import { now } from './clock.ts';
import { APP_STATUS_READ, INITIAL_CONDITIONS, runsCode } from './messages.ts';
import type { AppStatus, Conditions, Facts, FinishedTransfer, WakeReason } from './messages.ts';
import { systemActor } from './system-actor.ts';
import { PROCESSING_ID, REFRESH_ID } from './task-scheduler.machine.ts';
import { MAX_TRANSFERS } from './transfer-daemon.machine.ts';
import { timing } from './timing.ts';
import type { AppCode, AppState, LaunchReason, ScenarioEvent, TerminationReason } from './types.ts';

/**
 * Enqueues one of this machine's own named actions. Inside `setup`, XState's types cannot yet
 * name the actions being defined, so the call goes through this one cast.
 */
const call = (enqueue: unknown, action: unknown) => (enqueue as (a: unknown) => void)(action);

export const SESSION_ID = 'com.example.uploads';
const MAX_BACKGROUND_TASKS = 200;

export interface BgTaskRecord {
  name: string;
  state: 'running' | 'ended' | 'expired';
  /** Begun by the app's own sceneDidEnterBackground code, which ends it when its work is done. */
  untilWorkDone: boolean;
}

/** What a pending kill is for: an assertion never ended, or a BGTask never completed. */
export type Owed = 'endBackgroundTask' | 'setTaskCompleted';

const KILLS: Record<Owed, { code?: string; why: string }> = {
  // Apple's EXC_CRASH (SIGKILL) page: 0x2182bad2, "a background task failing to complete in
  // time" (RunningBoard); 0x8badf00d is the watchdog for a blocked main thread.
  endBackgroundTask: { code: '0x2182bad2', why: 'a background task was never ended' },
  setTaskCompleted: { why: 'its BGTask expired without setTaskCompleted(success:)' },
};

/** Everything that dies with the process. */
export interface Process {
  sceneConnected: boolean;
  /** When the current stretch of background time began (the budget's clock). */
  bgSinceMs: number;
  sessionCreated: boolean;
  sessionLeaked: boolean;
  handlingEvents: boolean;
  awaitingHandler: boolean;
  pushHandling: boolean;
  bgTask: string | null;
  continued: boolean;
  watchdogArmed: boolean;
  owes: Owed | null;
  /** The BGTask launch handlers are registered in this process. */
  tasksRegistered: boolean;
  /** A write to the shared-container SQLite database is still open, holding its file lock. */
  holdsFileLock: boolean;
}

const freshProcess = (): Process => ({
  sceneConnected: false,
  bgSinceMs: now(),
  sessionCreated: false,
  sessionLeaked: false,
  handlingEvents: false,
  awaitingHandler: false,
  pushHandling: false,
  bgTask: null,
  continued: false,
  watchdogArmed: false,
  owes: null,
  tasksRegistered: false,
  holdsFileLock: false,
});

export interface AppContext {
  code: AppCode;
  conditions: Conditions;
  status: AppStatus;
  proc: Process;
  /** The system's records of the app; they outlive each process. */
  launches: { atMs: number; reason: LaunchReason }[];
  terminations: { atMs: number; reason: TerminationReason; code?: string }[];
  tasks: BgTaskRecord[];
  taskCounter: number;
  /** A scene session swiped away while the app ran no code, told at the next launch. */
  pendingDiscard: boolean;
  notifications: { atMs: number; title: string; body: string }[];
  /** Transfers of a default session still moving (the daemon tells). */
  inProcessTransfers: number;
}

export type AppEvent =
  | { type: 'scene.foreground' }
  | { type: 'scene.resignActive' }
  | { type: 'scene.background' }
  | { type: 'user.forceQuit' }
  | { type: 'system.reboot' }
  | { type: 'system.memoryPressure' }
  | { type: 'app.crash' }
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'session.wake' }
  | { type: 'session.deliver'; transfer: FinishedTransfer }
  | { type: 'session.flushed'; completedInBackground: number }
  | { type: 'session.inProcess'; count: number }
  | { type: 'bgTask.launch'; identifier: string; reason: WakeReason | null; text: string }
  | { type: 'bgTask.ended'; identifier: string }
  | { type: 'bgTask.expire'; identifier: string; why: string }
  | { type: 'push.deliver' }
  | { type: 'app.beginBackgroundTask'; name?: string }
  | { type: 'app.endBackgroundTask'; name?: string }
  | { type: 'app.startUploads'; count: number; bytes: number }
  | { type: 'app.startDownloads'; count: number; bytes: number }
  | { type: 'app.scheduleAppRefresh'; earliestBeginMs?: number }
  | { type: 'app.scheduleProcessing'; requiresExternalPower?: boolean; requiresNetwork?: boolean }
  | { type: 'app.startContinuedProcessing' }
  | { type: 'watchdog.arm'; owes: Owed }
  | { type: 'process.foreground' }
  | { type: 'completionHandler.called' }
  | { type: 'session.awaiting' }
  | { type: 'push.handle' };

const running = (tasks: BgTaskRecord[]) => tasks.filter((t) => t.state === 'running');

/** What the app would read from UIApplication.backgroundTimeRemaining (null: nothing to read). */
export function backgroundTimeRemainingMs(context: AppContext, state: AppState, atMs: number) {
  if (state === 'active' || state === 'inactive') return Number.MAX_VALUE;
  if (state !== 'background' || running(context.tasks).length === 0) return null;
  return Math.max(0, context.proc.bgSinceMs + timing.backgroundTaskBudget.ms - atMs);
}

/** Apple's app state for a snapshot value of this machine. */
export function appStateOf(value: unknown): AppState {
  if (value === 'notRunning') return 'notRunning';
  const lifecycle = (value as { running?: { lifecycle?: unknown } }).running?.lifecycle;
  if (typeof lifecycle === 'string') return lifecycle as AppState;
  if (lifecycle && typeof lifecycle === 'object') {
    const inner = lifecycle as { foreground?: string };
    if (inner.foreground) return inner.foreground as AppState;
  }
  return 'background';
}

interface CallbackParams {
  name: string;
  task?: string;
  text?: string;
  /** The error a delegate callback is handed: its text, or 'nil'. */
  error?: string;
}

const cb = (name: string, task?: string, text?: string, error?: string) => {
  const params: CallbackParams = { name };
  if (task !== undefined) params.task = task;
  if (text) params.text = text;
  if (error !== undefined) params.error = error;
  return { type: 'deliverCallback' as const, params };
};

const sceneLifecycle = ({ context }: { context: AppContext }) => context.code.lifecycle === 'scene';

/** BGTaskScheduler.submit(_:) for a refresh or a processing request: the same rule for both. */
const submitBGTaskRequest = [
  {
    guard: 'submitsUnregistered',
    target: 'notRunning',
    actions: 'noHandlerCrash',
    description:
      'submit(_:) for an identifier with no handler registered in this process raises: the app crashes.',
  },
  { actions: 'submitToScheduler' },
] as const;

export const appProcessMachine = setup({
  types: {
    context: {} as AppContext,
    events: {} as AppEvent,
    input: {} as { code: AppCode },
  },
  delays: {
    suspendAfterCallbacks: ({ context }) =>
      Math.max(0, context.proc.bgSinceMs + timing.suspendAfterCallbacks.ms - now()),
    backgroundTaskBudget: ({ context }) =>
      Math.max(0, context.proc.bgSinceMs + timing.backgroundTaskBudget.ms - now()),
    expirationHandlerGrace: timing.expirationHandlerGrace.ms,
    backgroundLaunchRuntime: timing.backgroundLaunchRuntime.ms,
    pushFetchWork: timing.pushFetchWork.ms,
    silentPushRuntime: timing.silentPushRuntime.ms,
  },
  guards: {
    somethingHoldsTheApp: ({ context }) => {
      const p = context.proc;
      return (
        context.conditions.debugger ||
        running(context.tasks).length > 0 ||
        p.awaitingHandler ||
        p.pushHandling ||
        p.bgTask !== null ||
        p.watchdogArmed ||
        p.continued
      );
    },
    debuggerAttached: ({ context }) => context.conditions.debugger,
    debuggerDetached: ({ context, event }) =>
      !(event.type === 'conditions.changed' ? event.conditions : context.conditions).debugger,
    stillOwes: ({ context }) =>
      context.proc.owes === 'setTaskCompleted' || running(context.tasks).length > 0,
    inBackground: stateIn('#app.running.lifecycle.background'),
    handlingEvents: ({ context }) => context.proc.handlingEvents && context.proc.sessionCreated,
    uploadsFromDataCrash: ({ context, event }) =>
      event.type === 'app.startUploads' &&
      context.code.uploadSource === 'data' &&
      context.code.sessionKind === 'background',
    /** The app runs code and the task its sceneDidEnterBackground code began has no uploads left. */
    ownWorkDone: ({ context }) =>
      context.inProcessTransfers === 0 &&
      runsCode(context.status.state) &&
      context.tasks.some((t) => t.untilWorkDone && t.state === 'running'),
    runsCode: ({ context }) => runsCode(context.status.state),
    callsFetchCompletionHandler: ({ context }) => context.code.callsFetchCompletionHandler,
    /** A BGTask launch (not continued processing, which may register later) with no handler. */
    noLaunchHandler: ({ context, event }) =>
      event.type === 'bgTask.launch' && event.reason !== null && !context.proc.tasksRegistered,
    /** The same for a process about to start: it registers at launch only if the code does. */
    launchWillFindNoHandler: ({ context, event }) =>
      event.type === 'bgTask.launch' &&
      event.reason !== null &&
      !context.code.registersTasksAtLaunch,
    submitsUnregistered: ({ context }) => !context.proc.tasksRegistered,
    holdsFileLock: ({ context }) => context.proc.holdsFileLock,
    holdsBackgroundTask: ({ context }) => running(context.tasks).length > 0,
    sceneLifecycle,
  },
  actions: {
    /** The app's code runs a callback; the log and the summary read it from the inspection. */
    deliverCallback: (_, _params: CallbackParams) => {},
    /** A sentence for the log about something the app's code does. */
    note: (_, _params: { text: string; task?: string }) => {},
    announce: enqueueActions(({ context, enqueue }, params: { state: AppState }) => {
      const status: AppStatus = {
        state: params.state,
        sessionCreated: context.proc.sessionCreated,
      };
      const was = context.status;
      if (was.state === status.state && was.sessionCreated === status.sessionCreated) return;
      enqueue.assign({ status });
      for (const [id, reads] of Object.entries(APP_STATUS_READ)) {
        if (reads(status) === reads(was)) continue;
        enqueue.sendTo(systemActor(id), { type: 'app.status', status });
      }
    }),
    startProcess: assign(({ context }, params: { reason: LaunchReason }) => ({
      proc: { ...freshProcess(), tasksRegistered: context.code.registersTasksAtLaunch },
      launches: [...context.launches, { atMs: now(), reason: params.reason }],
    })),
    launchCallbacks: enqueueActions(({ context, enqueue }) => {
      call(enqueue, cb(CALLBACK.willFinishLaunching));
      call(enqueue, cb(CALLBACK.didFinishLaunching));
      if (context.pendingDiscard) {
        enqueue.assign({ pendingDiscard: false });
        call(
          enqueue,
          cb(
            CALLBACK.didDiscardSceneSessions,
            undefined,
            'The app learns the scene session swiped away earlier was discarded.',
          ),
        );
      }
      // The recommended app recreates its background session during every launch.
      if (context.code.sessionOwner === 'singleton') call(enqueue, 'createSession');
    }),
    createSession: enqueueActions(({ context, enqueue }) => {
      if (context.code.sessionKind !== 'background') return;
      if (context.proc.sessionCreated) {
        enqueue.assign({ proc: { ...context.proc, sessionLeaked: true } });
        call(enqueue, {
          type: 'note',
          params: {
            text: `The screen creates a second URLSession with identifier "${SESSION_ID}": "A background URLSession with identifier ${SESSION_ID} already exists!" The first session and its delegate (the old screen) are leaked and keep receiving the callbacks.`,
          },
        });
        return;
      }
      enqueue.assign({ proc: { ...context.proc, sessionCreated: true } });
      call(enqueue, {
        type: 'note',
        params: {
          text: `The app creates its background URLSession "${SESSION_ID}"; it reconnects to the transfer daemon.`,
        },
      });
    }),
    foregroundArrival: enqueueActions(({ context, enqueue }, params: { fromLaunch: boolean }) => {
      const scene = context.code.lifecycle === 'scene';
      if (scene) {
        if (!context.proc.sceneConnected) {
          call(enqueue, cb(CALLBACK.configurationForConnecting));
          call(enqueue, cb(CALLBACK.sceneWillConnect));
        }
        call(enqueue, cb(CALLBACK.sceneWillEnterForeground));
      } else if (!params.fromLaunch) {
        call(enqueue, cb(CALLBACK.applicationWillEnterForeground));
      }
      enqueue.assign({ proc: { ...context.proc, sceneConnected: true, tasksRegistered: true } });
      if (!context.proc.tasksRegistered) {
        call(enqueue, {
          type: 'note',
          params: {
            text: 'The uploads screen loads and registers the BGTask launch handlers. (Modelled as in time: code a screen reaches can also run after launch has finished, and then register(forTaskWithIdentifier:using:launchHandler:) raises “All launch handlers must be registered before application finishes launching”.)',
          },
        });
      }
      call(
        enqueue,
        cb(scene ? CALLBACK.sceneDidBecomeActive : CALLBACK.applicationDidBecomeActive),
      );
      enqueue.raise({ type: 'process.foreground' });
      enqueue.sendTo(systemActor('transferDaemon'), { type: 'app.foreground' });
      if (context.code.sessionOwner === 'screen') call(enqueue, 'createSession');
    }),
    becomeActive: enqueueActions(({ context, enqueue }) => {
      call(
        enqueue,
        cb(
          context.code.lifecycle === 'scene'
            ? CALLBACK.sceneDidBecomeActive
            : CALLBACK.applicationDidBecomeActive,
        ),
      );
    }),
    resignActive: enqueueActions(({ context, enqueue }) => {
      call(
        enqueue,
        cb(
          context.code.lifecycle === 'scene'
            ? CALLBACK.sceneWillResignActive
            : CALLBACK.applicationWillResignActive,
        ),
      );
    }),
    enterBackground: enqueueActions(({ context, enqueue }) => {
      call(
        enqueue,
        cb(
          context.code.lifecycle === 'scene'
            ? CALLBACK.sceneDidEnterBackground
            : CALLBACK.applicationDidEnterBackground,
        ),
      );
      enqueue.assign({
        proc: { ...context.proc, bgSinceMs: now(), holdsFileLock: !context.code.releasesFileLocks },
      });
      if (!context.code.releasesFileLocks) {
        call(enqueue, {
          type: 'note',
          params: {
            text: 'The app starts writing its SQLite database in the shared App Group container and returns; the write, and its file lock, are still open.',
          },
        });
      }
      if (context.code.beginsTaskOnBackground) {
        call(enqueue, {
          type: 'beginTask',
          params: { name: 'finish-upload', untilWorkDone: true },
        });
      }
    }),
    resume: assign(({ context }) => ({ proc: { ...context.proc, bgSinceMs: now() } })),
    beginTask: assign(({ context }, params: { name?: string; untilWorkDone: boolean }) => {
      const taskCounter = context.taskCounter + 1;
      const tasks = [
        ...context.tasks,
        {
          name: params.name ?? `task-${taskCounter}`,
          state: 'running' as const,
          untilWorkDone: params.untilWorkDone,
        },
      ];
      if (tasks.length > MAX_BACKGROUND_TASKS) {
        const oldest = tasks.findIndex((t) => t.state !== 'running');
        if (oldest >= 0) tasks.splice(oldest, 1);
      }
      return { tasks, taskCounter };
    }),
    endTask: assign(({ context }, params: { name?: string }) => {
      const open = running(context.tasks);
      const task = params.name ? open.find((t) => t.name === params.name) : open[open.length - 1];
      return {
        tasks: context.tasks.map((t) => (t === task ? { ...t, state: 'ended' as const } : t)),
      };
    }),
    endOwnTask: assign(({ context }) => {
      const task = context.tasks.find((t) => t.untilWorkDone && t.state === 'running');
      return {
        tasks: context.tasks.map((t) => (t === task ? { ...t, state: 'ended' as const } : t)),
      };
    }),
    expireBackgroundTasks: enqueueActions(({ context, enqueue }) => {
      for (const t of running(context.tasks)) {
        call(
          enqueue,
          cb(
            CALLBACK.backgroundTaskExpiration,
            t.name,
            `Background time is up: the expiration handler for "${t.name}" runs.`,
          ),
        );
      }
      if (context.code.expirationHandlerEndsTask) {
        enqueue.assign({
          tasks: context.tasks.map((t) =>
            t.state === 'running' ? { ...t, state: 'expired' as const } : t,
          ),
        });
        return;
      }
      call(enqueue, {
        type: 'note',
        params: {
          text: 'Background task still not ended after expiration handlers were called; this app will likely be terminated by the system.',
        },
      });
      enqueue.raise({ type: 'watchdog.arm', owes: 'endBackgroundTask' });
    }),
    setOwed: assign(({ context, event }) => ({
      proc: {
        ...context.proc,
        owes: event.type === 'watchdog.arm' ? event.owes : context.proc.owes,
      },
    })),
    markArmed: assign(({ context }) => ({ proc: { ...context.proc, watchdogArmed: true } })),
    markDisarmed: assign(({ context }) => ({ proc: { ...context.proc, watchdogArmed: false } })),
    terminate: enqueueActions(
      ({ context, enqueue }, params: { reason: TerminationReason; code?: string }) => {
        const entry: AppContext['terminations'][number] = { atMs: now(), reason: params.reason };
        if (params.code) entry.code = params.code;
        enqueue.assign({
          terminations: [...context.terminations, entry],
          tasks: context.tasks.map((t) =>
            t.state === 'running' ? { ...t, state: 'expired' as const } : t,
          ),
          proc: freshProcess(),
        });
        enqueue.sendTo(systemActor('device'), { type: 'app.exited' });
        enqueue.sendTo(systemActor('scheduler'), { type: 'app.exited' });
      },
    ),
    kill: enqueueActions(({ context, enqueue }) => {
      const owes = context.proc.owes ?? 'endBackgroundTask';
      const kill = KILLS[owes];
      call(enqueue, {
        type: 'note',
        params: {
          text: `The system kills the app${kill.code ? ` (${kill.code})` : ''}: ${kill.why}.`,
        },
      });
      call(enqueue, {
        type: 'terminate',
        params: { reason: 'watchdog', ...(kill.code ? { code: kill.code } : {}) },
      });
    }),
    markAwaiting: assign(({ context }) => ({ proc: { ...context.proc, awaitingHandler: true } })),
    handleEventsCallback: enqueueActions(({ context, enqueue }) => {
      call(
        enqueue,
        cb(
          CALLBACK.handleEventsForBackgroundURLSession,
          undefined,
          'The app delegate stores the completion handler for the session’s events.',
        ),
      );
      enqueue.assign({ proc: { ...context.proc, handlingEvents: true } });
      if (!context.proc.sessionCreated && context.code.sessionKind === 'background') {
        call(enqueue, {
          type: 'note',
          params: {
            text: 'No session is recreated during this background launch (the screen that owns it never loads), so the events stay queued.',
          },
        });
      }
      enqueue.raise({ type: 'session.awaiting' });
    }),
    handlerTimedOut: enqueueActions(({ enqueue }) => {
      call(enqueue, {
        type: 'note',
        params: {
          text: 'The app never called the background URL session completion handler: the system kills it (0x2182bad3).',
        },
      });
      call(enqueue, { type: 'terminate', params: { reason: 'watchdog', code: '0x2182bad3' } });
      enqueue.sendTo(systemActor('transferDaemon'), { type: 'session.handlerTimedOut' });
    }),
    willTerminateIfRunning: enqueueActions(({ context, enqueue }) => {
      if (runsCode(context.status.state)) call(enqueue, cb(CALLBACK.willTerminate));
    }),
    forceQuitCallbacks: enqueueActions(({ context, enqueue }) => {
      const scene = context.code.lifecycle === 'scene';
      const state = context.status.state;
      if (runsCode(state)) {
        // Observed on iPhone, not documented: the scene's exit callbacks come first.
        const observed = ' (the order developers observe; Apple does not document it)';
        if (state === 'active' || state === 'inactive') {
          call(
            enqueue,
            cb(
              scene ? CALLBACK.sceneDidEnterBackground : CALLBACK.applicationDidEnterBackground,
              undefined,
              `The card is swiped away: the app enters the background${observed}.`,
            ),
          );
        }
        if (scene) {
          call(
            enqueue,
            cb(
              CALLBACK.sceneDidDisconnect,
              undefined,
              `UIKit disconnects the scene the person closed in the app switcher${observed}.`,
            ),
          );
          call(enqueue, cb(CALLBACK.didDiscardSceneSessions));
        }
        call(
          enqueue,
          cb(
            CALLBACK.willTerminate,
            undefined,
            'The app was running when it was swiped away: applicationWillTerminate(_:) runs.',
          ),
        );
      } else if (scene) {
        enqueue.assign({ pendingDiscard: true });
      }
    }),
    finishEvents: enqueueActions(({ context, enqueue, event }) => {
      const leaked = context.proc.sessionLeaked;
      enqueue.assign({ proc: { ...context.proc, handlingEvents: false } });
      call(
        enqueue,
        cb(
          CALLBACK.didFinishEvents,
          undefined,
          leaked ? 'The leaked delegate hears the session’s events are done.' : undefined,
        ),
      );
      if (!context.code.callsCompletionHandler) {
        call(enqueue, {
          type: 'note',
          params: { text: 'The app never calls the completion handler it stored.' },
        });
        return;
      }
      call(enqueue, {
        type: 'note',
        params: {
          text: 'The app calls the stored completion handler on the main queue; the system takes a new snapshot.',
        },
      });
      enqueue.raise({ type: 'completionHandler.called' });
      if (leaked) return;
      const done = event.type === 'session.flushed' ? event.completedInBackground : 0;
      enqueue.assign({
        notifications: [
          ...context.notifications,
          {
            atMs: now(),
            title: 'Uploads finished',
            body: `${done} transfer${done === 1 ? '' : 's'} finished in the background.`,
          },
        ],
      });
      call(enqueue, {
        type: 'note',
        params: { text: 'The app posts a notification: "Uploads finished".' },
      });
    }),
    deliverTransfer: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'session.deliver') return;
      const t = event.transfer;
      const leaked = t.session === 'background' && context.proc.sessionLeaked;
      const who = leaked
        ? ' (to the leaked delegate of a screen that is gone; the visible screen never hears)'
        : '';
      if (t.kind === 'download' && t.state === 'completed') {
        call(
          enqueue,
          cb(
            CALLBACK.didFinishDownloading,
            t.id,
            `The app moves ${t.id}'s file out of the temporary location${who}.`,
          ),
        );
      }
      const error = t.error ? `error: ${t.error}` : 'no error';
      call(
        enqueue,
        cb(
          CALLBACK.didComplete,
          t.id,
          `The app hears ${t.id} is done (${error})${who}.`,
          t.error ?? 'nil',
        ),
      );
    }),
    startTransfers: sendTo(systemActor('transferDaemon'), ({ context, event }) => ({
      type: 'session.create',
      kind: event.type === 'app.startUploads' ? 'upload' : 'download',
      count: 'count' in event ? event.count : 1,
      bytes: 'bytes' in event ? event.bytes : 1,
      session: context.code.sessionKind,
      fromBackground: context.status.state === 'background',
    })),
    submitToScheduler: sendTo(systemActor('scheduler'), ({ event }) => ({
      ...event,
      type: `scheduler.${event.type.slice('app.'.length)}`,
    })),
    holdBgTask: assign(({ context, event }) => {
      if (event.type !== 'bgTask.launch') return {};
      const continued = event.reason === null;
      return {
        proc: {
          ...context.proc,
          ...(continued ? { continued: true } : { bgTask: event.identifier }),
        },
      };
    }),
    launchHandler: enqueueActions(({ enqueue, event }) => {
      if (event.type !== 'bgTask.launch') return;
      call(enqueue, cb(CALLBACK.bgTaskLaunch, event.identifier, event.text));
    }),
    releaseBgTask: assign(({ context, event }) => {
      if (event.type !== 'bgTask.ended' && event.type !== 'bgTask.expire') return {};
      const p = context.proc;
      return {
        proc: p.bgTask === event.identifier ? { ...p, bgTask: null } : { ...p, continued: false },
      };
    }),
    bgTaskExpired: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'bgTask.expire') return;
      call(
        enqueue,
        cb(
          CALLBACK.bgTaskExpiration,
          event.identifier,
          `The system ends ${event.identifier} (${event.why}): its expiration handler runs.`,
        ),
      );
      if (!context.code.callsSetTaskCompleted) {
        enqueue.raise({ type: 'watchdog.arm', owes: 'setTaskCompleted' });
      }
    }),
    pushCallback: enqueueActions(({ context, enqueue }) => {
      call(enqueue, cb(CALLBACK.didReceiveRemoteNotification));
      enqueue.assign({ proc: { ...context.proc, pushHandling: true } });
      enqueue.raise({ type: 'push.handle' });
    }),
    fetchCompleted: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ proc: { ...context.proc, pushHandling: false } });
      call(enqueue, {
        type: 'note',
        params: { text: 'The app calls the fetch completion handler (.newData).' },
      });
    }),
    clearAwaiting: assign(({ context }) => ({ proc: { ...context.proc, awaitingHandler: false } })),
    setConditions: assign(({ event }) =>
      event.type === 'conditions.changed' ? { conditions: event.conditions } : {},
    ),
    setInProcess: assign(({ event }) =>
      event.type === 'session.inProcess' ? { inProcessTransfers: event.count } : {},
    ),
    rememberDiscard: assign({ pendingDiscard: true }),
    noHandlerCrash: enqueueActions(({ enqueue, event }) => {
      const identifier =
        event.type === 'bgTask.launch'
          ? event.identifier
          : event.type === 'app.scheduleProcessing'
            ? PROCESSING_ID
            : REFRESH_ID;
      call(enqueue, {
        type: 'note',
        params: {
          text: `BackgroundTasks raises NSInternalInconsistencyException: “No launch handler registered for task with identifier ${identifier}”. Only the uploads screen registers the handlers, and no screen loaded in this process.`,
        },
      });
      call(enqueue, { type: 'terminate', params: { reason: 'crash' } });
    }),
  },
}).createMachine({
  id: 'app',
  context: ({ input }) => ({
    code: input.code,
    conditions: INITIAL_CONDITIONS,
    status: { state: 'notRunning', sessionCreated: false },
    proc: freshProcess(),
    launches: [],
    terminations: [],
    tasks: [],
    taskCounter: 0,
    pendingDiscard: false,
    notifications: [],
    inProcessTransfers: 0,
  }),
  initial: 'notRunning',
  on: {
    'conditions.changed': { actions: 'setConditions' },
    'session.inProcess': { actions: 'setInProcess' },
  },
  states: {
    notRunning: {
      entry: { type: 'announce', params: { state: 'notRunning' } },
      on: {
        'scene.foreground': {
          target: 'running.lifecycle.foreground.active',
          actions: [
            { type: 'startProcess', params: { reason: 'user' } },
            'launchCallbacks',
            { type: 'foregroundArrival', params: { fromLaunch: true } },
          ],
          description: 'The app cold-launches into the foreground.',
        },
        'session.wake': {
          target: 'running.lifecycle.background',
          actions: [
            { type: 'startProcess', params: { reason: 'backgroundURLSession' } },
            'launchCallbacks',
            'handleEventsCallback',
          ],
          description:
            'The transfer daemon relaunches the app in the background for its session’s events.',
        },
        'bgTask.launch': [
          {
            guard: 'launchWillFindNoHandler',
            actions: [
              {
                type: 'startProcess',
                params: ({ event }) => ({ reason: event.reason ?? 'backgroundAppRefresh' }),
              },
              'launchCallbacks',
              'noHandlerCrash',
            ],
            description:
              'The scheduler launches the app for a BGTask, but launch ends with no handler registered for it: the app crashes.',
          },
          {
            target: 'running.lifecycle.background',
            actions: [
              {
                type: 'startProcess',
                params: ({ event }) => ({ reason: event.reason ?? 'backgroundAppRefresh' }),
              },
              'launchCallbacks',
              'holdBgTask',
              'launchHandler',
            ],
            description: 'The scheduler launches the app in the background to run a BGTask.',
          },
        ],
        'push.deliver': {
          target: 'running.lifecycle.background',
          actions: [
            { type: 'startProcess', params: { reason: 'silentPush' } },
            'launchCallbacks',
            'pushCallback',
          ],
          description: 'A silent push launches the app in the background.',
        },
        'user.forceQuit': { guard: 'sceneLifecycle', actions: 'rememberDiscard' },
      },
    },
    running: {
      type: 'parallel',
      on: {
        'app.crash': {
          target: 'notRunning',
          actions: { type: 'terminate', params: { reason: 'crash' } },
          description: 'The app’s process ends.',
        },
        'system.reboot': {
          target: 'notRunning',
          actions: ['willTerminateIfRunning', { type: 'terminate', params: { reason: 'reboot' } }],
        },
        'user.forceQuit': {
          target: 'notRunning',
          actions: [
            'forceQuitCallbacks',
            { type: 'terminate', params: { reason: 'userForceQuit' } },
          ],
          description: 'A running app hears it is terminated; a suspended one hears nothing.',
        },
        'system.memoryPressure': {
          target: 'notRunning',
          actions: [
            'willTerminateIfRunning',
            { type: 'terminate', params: { reason: 'memoryPressure' } },
          ],
          description: 'The system reclaims the background or suspended app’s memory.',
        },
        'session.deliver': { guard: 'runsCode', actions: 'deliverTransfer' },
        'session.flushed': { guard: 'handlingEvents', actions: 'finishEvents' },
        'bgTask.launch': [
          {
            guard: 'noLaunchHandler',
            target: 'notRunning',
            actions: 'noHandlerCrash',
            description:
              'The scheduler runs a BGTask in a process that registered no handler for it: the app crashes.',
          },
          { actions: ['holdBgTask', 'launchHandler'] },
        ],
        'push.deliver': { actions: 'pushCallback' },
        'bgTask.ended': { actions: 'releaseBgTask' },
        'bgTask.expire': { actions: ['releaseBgTask', 'bgTaskExpired'] },
        'app.beginBackgroundTask': {
          actions: {
            type: 'beginTask',
            params: ({ event }) => ({ name: event.name, untilWorkDone: false }),
          },
        },
        'app.endBackgroundTask': {
          actions: { type: 'endTask', params: ({ event }) => ({ name: event.name }) },
        },
        'app.startUploads': [
          {
            guard: 'uploadsFromDataCrash',
            target: 'notRunning',
            actions: [
              {
                type: 'note',
                params: {
                  text: 'uploadTask(with:from:) raises NSGenericException: “Upload tasks from NSData are not supported in background sessions”.',
                },
              },
              { type: 'terminate', params: { reason: 'crash' } },
            ],
            description:
              'A background session raises an exception for an upload from Data, which Swift cannot catch: the app crashes.',
          },
          { actions: 'startTransfers' },
        ],
        'app.startDownloads': { actions: 'startTransfers' },
        'app.scheduleAppRefresh': submitBGTaskRequest,
        'app.scheduleProcessing': submitBGTaskRequest,
        'app.startContinuedProcessing': { actions: 'submitToScheduler' },
      },
      states: {
        lifecycle: {
          initial: 'foreground',
          // On the region, not on `running`: XState checks an eventless transition once for
          // every active atomic state below it, and the other regions have nothing to do with it.
          always: { guard: 'ownWorkDone', actions: 'endOwnTask' },
          states: {
            foreground: {
              initial: 'inactive',
              states: {
                inactive: {
                  entry: { type: 'announce', params: { state: 'inactive' } },
                  on: {
                    'scene.foreground': {
                      target: 'active',
                      actions: 'becomeActive',
                      description: 'The app becomes active again.',
                    },
                  },
                },
                active: {
                  entry: { type: 'announce', params: { state: 'active' } },
                  on: {
                    'scene.resignActive': {
                      target: 'inactive',
                      actions: 'resignActive',
                      description: 'The scene resigns active: the app is inactive.',
                    },
                  },
                },
              },
              on: {
                'scene.background': {
                  target: 'background',
                  actions: 'enterBackground',
                  description: 'The scene enters the background; the app still runs code.',
                },
              },
            },
            background: {
              type: 'parallel',
              entry: { type: 'announce', params: { state: 'background' } },
              on: {
                'scene.foreground': {
                  target: 'foreground.active',
                  actions: { type: 'foregroundArrival', params: { fromLaunch: false } },
                  description: 'The app comes back to the foreground.',
                },
                'push.deliver': { actions: 'pushCallback' },
              },
              states: {
                suspension: {
                  initial: 'awake',
                  states: {
                    awake: {
                      always: { guard: 'somethingHoldsTheApp', target: 'held' },
                      after: {
                        suspendAfterCallbacks: [
                          {
                            guard: 'holdsFileLock',
                            target: '#app.notRunning',
                            actions: [
                              {
                                type: 'note',
                                params: {
                                  text: 'Its termination code is 0xdead10cc, which Apple explains as “held on to a file lock or SQLite database lock during suspension”.',
                                },
                              },
                              {
                                type: 'terminate',
                                params: { reason: 'watchdog', code: '0xdead10cc' },
                              },
                            ],
                            description:
                              'The app is due to be suspended while it holds a file lock in the shared container: the system kills it instead.',
                          },
                          {
                            target: '#app.running.lifecycle.suspended',
                            description:
                              'Nothing holds the app in the background any more: the system suspends it.',
                          },
                        ],
                      },
                    },
                    held: {
                      description:
                        'A background task, a BGTask, a push, the URL-session handler or the debugger holds the app.',
                      always: { guard: not('somethingHoldsTheApp'), target: 'awake' },
                    },
                  },
                },
                budget: {
                  initial: 'counting',
                  states: {
                    counting: {
                      after: {
                        backgroundTaskBudget: [
                          {
                            guard: 'holdsBackgroundTask',
                            target: 'spent',
                            actions: 'expireBackgroundTasks',
                            description:
                              'The app’s beginBackgroundTask time is used up: the expiration handler of each task it still holds runs.',
                          },
                          {
                            target: 'spent',
                            description:
                              'The app’s beginBackgroundTask time is used up. It holds no such task, so no expiration handler runs.',
                          },
                        ],
                      },
                    },
                    spent: {},
                  },
                },
              },
            },
            suspended: {
              entry: { type: 'announce', params: { state: 'suspended' } },
              description: 'The app stays in memory but runs no code.',
              on: {
                'scene.foreground': {
                  target: 'foreground.active',
                  actions: { type: 'foregroundArrival', params: { fromLaunch: false } },
                  description: 'The app is resumed into the foreground.',
                },
                'session.wake': {
                  target: 'background',
                  actions: ['resume', 'handleEventsCallback'],
                  description:
                    'The transfer daemon resumes the app in the background for its session’s events.',
                },
                'bgTask.launch': [
                  {
                    guard: 'noLaunchHandler',
                    target: '#app.notRunning',
                    actions: 'noHandlerCrash',
                    description:
                      'The scheduler resumes the app for a BGTask that no code in this process registered: the app crashes.',
                  },
                  {
                    target: 'background',
                    actions: ['resume', 'holdBgTask', 'launchHandler'],
                    description: 'The scheduler resumes the app in the background for a BGTask.',
                  },
                ],
                'push.deliver': {
                  target: 'background',
                  actions: ['resume', 'pushCallback'],
                  description: 'A silent push resumes the app in the background.',
                },
              },
            },
          },
        },
        watchdog: {
          initial: 'idle',
          states: {
            idle: {
              on: { 'watchdog.arm': { target: 'armed', actions: 'setOwed' } },
            },
            armed: {
              entry: 'markArmed',
              exit: 'markDisarmed',
              after: {
                expirationHandlerGrace: [
                  { guard: not(and(['inBackground', 'stillOwes'])), target: 'idle' },
                  {
                    guard: 'debuggerAttached',
                    target: 'heldOff',
                    actions: {
                      type: 'note',
                      params: {
                        text: 'The system would kill the app now, but a debugger is attached, so it does not.',
                      },
                    },
                  },
                  {
                    target: '#app.notRunning',
                    actions: 'kill',
                    description:
                      'The app still owes the system an ended task a moment after its expiration handler: the watchdog kills it.',
                  },
                ],
              },
            },
            heldOff: {
              on: {
                'conditions.changed': [
                  {
                    guard: and(['debuggerDetached', 'inBackground', 'stillOwes']),
                    target: 'armed',
                    actions: 'setConditions',
                  },
                  { guard: 'debuggerDetached', target: 'idle', actions: 'setConditions' },
                ],
              },
            },
          },
          on: { 'process.foreground': '.idle' },
        },
        urlSessionEvents: {
          initial: 'idle',
          states: {
            idle: { on: { 'session.awaiting': 'awaitingHandler' } },
            awaitingHandler: {
              entry: 'markAwaiting',
              exit: 'clearAwaiting',
              after: {
                backgroundLaunchRuntime: [
                  { guard: 'debuggerAttached', target: 'overdue' },
                  {
                    target: '#app.notRunning',
                    actions: ['handlerTimedOut'],
                    description:
                      'The app never called the background URL session completion handler: the system kills it (0x2182bad3).',
                  },
                ],
              },
              on: { 'completionHandler.called': 'idle' },
            },
            // An app that calls the completion handler calls it at once, never this late.
            overdue: {
              entry: 'markAwaiting',
              exit: 'clearAwaiting',
              on: {
                'conditions.changed': {
                  guard: 'debuggerDetached',
                  target: '#app.notRunning',
                  actions: ['setConditions', 'handlerTimedOut'],
                },
              },
            },
          },
          on: { 'process.foreground': '.idle' },
        },
        pushHandler: {
          initial: 'idle',
          states: {
            idle: { on: { 'push.handle': 'handling' } },
            handling: {
              on: { 'push.handle': { target: 'handling', reenter: true } },
              after: {
                pushFetchWork: {
                  guard: 'callsFetchCompletionHandler',
                  target: 'idle',
                  actions: 'fetchCompleted',
                  description: 'The handler finishes and calls the fetch completion handler.',
                },
                silentPushRuntime: {
                  target: '#app.notRunning',
                  actions: [
                    {
                      type: 'note',
                      params: {
                        text: 'The app never called the fetch completion handler within its time: the system kills it (0x2182bad4, “a background fetch failing to complete in time”; mapping this code to a silent push is modelled).',
                      },
                    },
                    { type: 'terminate', params: { reason: 'watchdog', code: '0x2182bad4' } },
                  ],
                  description:
                    'The silent-push handler never called its completion handler: the system kills the app.',
                },
              },
            },
          },
        },
      },
    },
  },
});

/** Why the app's code (or the system) cannot do this now, or null. */
export function appRefusal(event: ScenarioEvent, f: Facts): string | null {
  const state = f.app;
  const notRunningCode =
    state === 'suspended'
      ? 'the app is suspended: its code cannot run'
      : state === 'notRunning'
        ? 'the app is not running: its code cannot run'
        : null;
  switch (event.type) {
    case 'system.memoryPressure':
      if (state === 'notRunning') return 'the app is not running: there is nothing to reclaim';
      if (state === 'active' || state === 'inactive') {
        return 'the app is in the foreground: the system reclaims background and suspended apps first';
      }
      return null;
    case 'app.crash':
      return notRunningCode;
    case 'app.beginBackgroundTask':
      if (notRunningCode) return notRunningCode;
      if (event.name && f.runningTasks.includes(event.name)) {
        return `a background task named "${event.name}" is already running`;
      }
      return f.budgetSpent
        ? 'the app has used its background time: beginBackgroundTask returns .invalid'
        : null;
    case 'app.endBackgroundTask':
      if (notRunningCode) return notRunningCode;
      if (event.name) {
        return f.runningTasks.includes(event.name)
          ? null
          : `no background task named "${event.name}" is running`;
      }
      return f.runningTasks.length ? null : 'no background task is running';
    case 'app.startUploads':
    case 'app.startDownloads':
      if (notRunningCode) return notRunningCode;
      if (event.type === 'app.startUploads' && f.uploadsCrash) return null;
      return f.transfers + event.count > MAX_TRANSFERS
        ? `the simulation keeps at most ${MAX_TRANSFERS} transfers`
        : null;
    case 'app.scheduleAppRefresh':
      if (notRunningCode) return notRunningCode;
      // .unavailable is the Settings switch (or Simulator, or a keyboard extension without open
      // access); Low Power Mode only holds the request, in the scheduler.
      return f.conditions.backgroundAppRefresh
        ? null
        : 'Background App Refresh is off: submit(_:) throws .unavailable';
    case 'app.scheduleProcessing':
      if (notRunningCode) return notRunningCode;
      return f.conditions.backgroundAppRefresh
        ? null
        : 'Background App Refresh is off: submit(_:) throws .unavailable';
    case 'app.startContinuedProcessing':
      if (state !== 'active') {
        return 'a continued-processing task can only start from the foreground, after a person taps a button';
      }
      return f.continuedRunning ? 'a continued-processing task is already running' : null;
    default:
      return null;
  }
}

/** Whether a background session would raise for an upload from Data (the app crashes). */
export const uploadsCrash = (code: AppCode) =>
  code.uploadSource === 'data' && code.sessionKind === 'background';
