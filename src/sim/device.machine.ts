/**
 * Device machine: the iPhone the person holds, and the conditions every daemon reads.
 *
 * It owns the screen (Home Screen, the app, the app switcher, the lock screen), the network,
 * power, the Low Power Mode and Background App Refresh switches, whether Xcode's debugger is
 * attached, and how long the device has sat locked. Moving between screens tells the app
 * process what its scene does (resign active, enter the background, come to the foreground);
 * a change of conditions is told by `conditions.changed` to each of the app, the transfer
 * daemon, the scheduler and the push service that reads what changed.
 *
 * States (parallel regions):
 *   screen: home | app | switcher | lock
 *   lock: unlocked | locked.recently | locked.idle (idle after timing.processingIdleAfterLock)
 *   network: online | offline        power: battery | charging
 *   lowPowerMode: off | on           backgroundAppRefresh: on | off
 *   debugger: detached | attached
 *
 * Events: user.openApp, user.goHome, user.openAppSwitcher, user.forceQuit, user.lockDevice,
 *   user.unlockDevice, system.reboot, network.offline, network.online, power.connect,
 *   power.disconnect, settings.lowPowerMode {on}, settings.backgroundAppRefresh {on},
 *   debugger.attach, debugger.detach; from the app: app.exited.
 *
 * Used by: every playground (the phone frame), the lifecycle and debugging guides.
 */
import { assign, enqueueActions, sendTo, setup } from 'xstate';
import { CONDITIONS_READ, INITIAL_CONDITIONS } from './messages.ts';
import type { Conditions, Facts } from './messages.ts';
import { systemActor } from './system-actor.ts';
import { timing } from './timing.ts';

export interface DeviceContext {
  conditions: Conditions;
  /** Unlocking returns to the app (it was on screen when the device was locked). */
  returnToApp: boolean;
  /** The app has a card in the app switcher. */
  card: boolean;
}

export type DeviceEvent =
  | { type: 'user.openApp' }
  | { type: 'user.goHome' }
  | { type: 'user.openAppSwitcher' }
  | { type: 'user.forceQuit' }
  | { type: 'user.lockDevice' }
  | { type: 'user.unlockDevice' }
  | { type: 'system.reboot' }
  | { type: 'network.offline' }
  | { type: 'network.online' }
  | { type: 'power.connect' }
  | { type: 'power.disconnect' }
  | { type: 'settings.lowPowerMode'; on: boolean }
  | { type: 'settings.backgroundAppRefresh'; on: boolean }
  | { type: 'debugger.attach' }
  | { type: 'debugger.detach' }
  | { type: 'app.exited' };

/** The device's `change` action with the conditions it sets. */
const change = (conditions: Partial<Conditions>) => ({
  type: 'change' as const,
  params: conditions,
});

export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    events: {} as DeviceEvent,
  },
  delays: {
    processingIdleAfterLock: timing.processingIdleAfterLock.ms,
  },
  guards: {
    returnsToApp: ({ context }) => context.returnToApp,
    turnsOn: ({ event }) => 'on' in event && event.on === true,
    turnsOff: ({ event }) => 'on' in event && event.on === false,
  },
  actions: {
    /** Changes conditions, and tells each listener that reads one of those that moved. */
    change: enqueueActions(({ context, enqueue }, changes: Partial<Conditions>) => {
      const was = context.conditions;
      const conditions = { ...was, ...changes };
      const moved = (key: keyof Conditions) => conditions[key] !== was[key];
      if (!(Object.keys(changes) as (keyof Conditions)[]).some(moved)) return;
      enqueue.assign({ conditions });
      for (const [id, reads] of Object.entries(CONDITIONS_READ)) {
        if (!reads.some(moved)) continue;
        enqueue.sendTo(systemActor(id), { type: 'conditions.changed', conditions });
      }
    }),
    rememberApp: assign({ returnToApp: true }),
    forgetApp: assign({ returnToApp: false }),
    showCard: enqueueActions(({ context, enqueue }) => {
      if (!context.card) enqueue.assign({ card: true });
    }),
    sceneToForeground: sendTo(systemActor('app'), { type: 'scene.foreground' }),
    sceneResignsActive: sendTo(systemActor('app'), { type: 'scene.resignActive' }),
    sceneToBackground: sendTo(systemActor('app'), { type: 'scene.background' }),
    removeCard: assign({ card: false }),
    // The scheduler hears first: it cancels a continued-processing task before the process ends.
    tellForceQuit: enqueueActions(({ enqueue }) => {
      for (const id of ['scheduler', 'app', 'transferDaemon'] as const) {
        enqueue.sendTo(systemActor(id), { type: 'user.forceQuit' });
      }
    }),
    tellReboot: enqueueActions(({ enqueue }) => {
      for (const id of ['app', 'transferDaemon', 'scheduler'] as const) {
        enqueue.sendTo(systemActor(id), { type: 'system.reboot' });
      }
    }),
  },
}).createMachine({
  id: 'device',
  type: 'parallel',
  context: {
    conditions: INITIAL_CONDITIONS,
    returnToApp: false,
    card: false,
  },
  states: {
    screen: {
      initial: 'home',
      states: {
        home: {
          on: {
            'user.openApp': {
              target: 'app',
              description: 'The app’s scene comes to the foreground.',
            },
            'user.openAppSwitcher': 'switcher',
            'user.lockDevice': { target: 'lock', actions: 'forgetApp' },
          },
        },
        app: {
          entry: ['showCard', change({ forceQuit: false }), 'sceneToForeground'],
          on: {
            'user.goHome': {
              target: 'home',
              actions: ['sceneResignsActive', 'sceneToBackground'],
              description: 'The app’s scene resigns active and enters the background.',
            },
            'user.openAppSwitcher': { target: 'switcher', actions: 'sceneResignsActive' },
            'user.lockDevice': {
              target: 'lock',
              actions: ['rememberApp', 'sceneResignsActive', 'sceneToBackground'],
            },
            'app.exited': {
              target: 'home',
              description: 'The app’s process ended while it was on screen: the Home Screen shows.',
            },
          },
        },
        switcher: {
          on: {
            'user.openApp': 'app',
            'user.goHome': { target: 'home', actions: 'sceneToBackground' },
            'user.lockDevice': { target: 'lock', actions: ['forgetApp', 'sceneToBackground'] },
            'user.forceQuit': {
              actions: ['removeCard', change({ forceQuit: true }), 'tellForceQuit'],
              description:
                'The system ends the app and holds its background work until you open it again.',
            },
          },
        },
        lock: {
          on: {
            'user.unlockDevice': [{ guard: 'returnsToApp', target: 'app' }, { target: 'home' }],
          },
        },
      },
      on: {
        'system.reboot': {
          target: '.lock',
          actions: ['tellReboot', 'forgetApp'],
          description: 'The app’s process ends and the lock screen shows.',
        },
      },
    },
    lock: {
      initial: 'unlocked',
      states: {
        unlocked: {
          on: {
            'user.lockDevice': {
              target: 'locked',
              actions: change({ locked: true, idle: false }),
              description: 'Locked: left like this, the device will count as idle.',
            },
          },
        },
        locked: {
          initial: 'recently',
          states: {
            recently: {
              after: {
                processingIdleAfterLock: {
                  target: 'idle',
                  actions: change({ idle: true }),
                  description: 'The device has sat locked long enough to count as idle.',
                },
              },
            },
            idle: {},
          },
          on: {
            'user.unlockDevice': {
              target: 'unlocked',
              actions: change({ locked: false, idle: false }),
              description: 'Unlocked: the person is using the device again.',
            },
            'power.connect': {
              target: 'locked',
              reenter: true,
              actions: change({ idle: false }),
              description:
                'Plugged in while locked: the idle time counts from the later of lock and power.',
            },
          },
        },
      },
      on: {
        // A restart also ends the force quit's hold on the app's background work.
        'system.reboot': {
          target: '.locked',
          reenter: true,
          actions: change({ locked: true, idle: false, forceQuit: false }),
        },
      },
    },
    network: {
      initial: 'online',
      states: {
        online: {
          on: {
            'network.offline': {
              target: 'offline',
              actions: change({ online: false }),
              description:
                'With no network, a background session’s tasks wait for connectivity; a default session’s fail while the app runs.',
            },
          },
        },
        offline: {
          on: {
            'network.online': {
              target: 'online',
              actions: change({ online: true }),
              description: 'With the network back, tasks that waited for connectivity move again.',
            },
          },
        },
      },
    },
    power: {
      initial: 'battery',
      states: {
        battery: {
          on: {
            'power.connect': {
              target: 'charging',
              actions: change({ charging: true }),
              description:
                'On power, the work that waits for it may start: discretionary transfers and processing tasks.',
            },
          },
        },
        charging: {
          on: {
            'power.disconnect': {
              target: 'battery',
              actions: change({ charging: false }),
              description:
                'On battery, processing tasks wait for power again, and a discretionary transfer waits for the moment the system picks.',
            },
          },
        },
      },
    },
    lowPowerMode: {
      initial: 'off',
      states: {
        off: {
          on: {
            'settings.lowPowerMode': {
              guard: 'turnsOn',
              target: 'on',
              actions: change({ lowPower: true }),
              description:
                'In Low Power Mode the system holds app refresh, processing, silent pushes and discretionary transfers.',
            },
          },
        },
        on: {
          on: {
            'settings.lowPowerMode': {
              guard: 'turnsOff',
              target: 'off',
              actions: change({ lowPower: false }),
              description: 'Out of Low Power Mode, the background work it held may run again.',
            },
          },
        },
      },
    },
    backgroundAppRefresh: {
      initial: 'on',
      states: {
        on: {
          on: {
            'settings.backgroundAppRefresh': {
              guard: 'turnsOff',
              target: 'off',
              actions: change({ backgroundAppRefresh: false }),
              description:
                'With Background App Refresh off, refresh and processing tasks do not run and silent pushes wait.',
            },
          },
        },
        off: {
          on: {
            'settings.backgroundAppRefresh': {
              guard: 'turnsOn',
              target: 'on',
              actions: change({ backgroundAppRefresh: true }),
              description:
                'With Background App Refresh on, held refresh, processing and silent pushes may run again.',
            },
          },
        },
      },
    },
    debugger: {
      initial: 'detached',
      states: {
        detached: {
          on: {
            'debugger.attach': {
              target: 'attached',
              actions: change({ debugger: true }),
              description: 'While it stays attached, the app is not suspended.',
            },
          },
        },
        attached: {
          on: {
            'debugger.detach': {
              target: 'detached',
              actions: change({ debugger: false }),
              description: 'Without the debugger, the system may suspend the app again.',
            },
            'app.exited': { target: 'detached', actions: change({ debugger: false }) },
            'system.reboot': { target: 'detached', actions: change({ debugger: false }) },
          },
        },
      },
    },
  },
});

/** Why the person cannot do this now, or null (the reason a disabled button shows). */
export function deviceRefusal(event: { type: string; on?: boolean }, f: Facts): string | null {
  const locked = f.screen === 'lock';
  const c = f.conditions;
  switch (event.type) {
    case 'user.openApp':
      if (locked) return 'the device is locked: unlock it first';
      return f.screen === 'app' ? 'the app is already on screen' : null;
    case 'user.goHome':
      if (locked) return 'the device is locked: unlock it first';
      return f.screen === 'home' ? 'the Home Screen is already showing' : null;
    case 'user.openAppSwitcher':
      if (locked) return 'the device is locked: unlock it first';
      return f.screen === 'switcher' ? 'the app switcher is already open' : null;
    case 'user.forceQuit':
      if (f.screen !== 'switcher')
        return 'force quit means swiping the app’s card away: open the app switcher first';
      return f.card ? null : 'the app has no card in the app switcher';
    case 'user.lockDevice':
      return locked ? 'the device is already locked' : null;
    case 'user.unlockDevice':
      return locked ? null : 'the device is not locked';
    case 'debugger.attach':
      if (c.debugger) return 'the debugger is already attached';
      return f.app === 'notRunning'
        ? 'the app is not running: there is no process to attach to'
        : null;
    case 'debugger.detach':
      return c.debugger ? null : 'no debugger is attached';
    case 'network.offline':
      return c.online ? null : 'the network is already offline';
    case 'network.online':
      return c.online ? 'the network is already online' : null;
    case 'power.connect':
      return c.charging ? 'the device is already charging' : null;
    case 'power.disconnect':
      return c.charging ? null : 'the device is already on battery';
    case 'settings.lowPowerMode':
      return c.lowPower === event.on
        ? `Low Power Mode is already ${event.on ? 'on' : 'off'}`
        : null;
    case 'settings.backgroundAppRefresh':
      return c.backgroundAppRefresh === event.on
        ? `Background App Refresh is already ${event.on ? 'on' : 'off'}`
        : null;
    default:
      return null;
  }
}
