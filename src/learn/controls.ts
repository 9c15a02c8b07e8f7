/**
 * The steps a challenge may offer, each a labelled scenario event. A challenge picks the few it
 * allows; the labels are the buttons' accessible names, so each one is unique and says what the
 * person, the system or the app's code does.
 */
import type { ScenarioEvent } from '../sim/index.ts';
import type { Control } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Fifteen minutes: the earliest begin date the path's refresh requests ask for. */
export const REFRESH_EARLIEST_MS = 15 * MINUTE;

function control(label: string, event: ScenarioEvent): Control {
  return { label, event };
}

function wait(label: string, ms: number): Control {
  return control(label, { type: 'clock.advance', ms });
}

export const controls = {
  openApp: control('Open the app', { type: 'user.openApp' }),
  goHome: control('Go to the Home Screen', { type: 'user.goHome' }),
  openSwitcher: control('Open the app switcher', { type: 'user.openAppSwitcher' }),
  forceQuit: control('Swipe the app away', { type: 'user.forceQuit' }),
  lock: control('Lock the device', { type: 'user.lockDevice' }),
  unlock: control('Unlock the device', { type: 'user.unlockDevice' }),
  memoryPressure: control('The system reclaims memory', { type: 'system.memoryPressure' }),
  reboot: control('Restart the device', { type: 'system.reboot' }),
  attachDebugger: control('Attach Xcode’s debugger', { type: 'debugger.attach' }),
  detachDebugger: control('Detach the debugger', { type: 'debugger.detach' }),
  networkOffline: control('Turn the network off', { type: 'network.offline' }),
  networkOnline: control('Turn the network on', { type: 'network.online' }),
  plugIn: control('Plug in the charger', { type: 'power.connect' }),
  unplug: control('Unplug the charger', { type: 'power.disconnect' }),
  refreshOn: control('Turn Background App Refresh on', {
    type: 'settings.backgroundAppRefresh',
    on: true,
  }),
  startUploads: control('Start three 4 MB uploads', {
    type: 'app.startUploads',
    count: 3,
    bytes: 4_000_000,
  }),
  scheduleRefresh: control('Submit a refresh request (earliest in 15 minutes)', {
    type: 'app.scheduleAppRefresh',
    earliestBeginMs: REFRESH_EARLIEST_MS,
  }),
  scheduleProcessing: control('Submit a processing request that requires power', {
    type: 'app.scheduleProcessing',
    requiresExternalPower: true,
  }),
  startExport: control('Tap Export (starts a continued-processing task)', {
    type: 'app.startContinuedProcessing',
  }),
  silentPush: control('Your server sends a silent push', { type: 'push.silent' }),
  wait10s: wait('Wait 10 seconds', 10_000),
  wait1m: wait('Wait 1 minute', MINUTE),
  wait10m: wait('Wait 10 minutes', 10 * MINUTE),
  wait1h: wait('Wait 1 hour', HOUR),
  wait8h: wait('Wait 8 hours', 8 * HOUR),
  wait1d: wait('Wait a day', DAY),
} satisfies Record<string, Control>;

/** The same durations for starting scenarios and solutions. */
export const durations = { MINUTE, HOUR, DAY } as const;
