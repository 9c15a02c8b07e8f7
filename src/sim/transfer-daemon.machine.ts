/**
 * Transfer daemon machine: nsurlsessiond, the system process that carries out background
 * URLSession tasks and outlives the app.
 *
 * It spawns one transfer actor per URLSessionTask (transfer.machine.ts) and keeps what the app's
 * code has not heard yet. While the app runs code (and, for a background session, has recreated
 * its session) it delivers each finished task. When every task of the background session is done
 * and the app is suspended or not running, it wakes the app in the background with
 * application(_:handleEventsForBackgroundURLSession:completionHandler:). Each wake starts the
 * resume rate limiter: tasks the app creates in the background wait until its delay has passed
 * (the transfer actor's waiting.forRateLimiter). The first delay is
 * timing.resumeRateLimiterFirstDelay; a wake caused by work the limiter held back doubles it.
 * Opening the app resets the limiter. The wake itself never waits for the limiter: a wake needs
 * every background task done, and any task created since the last wake was held to the
 * limiter's delay. After a force quit, or after the app was killed for never calling the
 * completion handler, it waits for the person to open the app.
 *
 * States: idle | waking.
 *
 * Events: session.create {kind, count, bytes, session, fromBackground}, transfer.finished,
 *   app.status, app.foreground, conditions.changed, user.forceQuit, system.reboot,
 *   session.handlerTimedOut.
 *
 * Used by: the background URLSession guide, the force-quit and relaunch playgrounds.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { now } from './clock.ts';
import { INITIAL_APP_STATUS, INITIAL_CONDITIONS, runsCode } from './messages.ts';
import type { AppStatus, Conditions, FinishedTransfer } from './messages.ts';
import { drawWithin } from './random.ts';
import { systemActor } from './system-actor.ts';
import { formatDuration, timing } from './timing.ts';
import { transferMachine } from './transfer.machine.ts';
import type { TransferSummary } from './types.ts';

/**
 * Enqueues one of this machine's own named actions. Inside `setup`, XState's types cannot yet
 * name the actions being defined, so the call goes through this one cast.
 */
const call = (enqueue: unknown, action: unknown) => (enqueue as (a: unknown) => void)(action);

/** The daemon's generator is its own stream, so its draws never move another actor's. */
const DAEMON_STREAM = 0xd15c;

/** Most transfers one simulation keeps, so a long replay stays fast. */
export const MAX_TRANSFERS = 1000;

export interface DaemonContext {
  conditions: Conditions;
  app: AppStatus;
  limiter: { delayMs: number; readyAtMs: number };
  /** The daemon waits for the person to open the app before it wakes it again. */
  heldForUser: boolean;
  /** Finished tasks the app's code has not heard of, in the order they finished. */
  queue: FinishedTransfer[];
  /** Every task, in the order it was created; an active one is read from its actor. */
  records: TransferSummary[];
  active: { id: string; session: 'background' | 'default' }[];
  counters: { upload: number; download: number };
  completedInBackground: number;
  /** The seeded generator's state: the system's own choices are drawn from it. */
  rng: number;
}

export type DaemonEvent =
  | {
      type: 'session.create';
      kind: 'upload' | 'download';
      count: number;
      bytes: number;
      session: 'background' | 'default';
      fromBackground: boolean;
    }
  | { type: 'transfer.finished'; transfer: FinishedTransfer; summary: TransferSummary }
  | { type: 'app.status'; status: AppStatus }
  | { type: 'app.foreground' }
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'user.forceQuit' }
  | { type: 'system.reboot' }
  | { type: 'session.handlerTimedOut' };

const app = systemActor('app');

const wakeWanted = (c: DaemonContext) =>
  !c.heldForUser &&
  !c.conditions.forceQuit &&
  (c.app.state === 'suspended' || c.app.state === 'notRunning') &&
  !c.active.some((t) => t.session === 'background') &&
  c.queue.some((t) => t.session === 'background' && t.wakesApp);

export const transferDaemonMachine = setup({
  types: {
    context: {} as DaemonContext,
    events: {} as DaemonEvent,
    input: {} as { seed: number },
  },
  actors: { transfer: transferMachine },
  guards: {
    wakeWanted: ({ context }) => wakeWanted(context),
    appRunsCode: ({ context }) => runsCode(context.app.state),
  },
  actions: {
    note: (_, _params: { text: string }) => {},
    create: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'session.create') return;
      const counters = { ...context.counters };
      const records = [...context.records];
      const active = [...context.active];
      const background = event.session === 'background';
      const discretionary = background && event.fromBackground;
      const notBeforeMs = discretionary ? Math.max(now(), context.limiter.readyAtMs) : now();
      // On battery the system picks when to start discretionary work: one moment for the tasks
      // created together, drawn from the scenario's seed within timing.discretionaryStart.
      let startsAtMs = 0;
      if (discretionary) {
        const [wait, rng] = drawWithin(context.rng, timing.discretionaryStart.range);
        startsAtMs = now() + wait;
        enqueue.assign({ rng });
      }
      for (let i = 0; i < event.count; i += 1) {
        counters[event.kind] += 1;
        const id = `${event.kind}-${counters[event.kind]}`;
        records.push({
          id,
          kind: event.kind,
          state: 'running',
          bytesDone: 0,
          bytesTotal: event.bytes,
        });
        active.push({ id, session: event.session });
        enqueue.spawnChild('transfer', {
          id,
          input: {
            id,
            kind: event.kind,
            session: event.session,
            bytesTotal: event.bytes,
            notBeforeMs,
            discretionary,
            startsAtMs,
            conditions: context.conditions,
            app: context.app,
          },
        });
        call(enqueue, {
          type: 'note',
          params: {
            text: `${id} is created in the ${event.session} session${discretionary ? ` (discretionary: started from the background, so the system picks when it starts: on power, or on battery after ${formatDuration(startsAtMs - now())}; never in Low Power Mode)` : ''}.`,
            task: id,
          },
        });
      }
      enqueue.assign({ counters, records, active });
      call(enqueue, 'tellInProcess');
    }),
    finish: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'transfer.finished') return;
      const t = event.transfer;
      enqueue.assign({
        records: context.records.map((r) => (r.id === t.id ? event.summary : r)),
        active: context.active.filter((a) => a.id !== t.id),
        queue: t.silent ? context.queue : [...context.queue, t],
        completedInBackground:
          context.completedInBackground +
          (t.session === 'background' && t.state === 'completed' ? 1 : 0),
      });
      if (t.session === 'default') call(enqueue, 'tellInProcess');
      // A finished task's actor is done; stopping it keeps snapshots (and checkpoints) small.
      enqueue.stopChild(t.id);
    }),
    tellInProcess: enqueueActions(({ context, enqueue }) => {
      enqueue.sendTo(app, {
        type: 'session.inProcess',
        count: context.active.filter((a) => a.session === 'default').length,
      });
    }),
    /**
     * Tells the app's code every finished task it can hear now, then that it is done; after a
     * wake it says so even when nothing is left to tell.
     */
    deliver: enqueueActions(({ context, enqueue }, params: { afterWake: boolean }) => {
      if (!runsCode(context.app.state)) return;
      const ready = context.queue.filter(
        (t) => t.session === 'default' || context.app.sessionCreated,
      );
      if (!ready.length && !params.afterWake) return;
      for (const transfer of ready) enqueue.sendTo(app, { type: 'session.deliver', transfer });
      if (ready.length) enqueue.assign({ queue: context.queue.filter((t) => !ready.includes(t)) });
      enqueue.sendTo(app, {
        type: 'session.flushed',
        completedInBackground: context.completedInBackground,
      });
    }),
    forward: enqueueActions(({ context, enqueue, event }) => {
      for (const a of context.active) enqueue.sendTo(a.id, event);
    }),
    setApp: assign(({ event }) => (event.type === 'app.status' ? { app: event.status } : {})),
    setConditions: assign(({ event }) =>
      event.type === 'conditions.changed' ? { conditions: event.conditions } : {},
    ),
    cancelBackground: enqueueActions(({ context, enqueue }) => {
      for (const a of context.active) {
        if (a.session === 'background') enqueue.sendTo(a.id, { type: 'transfer.cancel' });
      }
    }),
    openedByPerson: enqueueActions(({ context, enqueue }) => {
      if (context.limiter.delayMs > 0 || context.limiter.readyAtMs > now()) {
        call(enqueue, {
          type: 'note',
          params: { text: 'Opening the app resets the resume rate limiter.' },
        });
      }
      enqueue.assign({ heldForUser: false, limiter: { delayMs: 0, readyAtMs: 0 } });
      for (const a of context.active) enqueue.sendTo(a.id, { type: 'rateLimiter.reset' });
    }),
    restarted: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ limiter: { delayMs: 0, readyAtMs: 0 } });
      if (context.active.some((a) => a.session === 'background')) {
        call(enqueue, {
          type: 'note',
          params: {
            text: 'Assumption: Apple does not document what a restart does to background transfers, nor whether the daemon may relaunch the app for them before the first unlock after the restart (until then, files with the default protection class cannot be read). This simulation lets them continue and relaunches the app when they finish, unlocked or not.',
          },
        });
      }
    }),
    holdForUser: assign({ heldForUser: true }),
    wakeApp: enqueueActions(({ context, enqueue }) => {
      // The delay doubles when this wake comes from work the limiter held back (a task created
      // before its delay ran out); a delay that elapsed with nothing waiting starts over.
      const { delayMs, readyAtMs } = context.limiter;
      const doubled =
        delayMs > 0 &&
        context.queue.some(
          (t) => t.session === 'background' && t.wakesApp && t.createdAtMs < readyAtMs,
        );
      const delay = doubled ? delayMs * 2 : timing.resumeRateLimiterFirstDelay.ms;
      enqueue.assign({ limiter: { delayMs: delay, readyAtMs: now() + delay } });
      call(enqueue, {
        type: 'note',
        params: {
          text: `Every transfer in the session is done: the daemon wakes the app. The resume rate limiter now holds tasks the app creates in the background for ${formatDuration(delay)}.`,
        },
      });
      enqueue.sendTo(app, { type: 'session.wake' });
    }),
  },
}).createMachine({
  id: 'transferDaemon',
  context: ({ input }) => ({
    conditions: INITIAL_CONDITIONS,
    app: INITIAL_APP_STATUS,
    limiter: { delayMs: 0, readyAtMs: 0 },
    heldForUser: false,
    queue: [],
    records: [],
    active: [],
    counters: { upload: 0, download: 0 },
    completedInBackground: 0,
    rng: input.seed ^ DAEMON_STREAM,
  }),
  on: {
    'session.create': { actions: 'create' },
    'transfer.finished': { actions: ['finish', { type: 'deliver', params: { afterWake: false } }] },
    'app.status': {
      actions: ['setApp', 'forward', { type: 'deliver', params: { afterWake: false } }],
    },
    'app.foreground': { actions: 'openedByPerson' },
    'conditions.changed': { actions: ['setConditions', 'forward'] },
    'user.forceQuit': { actions: 'cancelBackground' },
    'system.reboot': { actions: 'restarted' },
    'session.handlerTimedOut': { actions: 'holdForUser' },
  },
  initial: 'idle',
  states: {
    idle: {
      description: 'Nothing to tell a suspended or terminated app.',
      always: {
        guard: 'wakeWanted',
        target: 'waking',
        actions: 'wakeApp',
        description:
          'Every task of the background session is done: the daemon wakes the app in the background.',
      },
    },
    waking: {
      description: 'The daemon has woken the app and waits for it to run.',
      on: {
        'app.status': {
          guard: 'appRunsCode',
          target: 'idle',
          actions: ['setApp', 'forward', { type: 'deliver', params: { afterWake: true } }],
        },
      },
    },
  },
});
