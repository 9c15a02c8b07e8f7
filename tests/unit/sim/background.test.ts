import { describe, expect, test } from 'vitest';
import { CALLBACK, createSimulation, timing } from '../../../src/sim/index.ts';
import type { ScenarioEvent } from '../../../src/sim/index.ts';
import {
  advance,
  forceQuit,
  home,
  lock,
  memoryPressure,
  names,
  open,
  run,
  switcher,
  unlock,
  uploads,
} from './helpers.ts';

const begin = (name: string) => ({ type: 'app.beginBackgroundTask', name }) as const;

/** The app schedules processing, then the phone sits locked on the charger until it runs. */
const processingOnCharger: ScenarioEvent[] = [
  open,
  { type: 'app.scheduleProcessing' },
  { type: 'power.connect' },
  lock,
  advance(timing.processingIdleAfterLock.ms + 1_000),
];

describe('background tasks', () => {
  test('a background task keeps the app running past the usual suspension', () => {
    const sim = run([open, begin('save'), home, advance(20_000)]);
    expect(sim.summary().app.state).toBe('background');
    expect(sim.view().machines.find((m) => m.id === 'app')?.active).toContain(
      'running.lifecycle.background.suspension.held',
    );
  });

  test('shares one background budget between all tasks of the app', () => {
    const sim = run([open, begin('a'), begin('b'), home, advance(timing.backgroundTaskBudget.ms)]);
    const expirations = sim
      .summary()
      .callbacks.filter((c) => c.name === CALLBACK.backgroundTaskExpiration);
    expect(expirations.map((c) => [c.atMs, c.task])).toEqual([
      [30_000, 'a'],
      [30_000, 'b'],
    ]);
  });

  test('says no expiration handler runs when the background time ends with no task held', () => {
    const sim = run([open, { type: 'debugger.attach' }, home, advance(60_000)]);
    const spent = sim
      .log()
      .filter((e) => e.transition?.target === 'running.lifecycle.background.budget.spent');
    expect(spent.map((e) => e.text)).toEqual([
      'The app’s beginBackgroundTask time is used up. It holds no such task, so no expiration handler runs.',
    ]);
    expect(names(sim)).not.toContain(CALLBACK.backgroundTaskExpiration);
  });

  test('counts background time only once the app is in the background', () => {
    const sim = run([
      open,
      begin('a'),
      advance(60_000),
      home,
      advance(timing.backgroundTaskBudget.ms - 1),
    ]);
    expect(sim.summary().backgroundTasks).toEqual([{ name: 'a', state: 'running' }]);
  });

  test('suspends the app once the expiration handler ends its task', () => {
    const sim = run([open, begin('a'), home, advance(31_000)]);
    expect(sim.summary().backgroundTasks).toEqual([{ name: 'a', state: 'expired' }]);
    expect(sim.summary().app.state).toBe('suspended');
    expect(sim.summary().app.terminations).toEqual([]);
  });

  test('kills the app with 0x2182bad2 when the expiration handler does not end the task (corrected: was 0x8badf00d)', () => {
    const sim = run([open, begin('a'), home, advance(60_000)], {
      expirationHandlerEndsTask: false,
    });
    expect(sim.summary().app.terminations).toEqual([
      {
        atMs: timing.backgroundTaskBudget.ms + timing.expirationHandlerGrace.ms,
        reason: 'watchdog',
        code: '0x2182bad2',
      },
    ]);
  });

  test('the watchdog is disabled while a debugger is attached', () => {
    const sim = run([open, { type: 'debugger.attach' }, begin('a'), home, advance(60_000)], {
      expirationHandlerEndsTask: false,
    });
    expect(sim.summary().app.terminations).toEqual([]);
  });

  test('detaching the debugger arms the watchdog again for a task that was never ended', () => {
    const sim = run([open, { type: 'debugger.attach' }, begin('a'), home, advance(60_000)], {
      expirationHandlerEndsTask: false,
    });
    sim.send({ type: 'debugger.detach' });
    sim.send(advance(60_000));
    expect(sim.summary().app.terminations).toEqual([
      { atMs: 60_000 + timing.expirationHandlerGrace.ms, reason: 'watchdog', code: '0x2182bad2' },
    ]);
  });

  test('ending the task before the budget runs out lets the app suspend normally', () => {
    const sim = run([
      open,
      begin('a'),
      home,
      advance(10_000),
      { type: 'app.endBackgroundTask', name: 'a' },
    ]);
    expect(sim.summary().backgroundTasks).toEqual([{ name: 'a', state: 'ended' }]);
    expect(sim.summary().app.state).toBe('suspended');
  });

  test('asking for extra time on backgrounding lets default-session uploads finish', () => {
    const app = { sessionKind: 'default', beginsTaskOnBackground: true } as const;
    const sim = run([open, uploads(1, 2_000_000), home, advance(60_000)], app);
    expect(sim.summary().transfers[0]?.state).toBe('completed');
    expect(sim.summary().backgroundTasks).toEqual([{ name: 'finish-upload', state: 'ended' }]);
    const without = run([open, uploads(1, 2_000_000), home, advance(60_000)], {
      sessionKind: 'default',
    });
    expect(without.summary().transfers[0]?.state).toBe('waiting');
  });
});

describe('background URLSession', () => {
  test('background-session transfers continue while the app is suspended', () => {
    const sim = run([open, uploads(1, 4_000_000), home, advance(40_000)]);
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'completed', bytesDone: 4_000_000 });
  });

  test('default-session transfers stop progressing when the app is suspended (corrected: shortly after it leaves) and die with it', () => {
    const sim = run([open, uploads(1, 4_000_000), home, advance(60_000)], {
      sessionKind: 'default',
    });
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'waiting', bytesDone: 50_000 });
    sim.send(memoryPressure);
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'failed', bytesDone: 50_000 });
  });

  test('a default-session request that stood still past its request timeout fails when the app resumes', () => {
    const sim = run([open, uploads(1, 4_000_000), home, advance(600_000), open], {
      sessionKind: 'default',
    });
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'failed', bytesDone: 50_000 });
    expect(sim.summary().transfers[0]?.error).toMatch(/^NSURLErrorTimedOut \(-1001\)/);
    expect(names(sim, 600_000)).toContain(CALLBACK.didComplete);
    const brief = run([open, uploads(1, 4_000_000), home, advance(30_000), open, advance(40_000)], {
      sessionKind: 'default',
    });
    expect(brief.summary().transfers[0]?.state).toBe('completed');
  });

  test('an upload from data in a background session raises an exception that crashes the app', () => {
    const sim = run([open, uploads(1, 1000)], { uploadSource: 'data' });
    expect(sim.summary().app.terminations).toEqual([{ atMs: 0, reason: 'crash' }]);
    expect(sim.summary().transfers).toEqual([]);
    expect(sim.log().some((e) => /Upload tasks from NSData are not supported/.test(e.text))).toBe(
      true,
    );
    const inProcess = run([open, uploads(1, 1000)], {
      uploadSource: 'data',
      sessionKind: 'default',
    }).summary();
    expect(inProcess.app.terminations).toEqual([]);
    expect(inProcess.transfers).toHaveLength(1);
  });

  test('relaunches a system-killed app in the background and delivers the events in order', () => {
    const sim = run([
      open,
      uploads(2, 4_000_000),
      home,
      advance(10_000),
      memoryPressure,
      advance(600_000),
    ]);
    const s = sim.summary();
    expect(s.app.launches.map((l) => l.reason)).toEqual(['user', 'backgroundURLSession']);
    expect(names(sim, 40_000)).toEqual([
      CALLBACK.willFinishLaunching,
      CALLBACK.didFinishLaunching,
      CALLBACK.handleEventsForBackgroundURLSession,
      CALLBACK.didComplete,
      CALLBACK.didComplete,
      CALLBACK.didFinishEvents,
    ]);
    expect(sim.view().notifications.map((n) => n.title)).toEqual(['Uploads finished']);
    expect(s.app.state).toBe('suspended');
  });

  test('kills the app with 0x2182bad3 when it never calls the completion handler', () => {
    const sim = run(
      [open, uploads(1, 4_000_000), home, advance(10_000), memoryPressure, advance(600_000)],
      {
        callsCompletionHandler: false,
      },
    );
    expect(sim.summary().app.terminations.at(-1)).toEqual({
      atMs: 70_000,
      reason: 'watchdog',
      code: '0x2182bad3',
    });
  });

  test('a session owned by a screen is not recreated in a background relaunch, so the app is killed', () => {
    const sim = run(
      [open, uploads(1, 4_000_000), home, advance(10_000), memoryPressure, advance(600_000)],
      {
        sessionOwner: 'screen',
      },
    );
    expect(names(sim, 40_000)).not.toContain(CALLBACK.didComplete);
    expect(sim.summary().app.terminations.at(-1)?.code).toBe('0x2182bad3');
  });

  test('a second session per screen leaks the first delegate, so the visible screen never hears', () => {
    const events = [
      open,
      uploads(1, 4_000_000),
      home,
      advance(10_000),
      switcher,
      home,
      advance(60_000),
    ];
    const leaked = run(
      [open, uploads(1, 4_000_000), home, advance(10_000), open, home, advance(60_000)],
      { sessionOwner: 'screen' },
    );
    expect(leaked.log().some((e) => e.kind === 'callback' && /leaked delegate/.test(e.text))).toBe(
      true,
    );
    expect(leaked.view().notifications).toEqual([]);
    const singleton = run([
      open,
      uploads(1, 4_000_000),
      home,
      advance(10_000),
      open,
      home,
      advance(60_000),
    ]);
    expect(singleton.log().some((e) => /leaked/.test(e.text))).toBe(false);
    expect(run(events).summary().refused).toEqual([]);
  });

  test('force quit cancels every transfer and the app hears it the next time it runs', () => {
    const sim = run([
      open,
      uploads(2, 4_000_000),
      home,
      advance(10_000),
      switcher,
      forceQuit,
      advance(600_000),
    ]);
    expect(sim.summary().transfers.map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
    expect(sim.summary().transfers[0]?.error).toMatch(/userForceQuitApplication/);
    expect(sim.summary().app.launches).toHaveLength(1);
    sim.send(home);
    sim.send(open);
    const delivered = sim.summary().callbacks.filter((c) => c.name === CALLBACK.didComplete);
    expect(delivered.map((c) => [c.atMs, c.task])).toEqual([
      [610_000, 'upload-1'],
      [610_000, 'upload-2'],
    ]);
  });

  test('waits for connectivity instead of failing when the network drops', () => {
    const sim = run([open, uploads(1, 4_000_000), { type: 'network.offline' }, advance(3_600_000)]);
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'waiting', bytesDone: 0 });
    sim.send({ type: 'network.online' });
    sim.send(advance(40_000));
    expect(sim.summary().transfers[0]?.state).toBe('completed');
  });

  test('fails a transfer with an error once the 7-day resource timeout passes', () => {
    const sim = run([
      open,
      uploads(1, 4_000_000),
      home,
      { type: 'network.offline' },
      advance(timing.resourceTimeout.ms),
    ]);
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'failed' });
    expect(sim.summary().transfers[0]?.error).toMatch(/-1001/);
  });

  const fromBackground: ScenarioEvent[] = [
    open,
    { type: 'app.beginBackgroundTask', name: 'a' },
    home,
    uploads(1, 1_000_000),
  ];

  test('transfers started from the background are discretionary and wait for power', () => {
    const [soonest] = timing.discretionaryStart.range;
    const sim = run([...fromBackground, advance(soonest - 60_000)]);
    expect(sim.summary().transfers[0]).toMatchObject({ state: 'waiting', bytesDone: 0 });
    sim.send({ type: 'power.connect' });
    sim.send(advance(600_000));
    expect(sim.summary().transfers[0]?.state).toBe('completed');
  });

  test('on battery the system may still start a discretionary transfer, at a moment drawn from the seed, but never in Low Power Mode', () => {
    const [, latest] = timing.discretionaryStart.range;
    const startedAt = (seed: number) => {
      const sim = createSimulation({}, { seed });
      for (const event of fromBackground) sim.send(event);
      for (let t = 0; t <= latest; t += 60_000) {
        if ((sim.summary().transfers[0]?.bytesDone ?? 0) > 0) return sim.summary().timeMs;
        sim.send(advance(60_000));
      }
      return null;
    };
    expect(startedAt(1)).not.toBeNull();
    expect(startedAt(1)).toBe(startedAt(1));
    expect(new Set([1, 2, 3, 4, 5].map(startedAt)).size).toBeGreaterThan(1);
    const lowPower = run([
      ...fromBackground,
      { type: 'settings.lowPowerMode', on: true },
      advance(latest + 3_600_000),
    ]);
    expect(lowPower.summary().transfers[0]).toMatchObject({ state: 'waiting', bytesDone: 0 });
  });

  test('the resume rate limiter doubles its delay from 60 seconds and foregrounding resets it (corrected: the app starts its next task during the wake, before it is suspended again)', () => {
    const sim = run([open, uploads(1, 1_000_000), home, advance(10_100)]);
    expect(
      sim
        .log()
        .some((e) => /now holds tasks the app creates in the background for 1 minute/.test(e.text)),
    ).toBe(true);
    sim.send({ type: 'app.startDownloads', count: 1, bytes: 100_000 });
    sim.send({ type: 'power.connect' });
    sim.send(advance(59_000));
    expect(sim.summary().transfers[1]?.bytesDone).toBe(0);
    sim.send(advance(600_000));
    expect(sim.summary().transfers[1]?.state).toBe('completed');
    // One task per wake: each wake is held back by the last delay, so the delay doubles.
    const download = { type: 'app.startDownloads', count: 1, bytes: 1_000_000 } as const;
    const chained = run([
      open,
      { type: 'power.connect' },
      download,
      home,
      advance(10_100),
      download,
      advance(70_000),
      download,
      advance(130_000),
      download,
      advance(300_000),
    ]);
    const wakes = chained
      .summary()
      .callbacks.filter((c) => c.name === CALLBACK.handleEventsForBackgroundURLSession)
      .map((c) => c.atMs);
    expect(wakes).toEqual([10_000, 80_000, 210_000, 460_000]);
    const reset = run([
      open,
      uploads(1, 1_000_000),
      home,
      advance(11_000),
      open,
      { type: 'app.startDownloads', count: 1, bytes: 100_000 },
      advance(2_000),
    ]);
    expect(reset.summary().transfers[1]?.state).toBe('completed');
  });
});

describe('task scheduler', () => {
  const refresh = (ms: number) =>
    ({ type: 'app.scheduleAppRefresh', earliestBeginMs: ms }) as const;

  const [low, high] = timing.appRefreshDelay.range;
  /** When the system launches a refresh submitted at 0 with this floor, under this seed. */
  const launchedAt = (floorMs: number, seed = 1) => {
    const sim = createSimulation({}, { seed });
    for (const e of [open, refresh(floorMs), home, advance(floorMs + high + 60_000)]) sim.send(e);
    return sim.summary().callbacks.find((c) => c.name === CALLBACK.bgTaskLaunch)?.atMs;
  };
  const wait = (launchedAt(0) ?? 0) - 0;

  test('runs a refresh at a moment the system picks after its earliestBeginDate, drawn from the seed (corrected: never like a timer, never at 0)', () => {
    const moments = [1, 2, 3, 4, 5].map((seed) => launchedAt(900_000, seed));
    for (const at of moments) {
      expect(at).toBeGreaterThanOrEqual(900_000 + low);
      expect(at).toBeLessThanOrEqual(900_000 + high);
    }
    expect(new Set(moments).size).toBeGreaterThan(1);
    expect(launchedAt(900_000, 3)).toBe(moments[2]);
    expect(launchedAt(0)).toBeGreaterThan(0);
  });

  test('expires a refresh whose handler never calls setTaskCompleted, then terminates the app', () => {
    const sim = run([open, refresh(60_000), home, advance(60_000 + wait)], {
      callsSetTaskCompleted: false,
    });
    expect(sim.summary().scheduledTasks[0]?.state).toBe('running');
    sim.send(advance(timing.appRefreshRuntime.ms));
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    expect(names(sim)).toContain(CALLBACK.bgTaskExpiration);
    sim.send(advance(timing.expirationHandlerGrace.ms));
    expect(sim.summary().app.terminations).toEqual([
      {
        atMs: 60_000 + wait + timing.appRefreshRuntime.ms + timing.expirationHandlerGrace.ms,
        reason: 'watchdog',
      },
    ]);
  });

  test('does not terminate an app the person brought to the foreground for an uncompleted BGTask', () => {
    const processing = { type: 'app.scheduleProcessing', requiresExternalPower: false } as const;
    const sim = run(
      [
        open,
        processing,
        home,
        { type: 'power.connect' },
        lock,
        advance(timing.processingIdleAfterLock.ms),
        unlock,
        open,
      ],
      { callsSetTaskCompleted: false },
    );
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    sim.send(advance(10_000));
    expect(sim.summary().app).toMatchObject({ state: 'active', terminations: [] });
  });

  test('a debugger holds off the kill for an uncompleted BGTask until it is detached', () => {
    const sim = run(
      [open, { type: 'debugger.attach' }, refresh(60_000), home, advance(120_000 + wait)],
      { callsSetTaskCompleted: false },
    );
    expect(sim.summary().app.terminations).toEqual([]);
    sim.send({ type: 'debugger.detach' });
    sim.send(advance(10_000));
    expect(sim.summary().app.terminations).toEqual([
      { atMs: 120_000 + wait + timing.expirationHandlerGrace.ms, reason: 'watchdog' },
    ]);
  });

  test('keeps one pending refresh request: resubmitting replaces it', () => {
    const sim = run([open, refresh(60_000), refresh(120_000)]);
    expect(sim.summary().scheduledTasks).toHaveLength(1);
  });

  test('launches a terminated app for its refresh', () => {
    const sim = run([
      open,
      refresh(60_000),
      home,
      advance(10_000),
      memoryPressure,
      advance(60_000 + wait),
    ]);
    expect(sim.summary().app.launches.at(-1)?.reason).toBe('backgroundAppRefresh');
  });

  test('refuses to schedule a refresh when Background App Refresh is off', () => {
    const off = run([open, { type: 'settings.backgroundAppRefresh', on: false }, refresh(0)]);
    expect(off.summary().refused[0]?.reason).toMatch(/Background App Refresh is off/);
  });

  test('accepts a refresh request in Low Power Mode and holds it until Low Power Mode ends (corrected: submit no longer throws)', () => {
    const lowPower = run([
      open,
      { type: 'settings.lowPowerMode', on: true },
      refresh(0),
      home,
      advance(3_600_000),
    ]);
    expect(lowPower.summary().refused).toEqual([]);
    expect(lowPower.summary().scheduledTasks[0]?.state).toBe('pending');
    lowPower.send({ type: 'settings.lowPowerMode', on: false });
    lowPower.send(advance(high));
    expect(lowPower.summary().scheduledTasks[0]?.state).toBe('completed');
  });

  test('never runs a pending refresh while Low Power Mode is on', () => {
    const sim = run([
      open,
      refresh(0),
      { type: 'settings.lowPowerMode', on: true },
      home,
      advance(86_400_000),
    ]);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('pending');
  });

  test('runs processing only once the device is locked and charging, counted from the later of the two (corrected: never on battery)', () => {
    for (const requiresExternalPower of [true, false]) {
      const processing = { type: 'app.scheduleProcessing', requiresExternalPower } as const;
      const sim = run([open, processing, lock, advance(3_600_000)]);
      expect(sim.summary().scheduledTasks[0]?.state).toBe('pending');
      sim.send({ type: 'power.connect' });
      sim.send(advance(timing.processingIdleAfterLock.ms - 1));
      expect(sim.summary().scheduledTasks[0]?.state).toBe('pending');
      sim.send(advance(1));
      expect(sim.summary().scheduledTasks[0]?.state).toBe('running');
    }
  });

  test('expires a processing task when the person unlocks the device (on power: corrected model)', () => {
    const sim = run([...processingOnCharger, unlock]);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    expect(names(sim)).toContain(CALLBACK.bgTaskExpiration);
  });

  test('starts a continued-processing task only from the foreground and shows progress', () => {
    const sim = run([open, home, { type: 'app.startContinuedProcessing' }]);
    expect(sim.summary().refused[0]?.reason).toBe(
      'a continued-processing task can only start from the foreground, after a person taps a button',
    );
    sim.send(open);
    sim.send({ type: 'app.startContinuedProcessing' });
    sim.send(home);
    sim.send(advance(60_000));
    expect(sim.view().liveActivity?.progress).toBeCloseTo(0.5);
    expect(sim.summary().app.state).toBe('background');
    sim.send(advance(60_000));
    expect(sim.view().liveActivity).toBeNull();
    expect(sim.summary().scheduledTasks[0]?.state).toBe('completed');
  });

  test('force quit cancels a continued-processing task with no callback', () => {
    const sim = run([open, { type: 'app.startContinuedProcessing' }, switcher]);
    sim.send(forceQuit);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    expect(names(sim)).not.toContain(CALLBACK.bgTaskExpiration);
  });
});

describe('push service', () => {
  test('a silent push wakes a suspended app for a short while', () => {
    const sim = run([open, home, advance(10_000), { type: 'push.silent' }]);
    expect(names(sim).at(-1)).toBe(CALLBACK.didReceiveRemoteNotification);
    expect(sim.summary().app.state).toBe('background');
    sim.send(advance(10_000));
    expect(sim.summary().app.state).toBe('suspended');
  });

  test('a silent push launches a terminated app in the background', () => {
    const sim = run([open, home, advance(10_000), memoryPressure, { type: 'push.silent' }]);
    expect(sim.summary().app.launches.at(-1)?.reason).toBe('silentPush');
  });

  test('no silent push reaches a force-quit app until the person opens it again', () => {
    const sim = run([open, switcher, forceQuit, { type: 'push.silent' }]);
    expect(sim.summary().app.launches).toHaveLength(1);
    sim.send(home);
    sim.send(open);
    sim.send(home);
    sim.send(advance(10_000));
    sim.send({ type: 'push.silent' });
    expect(names(sim).at(-1)).toBe(CALLBACK.didReceiveRemoteNotification);
  });

  test('nothing is due while nothing is pending', () => {
    expect(createSimulation().view().nextDueInMs).toBeNull();
    expect(run([open, home]).view().nextDueInMs).toBe(timing.suspendAfterCallbacks.ms);
  });
});

describe('callback names', () => {
  test('names the BGTask launch handler after the API it was passed to', () => {
    const sim = run([open, { type: 'app.startContinuedProcessing' }]);
    expect(names(sim).at(-1)).toBe(
      'register(forTaskWithIdentifier:using:launchHandler:) launch handler',
    );
  });

  test('says which BGTask subclass each launch handler receives', () => {
    const handed = (sim: ReturnType<typeof run>) =>
      sim
        .log()
        .filter((e) => e.callback === CALLBACK.bgTaskLaunch)
        .map((e) => /receives the (\w+)/.exec(e.text)?.[1]);
    const continued = run([open, { type: 'app.startContinuedProcessing' }]);
    const processing = run(processingOnCharger);
    const refresh = run([open, { type: 'app.scheduleAppRefresh' }, home, advance(24 * 3_600_000)]);
    expect(handed(continued)).toEqual(['BGContinuedProcessingTask']);
    expect(handed(processing)).toEqual(['BGProcessingTask']);
    expect(handed(refresh)).toEqual(['BGAppRefreshTask']);
  });
});

describe('Background App Refresh switch', () => {
  const processing = { type: 'app.scheduleProcessing' } as const;
  const barOff = { type: 'settings.backgroundAppRefresh', on: false } as const;

  test('stops processing tasks as it stops refresh', () => {
    const refused = run([open, barOff, processing]);
    expect(refused.summary().refused[0]?.reason).toMatch(/Background App Refresh is off/);
    const pending = run([
      open,
      processing,
      barOff,
      { type: 'power.connect' },
      lock,
      advance(3_600_000),
    ]);
    expect(pending.summary().scheduledTasks[0]?.state).toBe('pending');
  });
});

describe('LLDB task commands', () => {
  const refresh = { type: 'app.scheduleAppRefresh', earliestBeginMs: 3_600_000 } as const;
  const attach = { type: 'debugger.attach' } as const;
  const launch = { type: 'debugger.simulateLaunch', identifier: 'com.example.refresh' } as const;
  const expire = {
    type: 'debugger.simulateExpiration',
    identifier: 'com.example.refresh',
  } as const;

  test('simulateLaunch runs a pending task at once and simulateExpiration calls its expiration handler', () => {
    const sim = run([open, refresh, attach, home, launch]);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('running');
    expect(names(sim).at(-1)).toBe(CALLBACK.bgTaskLaunch);
    sim.send(expire);
    expect(sim.summary().scheduledTasks[0]?.state).toBe('expired');
    expect(names(sim).at(-1)).toBe(CALLBACK.bgTaskExpiration);
  });

  test('both need an attached debugger and a task with that identifier', () => {
    expect(run([open, refresh]).refusal(launch)).toMatch(/debugger attached/);
    expect(run([open, attach]).refusal(launch)).toMatch(/no request/);
    expect(run([open, refresh, attach]).refusal(expire)).toMatch(/no task/);
  });
});

describe('silent push handler time', () => {
  test('kills an app whose silent-push handler never calls its completion handler, with 0x2182bad4 after its 30 seconds', () => {
    const sim = run(
      [open, home, advance(1_000), { type: 'push.silent' }, advance(timing.silentPushRuntime.ms)],
      { callsFetchCompletionHandler: false },
    );
    expect(sim.summary().app.terminations).toEqual([
      { atMs: 1_000 + timing.silentPushRuntime.ms, reason: 'watchdog', code: '0x2182bad4' },
    ]);
    const fine = run([open, home, advance(1_000), { type: 'push.silent' }, advance(60_000)]);
    expect(fine.summary().app.terminations).toEqual([]);
  });
});
