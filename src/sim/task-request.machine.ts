/**
 * Task request machine: one BGTaskRequest (app refresh, processing) or one continued-processing
 * task, spawned by the task scheduler.
 *
 * An app refresh request is pending until its earliest begin date; the scheduler then launches
 * it when its conditions allow. A running task tells the app's launch handler to start; the
 * sample app works for timing.appRefreshWork (timing.processingWork) and calls
 * setTaskCompleted(success:) unless its code forgets to, and the system expires the task after
 * timing.appRefreshRuntime (timing.processingRuntime), or as soon as the device is no longer
 * idle for a processing task. A continued-processing task starts running at once, from the
 * foreground, and finishes its export after timing.continuedProcessingWork; one that reports no
 * progress (reportsProgress false) is expired after timing.continuedProcessingStallLimit, and
 * the person's Stop in its Live Activity expires it at once.
 *
 * States: pending.notYet | pending.due, running, completed, expired.
 *
 * Events: request.launch, conditions.changed, app.exited, request.cancel, request.expire,
 *   request.stop.
 * Tells its scheduler: request.due, request.changed {state}.
 *
 * Used by: the Background App Refresh, processing and continued-processing guides.
 */
import { enqueueActions, sendParent, setup } from 'xstate';
import { now } from './clock.ts';
import type { Conditions } from './messages.ts';
import { systemActor } from './system-actor.ts';
import { timing } from './timing.ts';
import type { AppCode, ScheduledTaskSummary } from './types.ts';

/**
 * Enqueues one of this machine's own named actions. Inside `setup`, XState's types cannot yet
 * name the actions being defined, so the call goes through this one cast.
 */
const call = (enqueue: unknown, action: unknown) => (enqueue as (a: unknown) => void)(action);

export interface RequestInput {
  actorId: string;
  identifier: string;
  kind: ScheduledTaskSummary['kind'];
  earliestMs: number;
  requiresPower: boolean;
  requiresNetwork: boolean;
  code: AppCode;
}

export interface RequestContext extends RequestInput {
  startedAtMs: number;
}

export type RequestEvent =
  | { type: 'request.launch' }
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'app.exited' }
  | { type: 'request.cancel' }
  | { type: 'request.expire' }
  | { type: 'request.stop' };

const app = systemActor('app');

const WORK = {
  appRefresh: timing.appRefreshWork.ms,
  processing: timing.processingWork.ms,
  continuedProcessing: timing.continuedProcessingWork.ms,
} as const;
const RUNTIME = {
  appRefresh: timing.appRefreshRuntime.ms,
  processing: timing.processingRuntime.ms,
  continuedProcessing: Number.POSITIVE_INFINITY,
} as const;
/** The BGTask subclass a launch handler receives for each kind of request. */
const TASK_CLASS = {
  appRefresh: 'BGAppRefreshTask',
  processing: 'BGProcessingTask',
  continuedProcessing: 'BGContinuedProcessingTask',
} as const;
const REASON = {
  appRefresh: 'backgroundAppRefresh',
  processing: 'backgroundProcessing',
  continuedProcessing: null,
} as const;

/** How far a continued-processing export has come, from 0 to 1, as its progress reports it. */
export function exportProgress(c: RequestContext, atMs: number): number {
  if (!c.code.reportsProgress) return 0;
  return Math.min(1, Math.max(0, (atMs - c.startedAtMs) / WORK.continuedProcessing));
}

const changed = (state: ScheduledTaskSummary['state']) =>
  sendParent(({ context }: { context: RequestContext }) => ({
    type: 'request.changed',
    actorId: context.actorId,
    state,
  })) as never;

export const taskRequestMachine = setup({
  types: {
    context: {} as RequestContext,
    events: {} as RequestEvent,
    input: {} as RequestInput,
  },
  delays: {
    earliestBeginDate: ({ context }) => Math.max(0, context.earliestMs - now()),
    /** The sample app's work: timing.appRefreshWork, processingWork or continuedProcessingWork. */
    taskWork: ({ context }) => WORK[context.kind],
    /** The system's runtime: timing.appRefreshRuntime or processingRuntime. */
    taskRuntime: ({ context }) => RUNTIME[context.kind],
    continuedProcessingStallLimit: timing.continuedProcessingStallLimit.ms,
  },
  guards: {
    continued: ({ context }) => context.kind === 'continuedProcessing',
    callsSetTaskCompleted: ({ context }) => context.code.callsSetTaskCompleted,
    hasRuntime: ({ context }) => context.kind !== 'continuedProcessing',
    reportsNoProgress: ({ context }) =>
      context.kind === 'continuedProcessing' && !context.code.reportsProgress,
    noLongerIdle: ({ context, event }) => {
      if (context.kind !== 'processing' || event.type !== 'conditions.changed') return false;
      const c = event.conditions;
      return (
        !c.locked ||
        (context.requiresPower && !c.charging) ||
        (context.requiresNetwork && !c.online)
      );
    },
  },
  actions: {
    note: (_, _params: { text: string; task?: string }) => {},
    tellDue: sendParent(({ context }: { context: RequestContext }) => ({
      type: 'request.due',
      actorId: context.actorId,
    })) as never,
    launch: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ startedAtMs: now() });
      const kind = (context as RequestContext).kind;
      const receives = `The launch handler receives the ${TASK_CLASS[kind]}`;
      enqueue.sendTo(app, {
        type: 'bgTask.launch',
        identifier: context.identifier,
        reason: REASON[kind],
        text:
          kind === 'continuedProcessing'
            ? `${receives}; the export shows as a Live Activity.`
            : `${receives}, which it must end with setTaskCompleted(success:).`,
      });
    }) as never,
    completed: enqueueActions(({ context, enqueue }) => {
      call(enqueue, {
        type: 'note',
        params: {
          text:
            context.kind === 'continuedProcessing'
              ? 'The export finishes; the app calls setTaskCompleted(success: true) and the Live Activity ends.'
              : `The app calls setTaskCompleted(success: true) for ${context.identifier}.`,
          task: context.identifier,
        },
      });
      enqueue.sendTo(app, { type: 'bgTask.ended', identifier: context.identifier });
    }) as never,
    expire: enqueueActions(({ context, enqueue }, params: { why: string }) => {
      enqueue.sendTo(app, {
        type: 'bgTask.expire',
        identifier: context.identifier,
        why: params.why,
      });
    }) as never,
    reportRunning: changed('running'),
    reportCompleted: changed('completed'),
    reportExpired: changed('expired'),
  },
}).createMachine({
  id: 'taskRequest',
  context: ({ input }) => ({ ...input, startedAtMs: now() }),
  initial: 'pending',
  states: {
    pending: {
      initial: 'notYet',
      always: { guard: 'continued', target: 'running' },
      on: {
        'request.launch': {
          target: 'running',
          description: 'The scheduler decides to run the task.',
        },
      },
      states: {
        notYet: {
          after: {
            earliestBeginDate: {
              target: 'due',
              description: 'The earliest begin date has passed: the task may run from now on.',
            },
          },
        },
        due: { entry: 'tellDue' },
      },
    },
    running: {
      entry: ['launch', 'reportRunning'],
      after: {
        taskWork: {
          guard: 'callsSetTaskCompleted',
          target: 'completed',
          actions: 'completed',
          description: 'The launch handler’s work is done: it calls setTaskCompleted(success:).',
        },
        taskRuntime: {
          guard: 'hasRuntime',
          target: 'expired',
          actions: { type: 'expire', params: { why: 'its runtime ran out' } },
          description: 'The task’s runtime is up: the system calls its expiration handler.',
        },
        continuedProcessingStallLimit: {
          guard: 'reportsNoProgress',
          target: 'expired',
          actions: { type: 'expire', params: { why: 'it reported no progress' } },
          description:
            'The export has reported no progress for too long: the system expires it and calls its expiration handler.',
        },
      },
      on: {
        'conditions.changed': [
          {
            guard: 'noLongerIdle',
            target: 'expired',
            actions: { type: 'expire', params: { why: 'the device is no longer idle' } },
            description:
              'The device is no longer idle (picked up, unplugged or offline): the processing task expires.',
          },
        ],
        'app.exited': {
          target: 'expired',
          description: 'The task ends with the app’s process.',
        },
        'request.expire': {
          target: 'expired',
          actions: { type: 'expire', params: { why: 'the debugger simulated its expiration' } },
          description: 'The debugger simulates the task’s expiration: its expiration handler runs.',
        },
        'request.stop': {
          target: 'expired',
          actions: {
            type: 'expire',
            params: { why: 'the person tapped Stop in its Live Activity' },
          },
          description:
            'The system ends the export at the person’s request and calls its expiration handler.',
        },
        'request.cancel': {
          target: 'expired',
          description:
            'A force quit cancels the continued-processing task; the app is not told and its Live Activity disappears.',
        },
      },
    },
    completed: { type: 'final', entry: 'reportCompleted' },
    expired: { type: 'final', entry: 'reportExpired' },
  },
});
