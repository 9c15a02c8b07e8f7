/**
 * The playground's controls as data: who acts, what the button says, which scenario event it
 * sends. The island renders these and asks the simulation (`refusal`) whether each can act now;
 * nothing here repeats the simulation's rules.
 */
import type { ScenarioEvent, SimView } from '../sim/index.ts';
import type { ControlGroup } from '../components/Playground/types.ts';

export interface ActionControl {
  kind: 'action';
  id: string;
  label: string;
  event: (view: SimView) => ScenarioEvent | null;
  /** Why the control cannot act when `event` gives null (the simulation has no event to judge). */
  idle?: string;
}

export interface ToggleControl {
  kind: 'toggle';
  id: string;
  label: string;
  on: (view: SimView) => boolean;
  event: (view: SimView) => ScenarioEvent;
}

export type Control = ActionControl | ToggleControl;

export interface ControlGroupSpec {
  id: ControlGroup;
  heading: string;
  controls: Control[];
}

const action = (id: string, label: string, event: ScenarioEvent): ActionControl => ({
  kind: 'action',
  id,
  label,
  event: () => event,
});

/** Formats virtual milliseconds the way the controls and the timeline show them. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
  // Round to the smaller unit first, so 2 d 23.99 h reads "3 d", never "2 d 24 h".
  const inUnits = (ms: number, unit: number, sub: number, big: string, small: string) => {
    const subs = Math.round(ms / sub);
    const whole = Math.floor(subs / (unit / sub));
    const rest = subs % (unit / sub);
    return rest === 0 ? `${whole} ${big}` : `${whole} ${big} ${rest} ${small}`;
  };
  if (s < 3600) return inUnits(ms, 60_000, 1000, 'min', 's');
  if (s < 86_400) return inUnits(ms, 3_600_000, 60_000, 'h', 'min');
  return inUnits(ms, 86_400_000, 3_600_000, 'd', 'h');
}

export const CONTROL_GROUP_SPECS: ControlGroupSpec[] = [
  {
    id: 'user',
    heading: 'The user',
    controls: [
      action('openApp', 'Open app', { type: 'user.openApp' }),
      action('goHome', 'Go home', { type: 'user.goHome' }),
      action('switcher', 'App switcher', { type: 'user.openAppSwitcher' }),
      action('forceQuit', 'Force quit', { type: 'user.forceQuit' }),
      action('lock', 'Lock', { type: 'user.lockDevice' }),
      action('unlock', 'Unlock', { type: 'user.unlockDevice' }),
      action('stopExport', 'Stop export', { type: 'user.stopContinuedProcessing' }),
    ],
  },
  {
    id: 'system',
    heading: 'The system',
    controls: [
      action('memoryPressure', 'Memory pressure', { type: 'system.memoryPressure' }),
      action('reboot', 'Reboot', { type: 'system.reboot' }),
      action('crash', 'Crash', { type: 'app.crash' }),
    ],
  },
  {
    id: 'conditions',
    heading: 'Conditions',
    controls: [
      {
        kind: 'toggle',
        id: 'network',
        label: 'Network',
        on: (v) => v.network === 'online',
        event: (v) => ({ type: v.network === 'online' ? 'network.offline' : 'network.online' }),
      },
      {
        kind: 'toggle',
        id: 'power',
        label: 'Charging',
        on: (v) => v.power === 'charging',
        event: (v) => ({ type: v.power === 'charging' ? 'power.disconnect' : 'power.connect' }),
      },
      {
        kind: 'toggle',
        id: 'lowPower',
        label: 'Low Power Mode',
        on: (v) => v.lowPowerMode,
        event: (v) => ({ type: 'settings.lowPowerMode', on: !v.lowPowerMode }),
      },
      {
        kind: 'toggle',
        id: 'refresh',
        label: 'Background App Refresh',
        on: (v) => v.backgroundAppRefresh,
        event: (v) => ({ type: 'settings.backgroundAppRefresh', on: !v.backgroundAppRefresh }),
      },
      {
        kind: 'toggle',
        id: 'debugger',
        label: 'Debugger attached',
        on: (v) => v.debuggerAttached,
        event: (v) => ({ type: v.debuggerAttached ? 'debugger.detach' : 'debugger.attach' }),
      },
    ],
  },
  {
    id: 'app',
    heading: 'The app’s code',
    controls: [
      action('startUploads', 'Start uploads', {
        type: 'app.startUploads',
        count: 3,
        bytes: 4_000_000,
      }),
      action('startDownloads', 'Start downloads', {
        type: 'app.startDownloads',
        count: 2,
        bytes: 20_000_000,
      }),
      action('beginTask', 'Begin background task', {
        type: 'app.beginBackgroundTask',
        name: 'finish-upload',
      }),
      action('endTask', 'End background task', {
        type: 'app.endBackgroundTask',
        name: 'finish-upload',
      }),
      action('scheduleRefresh', 'Schedule refresh', {
        type: 'app.scheduleAppRefresh',
        earliestBeginMs: 15 * 60 * 1000,
      }),
      action('scheduleProcessing', 'Schedule processing', {
        type: 'app.scheduleProcessing',
        requiresExternalPower: true,
        requiresNetwork: true,
      }),
      action('continued', 'Start continued processing', { type: 'app.startContinuedProcessing' }),
      action('push', 'Silent push', { type: 'push.silent' }),
    ],
  },
  {
    id: 'time',
    heading: 'Time',
    controls: [
      action('advance1s', 'Advance 1 s', { type: 'clock.advance', ms: 1000 }),
      action('advance30s', 'Advance 30 s', { type: 'clock.advance', ms: 30_000 }),
      action('advance10m', 'Advance 10 min', { type: 'clock.advance', ms: 600_000 }),
      {
        kind: 'action',
        id: 'advanceNext',
        label: 'Advance to the next thing',
        event: (v) =>
          v.nextDueInMs === null ? null : { type: 'clock.advance', ms: Math.max(1, v.nextDueInMs) },
        idle: 'nothing is due to happen on its own',
      },
    ],
  },
];
