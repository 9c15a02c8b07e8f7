/**
 * Device machine: what the person holding the iPhone sees and controls.
 *
 * Models the screen (home screen, the app, the app switcher, the lock screen), the network,
 * power, the Low Power Mode and Background App Refresh switches, and whether Xcode's debugger
 * is attached to the app. The virtual clock lives in the coordinator (simulation.ts): time only
 * passes by `clock.advance`.
 *
 * States (parallel regions):
 *   screen: home | app | switcher | lock
 *   network: online | offline
 *   power: battery | charging
 *   lowPowerMode: off | on
 *   backgroundAppRefresh: on | off
 *   debugger: detached | attached
 *
 * Events: user.openApp, user.goHome, user.openAppSwitcher, user.lockDevice, user.unlockDevice,
 *   app.closed (the app died on screen), app.exited (its process ended), system.reboot,
 *   network.offline, network.online, power.connect, power.disconnect,
 *   settings.lowPowerMode {on}, settings.backgroundAppRefresh {on}, debugger.attach, debugger.detach.
 *
 * Used by: every playground (the phone frame), the lifecycle and debugging guides.
 */
import { assign, setup } from 'xstate';

export interface DeviceContext {
  /** Whether unlocking returns to the app (it was on screen when the device was locked). */
  returnToApp: boolean;
}

export type DeviceEvent =
  | { type: 'user.openApp' }
  | { type: 'user.goHome' }
  | { type: 'user.openAppSwitcher' }
  | { type: 'user.lockDevice' }
  | { type: 'user.unlockDevice' }
  | { type: 'app.closed' }
  | { type: 'app.exited' }
  | { type: 'system.reboot' }
  | { type: 'network.offline' }
  | { type: 'network.online' }
  | { type: 'power.connect' }
  | { type: 'power.disconnect' }
  | { type: 'settings.lowPowerMode'; on: boolean }
  | { type: 'settings.backgroundAppRefresh'; on: boolean }
  | { type: 'debugger.attach' }
  | { type: 'debugger.detach' };

export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    events: {} as DeviceEvent,
  },
  guards: {
    returnsToApp: ({ context }) => context.returnToApp,
    turnsOn: ({ event }) => 'on' in event && event.on === true,
    turnsOff: ({ event }) => 'on' in event && event.on === false,
  },
  actions: {
    rememberApp: assign({ returnToApp: true }),
    forgetApp: assign({ returnToApp: false }),
  },
}).createMachine({
  id: 'device',
  type: 'parallel',
  context: { returnToApp: false },
  states: {
    screen: {
      initial: 'home',
      states: {
        home: {
          on: {
            'user.openApp': 'app',
            'user.openAppSwitcher': 'switcher',
            'user.lockDevice': { target: 'lock', actions: 'forgetApp' },
          },
        },
        app: {
          on: {
            'user.goHome': 'home',
            'user.openAppSwitcher': 'switcher',
            'user.lockDevice': { target: 'lock', actions: 'rememberApp' },
            'app.closed': 'home',
          },
        },
        switcher: {
          on: {
            'user.openApp': 'app',
            'user.goHome': 'home',
            'user.lockDevice': { target: 'lock', actions: 'forgetApp' },
          },
        },
        lock: {
          on: {
            'user.unlockDevice': [{ guard: 'returnsToApp', target: 'app' }, { target: 'home' }],
          },
        },
      },
      on: {
        'system.reboot': { target: '.lock', actions: 'forgetApp' },
      },
    },
    network: {
      initial: 'online',
      states: {
        online: { on: { 'network.offline': 'offline' } },
        offline: { on: { 'network.online': 'online' } },
      },
    },
    power: {
      initial: 'battery',
      states: {
        battery: { on: { 'power.connect': 'charging' } },
        charging: { on: { 'power.disconnect': 'battery' } },
      },
    },
    lowPowerMode: {
      initial: 'off',
      states: {
        off: { on: { 'settings.lowPowerMode': { guard: 'turnsOn', target: 'on' } } },
        on: { on: { 'settings.lowPowerMode': { guard: 'turnsOff', target: 'off' } } },
      },
    },
    backgroundAppRefresh: {
      initial: 'on',
      states: {
        on: { on: { 'settings.backgroundAppRefresh': { guard: 'turnsOff', target: 'off' } } },
        off: { on: { 'settings.backgroundAppRefresh': { guard: 'turnsOn', target: 'on' } } },
      },
    },
    debugger: {
      initial: 'detached',
      states: {
        detached: { on: { 'debugger.attach': 'attached' } },
        attached: {
          on: {
            'debugger.detach': 'detached',
            'app.exited': 'detached',
            'system.reboot': 'detached',
          },
        },
      },
    },
  },
});
