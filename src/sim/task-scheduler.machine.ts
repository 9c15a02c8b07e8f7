/**
 * Task scheduler machine: BGTaskScheduler, which decides when to launch the app for its tasks.
 *
 * It spawns one task-request actor per submitted request (task-request.machine.ts) and runs one
 * BGTask at a time, never while the app is in the foreground, and never after a force quit until
 * the person opens the app again. An app refresh runs once its earliest begin date has passed,
 * while Background App Refresh is on; Low Power Mode holds it (submit(_:) still succeeds) until
 * Low Power Mode ends; a processing task runs only
 * while Background App Refresh is on (the switch stops processing too) and the device is idle
 * (locked and on power for timing.processingIdleAfterLock; modelled: the system picks a moment
 * that disturbs the person least, typically overnight on the charger), out of Low Power Mode,
 * and with power or a network when it asks for them. Resubmitting a refresh replaces the pending
 * one. A continued-processing task (iOS 26) starts at once from the foreground.
 *
 * States: idle | busy (a BGTask is running).
 *
 * Events: scheduler.scheduleAppRefresh {earliestBeginMs}, scheduler.scheduleProcessing
 *   {requiresExternalPower, requiresNetwork}, scheduler.startContinuedProcessing,
 *   request.due, request.changed, app.status, app.exited, conditions.changed, user.forceQuit,
 *   user.stopContinuedProcessing (the Stop button of the export's Live Activity), system.reboot
 *   (pending requests are kept across it: an assumption, which the log says).
 *
 * Used by: the Background App Refresh, processing and continued-processing guides.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { now } from './clock.ts';
import { INITIAL_APP_STATUS, INITIAL_CONDITIONS, inForeground } from './messages.ts';
import type { AppStatus, Conditions, Facts } from './messages.ts';
import { formatDuration, timing } from './timing.ts';
import { drawWithin } from './random.ts';
import { taskRequestMachine } from './task-request.machine.ts';
import type { AppCode, ScheduledTaskSummary } from './types.ts';

/**
 * Enqueues one of this machine's own named actions. Inside `setup`, XState's types cannot yet
 * name the actions being defined, so the call goes through this one cast.
 */
const call = (enqueue: unknown, action: unknown) => (enqueue as (a: unknown) => void)(action);

export const REFRESH_ID = 'com.example.refresh';
export const PROCESSING_ID = 'com.example.processing';
export const CONTINUED_ID = 'com.example.export';
const MAX_SCHEDULED_TASKS = 200;

export interface RequestRecord extends ScheduledTaskSummary {
  actorId: string;
  requiresPower: boolean;
  requiresNetwork: boolean;
  due: boolean;
}

export interface SchedulerContext {
  code: AppCode;
  conditions: Conditions;
  app: AppStatus;
  records: RequestRecord[];
  refresh: string | null;
  processing: string | null;
  continued: string | null;
  busy: string | null;
  counter: number;
  continuedCounter: number;
  /** The seeded generator's state: the system's own choices are drawn from it. */
  rng: number;
}

export type SchedulerEvent =
  | { type: 'scheduler.scheduleAppRefresh'; earliestBeginMs?: number }
  | {
      type: 'scheduler.scheduleProcessing';
      requiresExternalPower?: boolean;
      requiresNetwork?: boolean;
    }
  | { type: 'scheduler.startContinuedProcessing' }
  | { type: 'request.due'; actorId: string }
  | { type: 'request.changed'; actorId: string; state: ScheduledTaskSummary['state'] }
  | { type: 'app.status'; status: AppStatus }
  | { type: 'app.exited' }
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'user.forceQuit' }
  | { type: 'debugger.simulateLaunch'; identifier: string }
  | { type: 'debugger.simulateExpiration'; identifier: string }
  | { type: 'user.stopContinuedProcessing' }
  | { type: 'system.reboot' };

const record = (c: SchedulerContext, id: string | null) =>
  id === null ? undefined : c.records.find((r) => r.actorId === id);

const mayLaunch = (c: SchedulerContext) =>
  c.busy === null && !c.conditions.forceQuit && !inForeground(c.app.state);

const refreshCanRun = (c: SchedulerContext) => {
  const r = record(c, c.refresh);
  return !!r?.due && mayLaunch(c) && c.conditions.backgroundAppRefresh && !c.conditions.lowPower;
};

const processingCanRun = (c: SchedulerContext) => {
  const r = record(c, c.processing);
  if (!r || !mayLaunch(c) || !c.conditions.idle || c.conditions.lowPower) return false;
  if (!c.conditions.backgroundAppRefresh) return false;
  // Modelled: the system runs processing when it disturbs the person least, typically overnight
  // on the charger, so in the model it waits for power whether or not the request asks for it.
  if (!c.conditions.charging) return false;
  return !(r.requiresNetwork && !c.conditions.online);
};

export const taskSchedulerMachine = setup({
  types: {
    context: {} as SchedulerContext,
    events: {} as SchedulerEvent,
    input: {} as { code: AppCode; seed: number },
  },
  actors: { taskRequest: taskRequestMachine },
  guards: {
    refreshCanRun: ({ context }) => refreshCanRun(context),
    processingCanRun: ({ context }) => processingCanRun(context),
    requestsPending: ({ context }) => context.refresh !== null || context.processing !== null,
  },
  actions: {
    note: (_, _params: { text: string; task?: string }) => {},
    submit: enqueueActions(({ context, enqueue, event }) => {
      const counter = context.counter + 1;
      const actorId = `request-${counter}`;
      let kind: ScheduledTaskSummary['kind'];
      let identifier: string;
      let earliestMs = now();
      let requiresPower = false;
      let requiresNetwork = false;
      let text: string;
      if (event.type === 'scheduler.scheduleAppRefresh') {
        kind = 'appRefresh';
        identifier = REFRESH_ID;
        const ms = event.earliestBeginMs ?? 0;
        // earliestBeginDate is only a floor: the system picks the moment after it, here a draw
        // from the scenario's seed within timing.appRefreshDelay's range (modelled).
        const [wait, rng] = drawWithin(context.rng, timing.appRefreshDelay.range);
        enqueue.assign({ rng });
        earliestMs += ms + wait;
        text = `${REFRESH_ID} is pending${context.refresh ? ' (it replaces the earlier request)' : ''}; it will not run before ${ms === 0 ? 'now' : `${formatDuration(ms)} from now`}. The system chose to launch it ${formatDuration(wait)} after that; on another day it could be hours later, or not at all.`;
      } else if (event.type === 'scheduler.scheduleProcessing') {
        kind = 'processing';
        identifier = PROCESSING_ID;
        requiresPower = event.requiresExternalPower ?? false;
        requiresNetwork = event.requiresNetwork ?? false;
        text = `${PROCESSING_ID} is pending; it runs only while the device is idle (locked for ${formatDuration(timing.processingIdleAfterLock.ms)})${requiresPower ? ' and charging' : ''}${requiresNetwork ? ' with a network' : ''}.`;
      } else if (event.type === 'scheduler.startContinuedProcessing') {
        kind = 'continuedProcessing';
        identifier = `${CONTINUED_ID}.${context.continuedCounter + 1}`;
        text = 'The person starts an export: it runs at once, shown as a Live Activity.';
      } else {
        return;
      }
      const entry: RequestRecord = {
        actorId,
        identifier,
        kind,
        state: kind === 'continuedProcessing' ? 'running' : 'pending',
        requiresPower,
        requiresNetwork,
        due: false,
      };
      const replaces = kind === 'appRefresh' ? context.refresh : null;
      let records: RequestRecord[];
      if (replaces !== null) {
        enqueue.stopChild(replaces);
        records = context.records.map((r) => (r.actorId === replaces ? entry : r));
      } else {
        records = [...context.records, entry];
        if (records.length > MAX_SCHEDULED_TASKS) {
          const oldest = records.findIndex((r) => r.state === 'completed' || r.state === 'expired');
          if (oldest >= 0) records.splice(oldest, 1);
        }
      }
      enqueue.assign({
        counter,
        records,
        ...(kind === 'appRefresh' ? { refresh: actorId } : {}),
        ...(kind === 'processing' ? { processing: actorId } : {}),
        ...(kind === 'continuedProcessing'
          ? { continued: actorId, continuedCounter: context.continuedCounter + 1 }
          : {}),
      });
      call(enqueue, { type: 'note', params: { text, task: identifier } });
      enqueue.spawnChild('taskRequest', {
        id: actorId,
        input: {
          actorId,
          identifier,
          kind,
          earliestMs: kind === 'processing' ? Number.NEGATIVE_INFINITY : earliestMs,
          requiresPower,
          requiresNetwork,
          code: context.code,
        },
      });
    }),
    markDue: assign(({ context, event }) =>
      event.type === 'request.due'
        ? {
            records: context.records.map((r) =>
              r.actorId === event.actorId ? { ...r, due: true } : r,
            ),
          }
        : {},
    ),
    track: assign(({ context, event }) => {
      if (event.type !== 'request.changed') return {};
      const ended = event.state === 'completed' || event.state === 'expired';
      return {
        records: context.records.map((r) =>
          r.actorId === event.actorId ? { ...r, state: event.state } : r,
        ),
        busy: ended && context.busy === event.actorId ? null : context.busy,
        continued: ended && context.continued === event.actorId ? null : context.continued,
      };
    }),
    launchRefresh: enqueueActions(({ context, enqueue }) => {
      const id = context.refresh;
      if (id === null) return;
      call(enqueue, {
        type: 'note',
        params: { text: `The scheduler decides to run ${REFRESH_ID}.` },
      });
      enqueue.assign({ busy: id, refresh: null });
      enqueue.sendTo(id, { type: 'request.launch' });
    }),
    launchProcessing: enqueueActions(({ context, enqueue }) => {
      const id = context.processing;
      if (id === null) return;
      call(enqueue, {
        type: 'note',
        params: { text: `The scheduler decides to run ${PROCESSING_ID}.` },
      });
      enqueue.assign({ busy: id, processing: null });
      enqueue.sendTo(id, { type: 'request.launch' });
    }),
    setApp: assign(({ event }) => (event.type === 'app.status' ? { app: event.status } : {})),
    setConditions: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'conditions.changed') return;
      enqueue.assign({ conditions: event.conditions });
      // Only a running processing task reads conditions: it expires when the device stops idling.
      const running = context.records.find((r) => r.actorId === context.busy);
      if (running?.kind === 'processing') enqueue.sendTo(running.actorId, event);
    }),
    appExited: enqueueActions(({ context, enqueue }) => {
      for (const id of [context.busy, context.continued]) {
        if (id !== null) enqueue.sendTo(id, { type: 'app.exited' });
      }
    }),
    simulateLaunch: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'debugger.simulateLaunch') return;
      const r = context.records.find(
        (x) => x.state === 'pending' && x.identifier === event.identifier,
      );
      if (!r) return;
      enqueue.assign({
        busy: r.actorId,
        refresh: context.refresh === r.actorId ? null : context.refresh,
        processing: context.processing === r.actorId ? null : context.processing,
      });
      enqueue.sendTo(r.actorId, { type: 'request.launch' });
    }),
    simulateExpiration: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'debugger.simulateExpiration' || context.busy === null) return;
      enqueue.sendTo(context.busy, { type: 'request.expire' });
    }),
    stopContinued: enqueueActions(({ context, enqueue }) => {
      if (context.continued !== null) {
        enqueue.sendTo(context.continued, { type: 'request.stop' });
      }
    }),
    cancelContinued: enqueueActions(({ context, enqueue }) => {
      if (context.continued !== null) {
        enqueue.sendTo(context.continued, { type: 'request.cancel' });
      }
    }),
  },
}).createMachine({
  id: 'scheduler',
  context: ({ input }) => ({
    code: input.code,
    conditions: INITIAL_CONDITIONS,
    app: INITIAL_APP_STATUS,
    records: [],
    refresh: null,
    processing: null,
    continued: null,
    busy: null,
    counter: 0,
    continuedCounter: 0,
    rng: input.seed,
  }),
  on: {
    'scheduler.scheduleAppRefresh': { actions: 'submit' },
    'scheduler.scheduleProcessing': { actions: 'submit' },
    'scheduler.startContinuedProcessing': { actions: 'submit' },
    'request.due': { actions: 'markDue' },
    'request.changed': { actions: 'track' },
    'app.status': { actions: 'setApp' },
    'app.exited': { actions: 'appExited' },
    'conditions.changed': { actions: 'setConditions' },
    'user.forceQuit': { actions: 'cancelContinued' },
    'user.stopContinuedProcessing': { actions: 'stopContinued' },
    'system.reboot': {
      guard: 'requestsPending',
      actions: {
        type: 'note',
        params: {
          text: 'Assumption: Apple does not document whether pending BGTask requests survive a restart, nor whether the system launches the app for one before the first unlock after it (until then, files with the default protection class cannot be read). This simulation keeps them and may launch the app before that unlock.',
        },
      },
    },
    'debugger.simulateLaunch': {
      actions: 'simulateLaunch',
      description: 'The scheduler launches the task now, whatever its conditions.',
    },
    'debugger.simulateExpiration': {
      actions: 'simulateExpiration',
      description: 'The scheduler expires the running task now.',
    },
  },
  initial: 'watching',
  states: {
    watching: {
      description: 'The scheduler waits for a moment when a pending task may run.',
      always: [
        {
          guard: 'refreshCanRun',
          actions: 'launchRefresh',
          description:
            'The refresh’s earliest begin date has passed and nothing stops it: the scheduler launches it.',
        },
        {
          guard: 'processingCanRun',
          actions: 'launchProcessing',
          description: 'The device is idle: the scheduler launches the processing task.',
        },
      ],
    },
  },
});

/** Why the debugger command or the Live Activity's Stop cannot happen now, or null. */
export function schedulerRefusal(event: { type: string; identifier?: string }, f: Facts) {
  if (event.type === 'user.stopContinuedProcessing') {
    return f.continuedRunning
      ? null
      : 'no continued-processing task is running: there is no Live Activity to stop';
  }
  if (event.type !== 'debugger.simulateLaunch' && event.type !== 'debugger.simulateExpiration') {
    return null;
  }
  if (!f.conditions.debugger) return 'the LLDB task commands need Xcode’s debugger attached';
  if (event.type === 'debugger.simulateLaunch') {
    if (f.runningTask !== null) return `${f.runningTask} is already running`;
    return f.pendingTasks.includes(event.identifier ?? '')
      ? null
      : `no request for "${event.identifier}" is pending: submit it first`;
  }
  return f.runningTask === event.identifier ? null : `no task "${event.identifier}" is running`;
}
