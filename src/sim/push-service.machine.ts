/**
 * Push service machine: Apple's push service delivering silent (content-available) pushes.
 *
 * A silent push wakes a suspended app, or launches a terminated one, in the background, and the
 * app's handler application(_:didReceiveRemoteNotification:fetchCompletionHandler:) runs. After
 * the person force-quits the app, pushes are discarded until they open it again (or restart the
 * device).
 *
 * States: ready | delivering | blocked.
 *
 * Events: push.silent, push.completed, conditions.changed, app.status.
 *
 * Used by: the silent push guide and the force-quit pitfall.
 */
import { assign, sendTo, setup } from 'xstate';
import type { AnyActorRef } from 'xstate';
import { INITIAL_CONDITIONS } from './messages.ts';
import type { AppStatus, Conditions } from './messages.ts';

export interface PushContext {
  conditions: Conditions;
}

export type PushServiceEvent =
  | { type: 'push.silent' }
  | { type: 'push.completed' }
  | { type: 'conditions.changed'; conditions: Conditions }
  | { type: 'app.status'; status: AppStatus };

type System = { get: (id: string) => AnyActorRef | undefined };
const app = ({ system }: { system: System }) => system.get('app') as AnyActorRef;

export const pushServiceMachine = setup({
  types: {
    context: {} as PushContext,
    events: {} as PushServiceEvent,
  },
  guards: {
    forceQuit: ({ context }) => context.conditions.forceQuit,
    openedAgain: ({ context }) => !context.conditions.forceQuit,
  },
  actions: {
    note: (_, _params: { text: string }) => {},
    deliver: sendTo(app, { type: 'push.deliver' }),
    setConditions: assign(({ event }) =>
      event.type === 'conditions.changed' ? { conditions: event.conditions } : {},
    ),
  },
}).createMachine({
  id: 'push',
  context: { conditions: INITIAL_CONDITIONS },
  on: { 'conditions.changed': { actions: 'setConditions' } },
  initial: 'ready',
  states: {
    ready: {
      always: { guard: 'forceQuit', target: 'blocked' },
      on: {
        'push.silent': {
          target: 'delivering',
          actions: 'deliver',
          description: 'The push service wakes or launches the app for it.',
        },
      },
    },
    delivering: {
      always: { guard: 'forceQuit', target: 'blocked' },
      on: {
        'push.silent': { actions: 'deliver' },
        'push.completed': 'ready',
        'app.status': {
          guard: ({ event }) => event.status.state === 'notRunning',
          target: 'ready',
        },
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
