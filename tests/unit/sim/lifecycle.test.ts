import { describe, expect, test } from 'vitest';
import { CALLBACK, createSimulation, timing } from '../../../src/sim/index.ts';
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

describe('app lifecycle', () => {
  test('delivers the scene-based cold launch callbacks in order', () => {
    expect(names(run([open]))).toEqual([
      CALLBACK.willFinishLaunching,
      CALLBACK.didFinishLaunching,
      CALLBACK.configurationForConnecting,
      CALLBACK.sceneWillConnect,
      CALLBACK.sceneWillEnterForeground,
      CALLBACK.sceneDidBecomeActive,
    ]);
  });

  test('delivers app-delegate callbacks to a sceneless app', () => {
    const sim = run([open, home, advance(10_000), open], { lifecycle: 'appDelegate' });
    expect(names(sim)).toEqual([
      CALLBACK.willFinishLaunching,
      CALLBACK.didFinishLaunching,
      CALLBACK.applicationDidBecomeActive,
      CALLBACK.applicationWillResignActive,
      CALLBACK.applicationDidEnterBackground,
      CALLBACK.applicationWillEnterForeground,
      CALLBACK.applicationDidBecomeActive,
    ]);
    expect(names(sim).some((n) => n.startsWith('scene'))).toBe(false);
  });

  test('resigns active and enters the background when the person goes home', () => {
    const sim = run([open, home]);
    expect(names(sim).slice(-2)).toEqual([
      CALLBACK.sceneWillResignActive,
      CALLBACK.sceneDidEnterBackground,
    ]);
    expect(sim.summary().app.state).toBe('background');
  });

  test('suspends the app shortly after its background callbacks return (corrected: no longer 5 seconds after it leaves the foreground)', () => {
    const sim = run([open, home, advance(timing.suspendAfterCallbacks.ms - 1)]);
    expect(sim.summary().app.state).toBe('background');
    sim.send(advance(1));
    expect(sim.summary().app.state).toBe('suspended');
  });

  test('only resigns active when the app switcher opens', () => {
    const sim = run([open, switcher, advance(60_000)]);
    expect(sim.summary().app.state).toBe('inactive');
    expect(names(sim).at(-1)).toBe(CALLBACK.sceneWillResignActive);
  });

  test('locking the device sends the app to the background and then suspends it', () => {
    const sim = run([open, lock, advance(10_000)]);
    expect(names(sim).slice(-2)).toEqual([
      CALLBACK.sceneWillResignActive,
      CALLBACK.sceneDidEnterBackground,
    ]);
    expect(sim.view().screen).toBe('lock');
    expect(sim.summary().app.state).toBe('suspended');
    sim.send(unlock);
    expect(sim.summary().app.state).toBe('active');
  });

  test('returns to the foreground without relaunching a suspended app', () => {
    const sim = run([open, home, advance(10_000), open]);
    expect(sim.summary().app.launches).toHaveLength(1);
    expect(names(sim).slice(-2)).toEqual([
      CALLBACK.sceneWillEnterForeground,
      CALLBACK.sceneDidBecomeActive,
    ]);
  });

  test('kills a suspended app under memory pressure without any callback, then cold-launches it', () => {
    const sim = run([open, home, advance(10_000)]);
    const before = names(sim).length;
    sim.send(memoryPressure);
    expect(names(sim)).toHaveLength(before);
    expect(sim.summary().app.terminations).toEqual([{ atMs: 10_000, reason: 'memoryPressure' }]);
    sim.send(open);
    expect(sim.summary().app.launches.map((l) => l.reason)).toEqual(['user', 'user']);
    expect(names(sim, 10_000)[0]).toBe(CALLBACK.willFinishLaunching);
  });

  test('calls applicationWillTerminate when a running background app is killed', () => {
    const sim = run([open, home, advance(100), memoryPressure]);
    expect(names(sim).at(-1)).toBe(CALLBACK.willTerminate);
  });

  test('refuses memory pressure for an app in the foreground or not running', () => {
    expect(createSimulation().refusal(memoryPressure)).toMatch(/not running/);
    expect(run([open]).refusal(memoryPressure)).toMatch(/foreground/);
  });

  test('force quitting a running app delivers the scene exit callbacks, then applicationWillTerminate (corrected: sceneDidEnterBackground and sceneDidDisconnect come first)', () => {
    const sim = run([open, switcher, forceQuit]);
    expect(names(sim).slice(-5)).toEqual([
      CALLBACK.sceneWillResignActive,
      CALLBACK.sceneDidEnterBackground,
      CALLBACK.sceneDidDisconnect,
      CALLBACK.didDiscardSceneSessions,
      CALLBACK.willTerminate,
    ]);
    const appDelegate = run([open, switcher, forceQuit], { lifecycle: 'appDelegate' });
    expect(names(appDelegate).slice(-2)).toEqual([
      CALLBACK.applicationDidEnterBackground,
      CALLBACK.willTerminate,
    ]);
    expect(sim.summary().app.terminations[0]?.reason).toBe('userForceQuit');
  });

  test('force quitting a suspended app delivers nothing until the next launch', () => {
    const sim = run([open, home, advance(10_000), switcher, forceQuit]);
    expect(names(sim, 10_000)).toEqual([]);
    sim.send(home);
    sim.send(open);
    expect(names(sim, 10_000).slice(0, 3)).toEqual([
      CALLBACK.willFinishLaunching,
      CALLBACK.didFinishLaunching,
      CALLBACK.didDiscardSceneSessions,
    ]);
  });

  test('a crash delivers no callback and returns to the Home Screen', () => {
    const sim = run([open]);
    const before = names(sim).length;
    sim.send({ type: 'app.crash' });
    expect(names(sim)).toHaveLength(before);
    expect(sim.summary().app.terminations[0]?.reason).toBe('crash');
    expect(sim.view().screen).toBe('home');
  });

  test('refuses app code while the app is suspended', () => {
    const sim = run([open, home, advance(10_000), uploads(1, 1000)]);
    expect(sim.summary().refused).toEqual([
      { index: 3, type: 'app.startUploads', reason: 'the app is suspended: its code cannot run' },
    ]);
  });

  test('an attached debugger keeps the app from being suspended', () => {
    const sim = run([open, { type: 'debugger.attach' }, home, advance(600_000)]);
    expect(sim.summary().app.state).toBe('background');
    sim.send({ type: 'debugger.detach' });
    expect(sim.summary().app.state).toBe('suspended');
  });

  test('reports backgroundTimeRemaining as DBL_MAX in the foreground and counting down in the background', () => {
    const sim = run([open, { type: 'app.beginBackgroundTask', name: 'a' }]);
    expect(sim.view().app.backgroundTimeRemainingMs).toBe(Number.MAX_VALUE);
    sim.send(home);
    sim.send(advance(10_000));
    expect(sim.view().app.backgroundTimeRemainingMs).toBe(timing.backgroundTaskBudget.ms - 10_000);
    sim.send({ type: 'app.endBackgroundTask', name: 'a' });
    expect(sim.view().app.backgroundTimeRemainingMs).toBeNull();
  });

  test('a reboot terminates the app and shows the lock screen', () => {
    const sim = run([open, { type: 'system.reboot' }]);
    expect(sim.summary().app.terminations[0]?.reason).toBe('reboot');
    expect(sim.view().locked).toBe(true);
  });

  test('refusal agrees with send and says why', () => {
    const sim = createSimulation();
    const reason = sim.refusal(forceQuit);
    expect(reason).toMatch(/app switcher/);
    expect(sim.send(forceQuit)).toEqual({ accepted: false, reason });
    expect(sim.log().at(-1)?.kind).toBe('refused');
  });

  test('narrates each accepted step as its cause and its consequences (wording from the machines)', () => {
    const sim = run([open, uploads(2, 4_000_000)]);
    const result = sim.send(home);
    sim.send(advance(10_000));
    expect(result.accepted).toBe(true);
    const step = sim.send(advance(1000));
    expect(step).toMatchObject({ accepted: true });
    const r = run([open, uploads(2, 4_000_000), home]).send(advance(10_000));
    expect(r.accepted && r.narration).toBe(
      '10 seconds pass, so nothing holds the app in the background any more: the system suspends it.',
    );
  });
});
