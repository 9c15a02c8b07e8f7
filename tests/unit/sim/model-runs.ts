/**
 * The runs the model-based test drives the whole simulation through: every recorded golden
 * scenario, then seeded random sequences of every event under every app code choice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateScenario } from '../../../src/sim/index.ts';
import type { AppCode, Scenario, ScenarioEvent } from '../../../src/sim/index.ts';
import { draw } from '../../../src/sim/random.ts';
import { APP_VALUES } from '../../../src/sim/scenario.ts';
import { FIELDLESS_EVENTS } from './helpers.ts';
import {
  CONTINUED_ID,
  PROCESSING_ID,
  REFRESH_ID,
} from '../../../src/sim/task-scheduler.machine.ts';

const goldenDir = join(import.meta.dirname, '..', '..', 'golden');

/** The scenarios the goldens record (guides, pitfalls and scenarios/). */
export function goldenScenarios(): Scenario[] {
  return readdirSync(goldenDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const golden = JSON.parse(readFileSync(join(goldenDir, name), 'utf8')) as {
        scenario: unknown;
      };
      const checked = validateScenario(golden.scenario);
      if (!checked.ok) throw new Error(`${name}: ${checked.error}`);
      return checked.scenario;
    });
}

/** The default app code, and each choice flipped on its own. */
export function appVariants(): Partial<AppCode>[] {
  const variants: Partial<AppCode>[] = [{}];
  for (const [key, values] of Object.entries(APP_VALUES)) {
    for (const value of values.slice(1)) variants.push({ [key]: value });
  }
  return variants;
}

const IDENTIFIERS = [REFRESH_ID, PROCESSING_ID, `${CONTINUED_ID}.1`];

const pick = <T>(u: number, list: readonly T[]): T => list[Math.floor(u * list.length)]!;

/** One random event; `u` and `v` are draws in [0, 1). */
function randomEvent(u: number, v: number): ScenarioEvent {
  const kinds: (() => ScenarioEvent)[] = [
    () => ({ type: pick(v, FIELDLESS_EVENTS) }) as ScenarioEvent,
    () => ({ type: pick(v, FIELDLESS_EVENTS) }) as ScenarioEvent,
    () => ({ type: pick(v, FIELDLESS_EVENTS) }) as ScenarioEvent,
    () => ({ type: 'clock.advance', ms: Math.ceil(v * 60_000) }),
    () => ({ type: 'clock.advance', ms: Math.ceil(v * 3_600_000) }),
    () => ({ type: 'clock.advance', ms: Math.ceil(v * 3 * 86_400_000) }),
    () => ({
      type: v < 0.5 ? 'app.startUploads' : 'app.startDownloads',
      count: 1 + (Math.floor(v * 6) % 3),
      bytes: 1 + Math.floor(v * 8_000_000),
    }),
    () => ({ type: 'app.beginBackgroundTask', name: pick(v, ['a', 'b']) }),
    () => ({ type: 'app.endBackgroundTask', name: pick(v, ['a', 'b']) }),
    () => ({ type: 'settings.lowPowerMode', on: v < 0.5 }),
    () => ({ type: 'settings.backgroundAppRefresh', on: v < 0.5 }),
    () => ({ type: 'app.scheduleAppRefresh', earliestBeginMs: Math.floor(v * 3_600_000) }),
    () => ({
      type: 'app.scheduleProcessing',
      requiresExternalPower: v < 0.5,
      requiresNetwork: (v * 4) % 2 < 1,
    }),
    () => ({
      type: pick(v, ['debugger.simulateLaunch', 'debugger.simulateExpiration'] as const),
      identifier: pick((v * 7) % 1, IDENTIFIERS),
    }),
  ];
  return pick(u, kinds)();
}

/** `count` random runs of `length` events each, the same every time for the same `seed`. */
export function randomRuns(
  count: number,
  length: number,
  seed: number,
): { app: Partial<AppCode>; events: ScenarioEvent[] }[] {
  const variants = appVariants();
  let state = seed;
  const next = (): number => {
    const [u, s] = draw(state);
    state = s;
    return u;
  };
  const runs = [];
  for (let r = 0; r < count; r += 1) {
    const events: ScenarioEvent[] = [];
    for (let i = 0; i < length; i += 1) events.push(randomEvent(next(), next()));
    runs.push({ app: variants[r % variants.length]!, events });
  }
  return runs;
}

const ev = (type: string, extra: Record<string, unknown> = {}) =>
  ({ type, ...extra }) as ScenarioEvent;
const wait = (ms: number) => ev('clock.advance', { ms });
/** A first wake from the daemon starts the resume rate limiter; work started then is held. */
// A megabyte takes 10 s: the upload is done and the app woken in the background at 10 s.
const heldByLimiter = [
  ev('user.openApp'),
  ev('app.startUploads', { count: 1, bytes: 1_000_000 }),
  ev('user.goHome'),
  wait(10_000),
  ev('app.startUploads', { count: 1, bytes: 1_000_000 }),
];

/**
 * A refresh is submitted from the foreground, the process is reclaimed, and a silent push
 * relaunches it in the background: a process that never showed its screen.
 */
const relaunchedByPushWithRefreshDue = [
  ev('user.openApp'),
  ev('app.scheduleAppRefresh', { earliestBeginMs: 0 }),
  ev('user.goHome'),
  wait(10_000),
  ev('system.memoryPressure'),
  ev('push.silent'),
];

/** Runs aimed at the corners random sequences rarely reach. */
export const targetedRuns: { name: string; app: Partial<AppCode>; events: ScenarioEvent[] }[] = [
  {
    name: 'a process launched in the background never registered its tasks, and a launch arrives while it runs',
    app: { registersTasksAtLaunch: false },
    events: [
      ...relaunchedByPushWithRefreshDue,
      ev('debugger.attach'),
      ev('debugger.simulateLaunch', { identifier: REFRESH_ID }),
    ],
  },
  {
    name: 'a process launched in the background submits a processing task it never registered',
    app: { registersTasksAtLaunch: false },
    events: [
      ev('user.openApp'),
      ev('user.goHome'),
      wait(10_000),
      ev('system.memoryPressure'),
      ev('push.silent'),
      ev('app.scheduleProcessing', { requiresExternalPower: false, requiresNetwork: false }),
    ],
  },
  {
    name: 'a refresh launch reaches a suspended process that never registered its tasks',
    app: { registersTasksAtLaunch: false },
    events: [...relaunchedByPushWithRefreshDue, wait(61_200_000)],
  },
  {
    name: 'a default-session upload started offline fails at once',
    app: { sessionKind: 'default' },
    events: [
      ev('user.openApp'),
      ev('network.offline'),
      ev('app.startUploads', { count: 1, bytes: 1_000 }),
    ],
  },
  {
    name: 'a held silent push is discarded when the app is force-quit',
    app: {},
    events: [
      ev('user.openApp'),
      ev('user.goHome'),
      wait(10_000),
      ev('settings.backgroundAppRefresh', { on: false }),
      ev('push.silent'),
      ev('user.openAppSwitcher'),
      ev('user.forceQuit'),
    ],
  },
  {
    name: 'a debugger holds off the watchdog, then the app ends its task and the debugger detaches',
    app: { expirationHandlerEndsTask: false },
    events: [
      ev('user.openApp'),
      ev('debugger.attach'),
      ev('app.beginBackgroundTask', { name: 'a' }),
      ev('user.goHome'),
      wait(40_000),
      ev('app.endBackgroundTask', { name: 'a' }),
      ev('debugger.detach'),
    ],
  },
  {
    name: 'a debugger holds off the watchdog until it detaches',
    app: { expirationHandlerEndsTask: false },
    events: [
      ev('user.openApp'),
      ev('debugger.attach'),
      ev('app.beginBackgroundTask', { name: 'a' }),
      ev('user.goHome'),
      wait(40_000),
      ev('debugger.detach'),
      wait(5_000),
    ],
  },
  {
    name: 'the app ends its task inside the grace after its expiration handler',
    app: { expirationHandlerEndsTask: false },
    events: [
      ev('user.openApp'),
      ev('app.beginBackgroundTask', { name: 'a' }),
      ev('user.goHome'),
      wait(30_000),
      wait(500),
      ev('app.endBackgroundTask', { name: 'a' }),
      wait(5_000),
    ],
  },
  {
    name: 'a debugger keeps an app that never calls the session completion handler alive',
    app: { callsCompletionHandler: false },
    events: [
      ev('user.openApp'),
      ev('app.startUploads', { count: 1, bytes: 1_000_000 }),
      ev('user.goHome'),
      wait(10_000),
      ev('debugger.attach'),
      wait(120_000),
      wait(60_000),
      ev('debugger.detach'),
      wait(1_000),
    ],
  },
  {
    name: 'the person swipes away the card of an app the system already terminated',
    app: {},
    events: [
      ev('user.openApp'),
      ev('user.goHome'),
      wait(10_000),
      ev('system.memoryPressure'),
      ev('user.openAppSwitcher'),
      ev('user.forceQuit'),
    ],
  },
  {
    name: 'the daemon wakes an app a debugger kept in the background',
    app: {},
    events: [
      ev('user.openApp'),
      ev('debugger.attach'),
      ev('app.startUploads', { count: 1, bytes: 1_000_000 }),
      ev('user.goHome'),
      wait(60_000),
    ],
  },
  {
    name: 'a force quit cancels the continued-processing task',
    app: {},
    events: [
      ev('user.openApp'),
      ev('app.startContinuedProcessing'),
      wait(1_000),
      ev('power.connect'),
      ev('user.openAppSwitcher'),
      ev('user.forceQuit'),
      wait(1_000),
    ],
  },
  {
    name: 'a force quit while a silent push is being handled',
    app: { callsFetchCompletionHandler: false },
    events: [
      ev('user.openApp'),
      ev('user.goHome'),
      wait(10_000),
      ev('push.silent'),
      ev('user.openAppSwitcher'),
      ev('user.forceQuit'),
      ev('push.silent'),
      wait(60_000),
    ],
  },
  {
    name: 'the resume rate limiter holds a second wake, then the person opens the app',
    app: {},
    events: [...heldByLimiter, wait(30_000), ev('user.openApp')],
  },
  {
    name: 'the resume rate limiter holds a second wake until its delay runs out',
    app: {},
    events: [...heldByLimiter, wait(3_600_000), ev('power.connect'), wait(3_600_000)],
  },
  {
    name: 'rate-limited discretionary work goes offline, comes back and waits for power',
    app: {},
    events: [
      ...heldByLimiter,
      ev('network.offline'),
      wait(1_000),
      ev('network.online'),
      wait(3_600_000),
      ev('network.offline'),
      ev('power.connect'),
      wait(1_000),
      ev('network.online'),
      ev('power.disconnect'),
      wait(60_000),
      ev('power.connect'),
      wait(600_000),
    ],
  },
  {
    name: 'rate-limited discretionary work is released when the person opens the app',
    app: {},
    events: [...heldByLimiter, ev('power.connect'), ev('user.openApp'), wait(60_000)],
  },
  {
    name: 'the debugger launches a scheduled task and then expires it',
    app: {},
    events: [
      ev('user.openApp'),
      ev('app.scheduleAppRefresh', { earliestBeginMs: 0 }),
      ev('app.scheduleProcessing'),
      ev('debugger.attach'),
      ev('debugger.simulateLaunch', { identifier: REFRESH_ID }),
      ev('power.connect'),
      ev('debugger.simulateExpiration', { identifier: REFRESH_ID }),
      wait(1_000),
    ],
  },
  {
    name: 'a default session task times out while its app stays suspended',
    app: { sessionKind: 'default' },
    events: [
      ev('user.openApp'),
      ev('app.startUploads', { count: 1, bytes: 8_000_000 }),
      ev('user.goHome'),
      wait(120_000),
      ev('user.openApp'),
    ],
  },
  {
    name: 'a default session task fails when the device goes offline',
    app: { sessionKind: 'default' },
    events: [
      ev('user.openApp'),
      ev('app.startUploads', { count: 1, bytes: 8_000_000 }),
      wait(1_000),
      ev('network.offline'),
    ],
  },
  {
    name: 'a default session task waits for its suspended app, which comes back offline',
    app: { sessionKind: 'default' },
    events: [
      ev('user.openApp'),
      ev('app.startUploads', { count: 1, bytes: 8_000_000 }),
      ev('user.goHome'),
      wait(10_000),
      ev('network.offline'),
      ev('user.openApp'),
    ],
  },
  {
    name: 'a default session task waits for its suspended app and goes on when it returns',
    app: { sessionKind: 'default' },
    events: [
      ev('user.openApp'),
      ev('app.startUploads', { count: 1, bytes: 8_000_000 }),
      ev('user.goHome'),
      wait(10_000),
      ev('user.openApp'),
      wait(60_000),
    ],
  },
];
