/**
 * Transfer machine: one URLSessionTask (an upload or a download), spawned by the transfer daemon.
 *
 * A task in a background session moves bytes in the daemon whatever the app does: it waits while
 * the device is offline, while the resume rate limiter holds work the app started from the
 * background, and, when it is discretionary (started from the background), until the device is
 * charging and out of Low Power Mode, or on battery until the moment the system picked for it
 * (drawn by the daemon from the scenario's seed within timing.discretionaryStart). A task in a default session lives in the app's process:
 * it stops while the app is suspended, fails at once when offline, times out when it stood still
 * longer than timing.requestTimeout, and dies with the process. Every task fails when
 * timing.resourceTimeout has passed since it was created. Moving a megabyte takes
 * timing.transferMegabyte.
 *
 * States: active (starting | running | waiting.forApp | waiting.forConnectivity |
 *   waiting.forRateLimiter | waiting.forPower), completed, failed, cancelled.
 *
 * Events: conditions.changed, app.status, rateLimiter.reset, transfer.cancel.
 * Tells its daemon: transfer.finished {transfer, summary}.
 *
 * Used by: the background URLSession guide, the force-quit and relaunch playgrounds.
 */
import { assign, sendParent, setup } from 'xstate';
import { now } from './clock.ts';
import { INITIAL_APP_STATUS, runsCode } from './messages.ts';
import type { AppStatus, Conditions, FinishedTransfer } from './messages.ts';
import { formatDuration, timing } from './timing.ts';
import type { TransferSummary } from './types.ts';

const MB = 1_000_000;
const BYTES_PER_MS = MB / timing.transferMegabyte.ms;

export interface TransferInput {
  id: string;
  kind: 'upload' | 'download';
  session: 'background' | 'default';
  bytesTotal: number;
  notBeforeMs: number;
  discretionary: boolean;
  /** When the system would start a discretionary task on battery (0 for others). */
  startsAtMs: number;
  conditions: Conditions;
  app: AppStatus;
}

export interface TransferContext extends TransferInput {
  bytesDone: number;
  /** When the task last started moving bytes. */
  sinceMs: number;
  createdAtMs: number;
  suspendedAtMs: number;
  error?: string;
  wakesApp: boolean;
}

export type TransferEvent =
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'app.status'; status: AppStatus }
  | { type: 'rateLimiter.reset' }
  | { type: 'transfer.cancel' };

export type WaitReason = 'app' | 'connectivity' | 'rateLimiter' | 'power';

/** Why the task cannot move bytes now, or null when it can. */
export function waitReason(c: TransferContext, atMs: number): WaitReason | null {
  if (c.session === 'default') return runsCode(c.app.state) ? null : 'app';
  if (!c.conditions.online) return 'connectivity';
  if (atMs < c.notBeforeMs) return 'rateLimiter';
  // Low Power Mode pauses discretionary work; on battery the system may still start it, later.
  if (c.discretionary && c.conditions.lowPower) return 'power';
  if (c.discretionary && !c.conditions.charging && atMs < c.startsAtMs) return 'power';
  return null;
}

export const WAIT_TEXT: Record<WaitReason, string> = {
  app: 'the app to run again (a default session stops while the app is suspended)',
  connectivity: 'connectivity',
  rateLimiter: 'the resume rate limiter',
  power: 'good conditions (discretionary: power, or the moment the system picks)',
};

/** Bytes done at `atMs`, counting the stretch the task has been running. */
export function bytesDoneAt(c: TransferContext, running: boolean, atMs: number): number {
  if (!running) return c.bytesDone;
  return Math.min(c.bytesTotal, c.bytesDone + Math.floor((atMs - c.sinceMs) * BYTES_PER_MS));
}

const failsOffline = (c: TransferContext) =>
  c.session === 'default' && runsCode(c.app.state) && !c.conditions.online;

type Target =
  | 'running'
  | 'waiting.forApp'
  | 'waiting.forConnectivity'
  | 'waiting.forRateLimiter'
  | 'waiting.forPower';

const REASON: Record<Target, WaitReason | null> = {
  running: null,
  'waiting.forApp': 'app',
  'waiting.forConnectivity': 'connectivity',
  'waiting.forRateLimiter': 'rateLimiter',
  'waiting.forPower': 'power',
};

const FAILS_OFFLINE = {
  guard: 'failsOffline' as const,
  target: '#transfer.failed',
  actions: {
    type: 'fail' as const,
    params: {
      error:
        'NSURLErrorNotConnectedToInternet (-1009): a default session fails at once when offline',
    },
  },
  description: 'A default session fails at once when the device is offline.',
};

/** Eventless transitions that move a task on to the first of `targets` its conditions allow. */
const reroute = (targets: Target[]) =>
  targets.map((target) => ({
    guard: { type: 'waitsFor' as const, params: { reason: REASON[target] } },
    target: `#transfer.active.${target}`,
  }));

/*
 * Where each state can go. A default session's task waits only for the app (it fails offline); a
 * background session's waits for connectivity, the rate limiter or power. Going offline moves a
 * task on at once, and a task past the rate limiter never goes back to it.
 */
const DEFAULT_SESSION_WAITS: Target[] = ['waiting.forApp'];
const BACKGROUND_SESSION_WAITS: Target[] = [
  'waiting.forConnectivity',
  'waiting.forRateLimiter',
  'waiting.forPower',
];

const summaryOf = (c: TransferContext, state: TransferSummary['state']): TransferSummary => ({
  id: c.id,
  kind: c.kind,
  state,
  bytesDone: c.bytesDone,
  bytesTotal: c.bytesTotal,
  ...(c.error ? { error: c.error } : {}),
});

const finished = (state: FinishedTransfer['state'], silent: boolean) =>
  sendParent(({ context }: { context: TransferContext }) => ({
    type: 'transfer.finished',
    transfer: {
      id: context.id,
      kind: context.kind,
      session: context.session,
      state,
      ...(context.error ? { error: context.error } : {}),
      createdAtMs: context.createdAtMs,
      wakesApp: context.wakesApp && state !== 'cancelled',
      silent,
    } satisfies FinishedTransfer,
    summary: summaryOf(context, state),
  })) as never;

export const transferMachine = setup({
  types: {
    context: {} as TransferContext,
    events: {} as TransferEvent,
    input: {} as TransferInput,
  },
  delays: {
    transferMegabyte: ({ context }) =>
      Math.max(1, Math.ceil((context.bytesTotal - context.bytesDone) / BYTES_PER_MS)),
    resourceTimeout: ({ context }) =>
      Math.max(0, context.createdAtMs + timing.resourceTimeout.ms - now()),
    /** Until the rate limiter lets the task start (its delay doubles with each wake). */
    resumeRateLimiter: ({ context }) => Math.max(0, context.notBeforeMs - now()),
    /** Until the moment the system picked to start a discretionary task on battery. */
    discretionaryStart: ({ context }) => Math.max(0, context.startsAtMs - now()),
  },
  guards: {
    failsOffline: ({ context }) => failsOffline(context),
    waitsFor: ({ context }, params: { reason: WaitReason | null }) =>
      !failsOffline(context) && waitReason(context, now()) === params.reason,
    defaultSession: ({ context }) => context.session === 'default',
    backgroundSession: ({ context }) => context.session === 'background',
    processEnded: ({ context, event }) =>
      context.session === 'default' &&
      event.type === 'app.status' &&
      event.status.state === 'notRunning',
    stoodStillTooLong: ({ context, event }) =>
      context.session === 'default' &&
      event.type === 'app.status' &&
      context.app.state === 'suspended' &&
      runsCode(event.status.state) &&
      now() - context.suspendedAtMs >= timing.requestTimeout.ms,
  },
  actions: {
    startMoving: assign({ sinceMs: () => now() }),
    countBytes: assign(({ context }) => ({ bytesDone: bytesDoneAt(context, true, now()) })),
    allBytes: assign(({ context }) => ({ bytesDone: context.bytesTotal })),
    fail: assign((_, params: { error: string }) => ({ error: params.error })),
    timedOutWhileSuspended: assign(({ context }) => {
      const stalled = now() - context.suspendedAtMs;
      return {
        error: `NSURLErrorTimedOut (-1001): no data for ${formatDuration(stalled)} while the app was suspended, past timeoutIntervalForRequest (${formatDuration(timing.requestTimeout.ms)})`,
      };
    }),
    setConditions: assign(({ event }) =>
      event.type === 'conditions.changed' ? { conditions: event.conditions } : {},
    ),
    setApp: assign(({ context, event }) => {
      if (event.type !== 'app.status') return {};
      const suspendedAtMs =
        event.status.state === 'suspended' && context.app.state !== 'suspended'
          ? now()
          : context.suspendedAtMs;
      return { app: event.status, suspendedAtMs };
    }),
    resetRateLimiter: assign(({ context }) => ({
      notBeforeMs: Math.min(context.notBeforeMs, now()),
    })),
    reportCompleted: finished('completed', false),
    reportFailed: finished('failed', false),
    reportLost: finished('failed', true),
    reportCancelled: finished('cancelled', false),
  },
}).createMachine({
  id: 'transfer',
  context: ({ input }) => ({
    ...input,
    bytesDone: 0,
    sinceMs: now(),
    createdAtMs: now(),
    suspendedAtMs: 0,
    wakesApp: input.session === 'background',
    app: input.app ?? INITIAL_APP_STATUS,
  }),
  initial: 'active',
  states: {
    active: {
      initial: 'starting',
      on: {
        'conditions.changed': { actions: 'setConditions' },
        'app.status': [
          {
            guard: 'processEnded',
            target: 'lost',
            actions: [
              'setApp',
              {
                type: 'fail',
                params: { error: 'lost: the default session died with the app’s process' },
              },
            ],
            description: 'A default session’s task dies with the app’s process.',
          },
          {
            guard: 'stoodStillTooLong',
            target: 'failed',
            actions: ['timedOutWhileSuspended', 'setApp'],
            description:
              'The default session’s request stood still longer than timeoutIntervalForRequest while the app was suspended.',
          },
          { actions: 'setApp' },
        ],
        'rateLimiter.reset': { actions: 'resetRateLimiter' },
        'transfer.cancel': {
          guard: 'backgroundSession',
          target: 'cancelled',
          actions: {
            type: 'fail',
            params: { error: 'NSURLErrorCancelled (-999), reason userForceQuitApplication' },
          },
          description:
            'A force quit cancels the background session’s tasks (userForceQuitApplication).',
        },
      },
      after: {
        resourceTimeout: {
          target: 'failed',
          actions: {
            type: 'fail',
            params: {
              error: `NSURLErrorTimedOut (-1001): timeoutIntervalForResource (${formatDuration(timing.resourceTimeout.ms)}) passed`,
            },
          },
          description: 'timeoutIntervalForResource has passed: the task fails.',
        },
      },
      states: {
        // The app creates a task only while it runs code, so a new task never waits for it.
        starting: { always: [FAILS_OFFLINE, ...reroute(['running', ...BACKGROUND_SESSION_WAITS])] },
        running: {
          entry: 'startMoving',
          exit: 'countBytes',
          always: [
            FAILS_OFFLINE,
            ...reroute([...DEFAULT_SESSION_WAITS, 'waiting.forConnectivity', 'waiting.forPower']),
          ],
          after: {
            transferMegabyte: {
              target: '#transfer.completed',
              description: 'The last byte has moved: the task completes.',
            },
          },
        },
        waiting: {
          initial: 'forApp',
          states: {
            forApp: { always: [FAILS_OFFLINE, ...reroute(['running'])] },
            forConnectivity: {
              always: reroute(['running', 'waiting.forRateLimiter', 'waiting.forPower']),
            },
            forRateLimiter: {
              always: reroute(['running', 'waiting.forConnectivity', 'waiting.forPower']),
              after: { resumeRateLimiter: reroute(['running', 'waiting.forPower']) },
            },
            forPower: {
              always: reroute(['running', 'waiting.forConnectivity']),
              after: {
                discretionaryStart: {
                  ...reroute(['running'])[0]!,
                  description:
                    'The moment the system picked has come: it starts the discretionary task on battery.',
                },
              },
            },
          },
        },
      },
    },
    completed: { type: 'final', entry: ['allBytes', 'reportCompleted'] },
    failed: { type: 'final', entry: 'reportFailed' },
    lost: { type: 'final', entry: 'reportLost' },
    cancelled: { type: 'final', entry: 'reportCancelled' },
  },
});
