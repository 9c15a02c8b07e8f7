/**
 * Push service machine: Apple's push service delivering silent (content-available) pushes.
 *
 * A silent push wakes a suspended app, or launches a terminated one, in the background for
 * about timing.silentPushRuntime via application(_:didReceiveRemoteNotification:
 * fetchCompletionHandler:). After the person force-quits the app, pushes are discarded until
 * they open it again (or restart the device).
 *
 * States:
 *   ready       pushes are delivered
 *   delivering  the app is handling a push and has not called the fetch completion handler
 *   blocked     the app was force-quit: pushes are discarded
 *
 * Events: push.deliver, push.completed, app.exited, app.forceQuit, app.openedByUser,
 *   system.reboot.
 *
 * Used by: the silent push guide and the force-quit pitfall.
 */
import { setup } from 'xstate';

export type PushServiceEvent =
  | { type: 'push.deliver' }
  | { type: 'push.completed' }
  | { type: 'app.exited' }
  | { type: 'app.forceQuit' }
  | { type: 'app.openedByUser' }
  | { type: 'system.reboot' };

export const pushServiceMachine = setup({
  types: {
    events: {} as PushServiceEvent,
  },
}).createMachine({
  id: 'push',
  initial: 'ready',
  states: {
    ready: {
      on: { 'push.deliver': 'delivering', 'app.forceQuit': 'blocked' },
    },
    delivering: {
      on: {
        'push.completed': 'ready',
        'app.exited': 'ready',
        'app.forceQuit': 'blocked',
      },
    },
    blocked: {
      on: { 'app.openedByUser': 'ready', 'system.reboot': 'ready' },
    },
  },
});
