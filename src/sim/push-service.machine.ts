/**
 * Push service machine: Apple's push service delivering silent (content-available) pushes.
 *
 * A silent push wakes a suspended app, or launches a terminated one, in the background, and the
 * app's handler application(_:didReceiveRemoteNotification:fetchCompletionHandler:) runs. An app
 * in the foreground gets the push at once. Background wakes are low priority and throttled:
 * at most WAKES_PER_WINDOW in timing.silentPushBudgetWindow (Apple: "don't try to send more
 * than two or three per hour"); while the budget is spent, or while Background App Refresh is
 * off or Low Power Mode is on (which turns it off), the system holds the push instead of waking
 * the app. It keeps only the newest held push and delivers it some time after the budget
 * returns (a moment drawn from the scenario's seed within timing.heldPushDelay), or at once when
 * the person opens the app; it discards it when the app is force-quit or killed.
 * After a force quit, pushes are discarded until the person opens the app again (or restarts
 * the device).
 *
 * States: ready | holding (one push held back) | blocked.
 *
 * Events: push.silent, conditions.changed, app.status.
 *
 * Used by: the silent push guide and the force-quit pitfall.
 */
import { and, assign, not, sendTo, setup } from 'xstate';
import { now } from './clock.ts';
import { INITIAL_APP_STATUS, INITIAL_CONDITIONS, inForeground } from './messages.ts';
import type { AppStatus, Conditions } from './messages.ts';
import { drawWithin } from './random.ts';
import { systemActor } from './system-actor.ts';
import { timing } from './timing.ts';

/**
 * Background wakes per budget window. Modelled: Apple gives no number beyond "don't try to send
 * more than two or three per hour"
 * (https://developer.apple.com/documentation/usernotifications/pushing-background-updates-to-your-app).
 */
export const WAKES_PER_WINDOW = 2;

export interface PushContext {
  conditions: Conditions;
  app: AppStatus;
  /** When the app was woken in the background for a push, within the current window. */
  wakes: number[];
  /** The moment the system chose to deliver the push it holds for the budget (0: none chosen). */
  heldUntilMs: number;
  /** The seeded generator's state: the system's own choices are drawn from it. */
  rng: number;
}

export type PushServiceEvent =
  | { type: 'push.silent' }
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'app.status'; status: AppStatus };

const app = systemActor('app');

const recent = (c: PushContext) =>
  c.wakes.filter((at) => at + timing.silentPushBudgetWindow.ms > now());

/** When the oldest wake in the window leaves it, and the budget has room again. */
const budgetReturnsAt = (c: PushContext) => {
  const oldest = recent(c)[0];
  return oldest === undefined ? now() : oldest + timing.silentPushBudgetWindow.ms;
};

/** The push's generator is its own stream, so a push draw never moves the scheduler's. */
const PUSH_STREAM = 0x5eed;

export const pushServiceMachine = setup({
  types: {
    context: {} as PushContext,
    events: {} as PushServiceEvent,
    input: {} as { seed: number },
  },
  delays: {
    /** Until the moment the system chose, once the budget has room again. */
    heldPushDelay: ({ context }) =>
      Math.max(0, Math.max(budgetReturnsAt(context), context.heldUntilMs) - now()),
  },
  guards: {
    forceQuit: ({ context }) => context.conditions.forceQuit,
    openedAgain: ({ context }) => !context.conditions.forceQuit,
    appInForeground: ({ context }) => inForeground(context.app.state),
    backgroundDeliveryOff: ({ context }) =>
      !context.conditions.backgroundAppRefresh || context.conditions.lowPower,
    budgetSpent: ({ context }) => recent(context).length >= WAKES_PER_WINDOW,
    chosenMomentCome: ({ context }) => now() >= context.heldUntilMs,
    appKilled: ({ context, event }) =>
      event.type === 'app.status' &&
      event.status.state === 'notRunning' &&
      context.app.state !== 'notRunning',
  },
  actions: {
    note: (_, _params: { text: string }) => {},
    deliver: sendTo(app, { type: 'push.deliver' }),
    recordWake: assign(({ context }) => ({ wakes: [...recent(context), now()] })),
    /**
     * A throttled push arrives when the system decides: a draw from the scenario's seed within
     * timing.heldPushDelay's range (modelled), after the budget has room again.
     */
    chooseDeliveryMoment: assign(({ context }) => {
      const [delay, rng] = drawWithin(context.rng, timing.heldPushDelay.range);
      return { rng, heldUntilMs: budgetReturnsAt(context) + delay };
    }),
    forgetHeld: assign({ heldUntilMs: 0 }),
    setConditions: assign(({ event }) =>
      event.type === 'conditions.changed' ? { conditions: event.conditions } : {},
    ),
    setApp: assign(({ event }) => (event.type === 'app.status' ? { app: event.status } : {})),
  },
}).createMachine({
  id: 'push',
  context: ({ input }) => ({
    conditions: INITIAL_CONDITIONS,
    app: INITIAL_APP_STATUS,
    wakes: [],
    heldUntilMs: 0,
    rng: input.seed ^ PUSH_STREAM,
  }),
  on: {
    'conditions.changed': { actions: 'setConditions' },
    'app.status': { actions: 'setApp' },
  },
  initial: 'ready',
  states: {
    ready: {
      always: { guard: 'forceQuit', target: 'blocked' },
      on: {
        'push.silent': [
          {
            guard: 'appInForeground',
            actions: 'deliver',
            description: 'The app is in the foreground: the push goes straight to its handler.',
          },
          {
            guard: 'backgroundDeliveryOff',
            target: 'holding',
            actions: {
              type: 'note',
              params: {
                text: 'The system holds the push: with Background App Refresh off (Low Power Mode turns it off too), no push wakes the app in the background.',
              },
            },
            description:
              'Background App Refresh is off or Low Power Mode is on: the push waits instead of waking the app.',
          },
          {
            guard: 'budgetSpent',
            target: 'holding',
            actions: [
              'chooseDeliveryMoment',
              {
                type: 'note',
                params: {
                  text: 'The system holds the push: the app has had its background wakes for now (Apple: send no more than two or three an hour). It will deliver it some time after the budget has room again.',
                },
              },
            ],
            description: 'The app’s silent-push budget is spent: the push waits for it to return.',
          },
          {
            actions: ['recordWake', 'deliver'],
            description: 'The push service wakes or launches the app for it.',
          },
        ],
      },
    },
    holding: {
      description: 'One push is held back; only the newest is kept.',
      exit: 'forgetHeld',
      always: [
        {
          guard: 'forceQuit',
          target: 'blocked',
          actions: {
            type: 'note',
            params: { text: 'The held push is discarded: the app was force-quit.' },
          },
        },
        {
          guard: 'appInForeground',
          target: 'ready',
          actions: 'deliver',
          description: 'The person opened the app: the system delivers the held push at once.',
        },
        {
          guard: and([not('backgroundDeliveryOff'), not('budgetSpent'), 'chosenMomentCome']),
          target: 'ready',
          actions: ['recordWake', 'deliver'],
          description:
            'Background App Refresh is available again and the budget has room: the system delivers the held push.',
        },
      ],
      after: {
        heldPushDelay: {
          guard: not('backgroundDeliveryOff'),
          target: 'ready',
          actions: ['recordWake', 'deliver'],
          description:
            'The budget has room again and the moment the system chose has come: it delivers the held push.',
        },
      },
      on: {
        'push.silent': [
          {
            guard: 'backgroundDeliveryOff',
            actions: {
              type: 'note',
              params: {
                text: 'The system holds this push in place of the one it held before (it keeps only the newest); Background App Refresh is still off.',
              },
            },
            description: 'The newest push replaces the held one, which is dropped.',
          },
          {
            actions: {
              type: 'note',
              params: {
                text: 'The system holds this push in place of the one it held before (it keeps only the newest); the budget is still spent.',
              },
            },
            description: 'The newest push replaces the held one, which is dropped.',
          },
        ],
        'app.status': [
          {
            guard: 'appKilled',
            target: 'ready',
            actions: [
              'setApp',
              {
                type: 'note',
                params: { text: 'The held push is discarded: the system killed the app.' },
              },
            ],
            description: 'The app was killed: the system discards the push it held.',
          },
          { actions: 'setApp' },
        ],
      },
    },
    blocked: {
      description: 'The app was force-quit: pushes are discarded until the person opens it.',
      always: { guard: 'openedAgain', target: 'ready' },
      on: {
        'push.silent': {
          actions: {
            type: 'note',
            params: {
              text: 'The push is discarded: the app was force-quit and gets no pushes until the person opens it.',
            },
          },
        },
      },
    },
  },
});
