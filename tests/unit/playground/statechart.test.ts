import { beforeAll, describe, expect, test } from 'vitest';
import { buildCharts } from '../../../src/components/Playground/build-time.ts';
import {
  activeStates,
  timeLeft,
  timersOf,
  transitionsTaken,
} from '../../../src/playground/chart-state.ts';
import { boxOf, type Box, type ChartLayout } from '../../../src/playground/statechart-data.ts';
import { shortDuration } from '../../../src/playground/statechart-graph.ts';
import { createSimulation, timing, type ScenarioEvent } from '../../../src/sim/index.ts';

let charts: ChartLayout[];
beforeAll(async () => {
  charts = await buildCharts();
}, 120_000);

const chart = (id: string) => charts.find((c) => c.id === id)!;
const linesBetween = (c: ChartLayout, from: string, to: string) =>
  c.edges.find((e) => e.from === from && e.to === to)?.lines ?? [];

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

describe('statecharts drawn from the machines', () => {
  test('the app chart labels the suspension from the background with its delay', () => {
    const lines = linesBetween(
      chart('app'),
      'running.lifecycle.background.suspension.awake',
      'running.lifecycle.suspended',
    );
    expect(lines).toContain(`after ${shortDuration(timing.suspendAfterCallbacks.ms)}`);
    expect(lines).toContain('after 0.5 s');
    // And the guard that keeps the app awake instead.
    expect(
      linesBetween(
        chart('app'),
        'running.lifecycle.background.suspension.awake',
        'running.lifecycle.background.suspension.held',
      ),
    ).toEqual(['[something holds the app]']);
  });

  test('the app and daemon charts show the relaunch for background URLSession events', () => {
    const app = chart('app');
    expect(linesBetween(app, 'notRunning', 'running.lifecycle.background')).toContain(
      'session.wake',
    );
    expect(
      linesBetween(app, 'running.lifecycle.suspended', 'running.lifecycle.background'),
    ).toContain('session.wake');
    expect(linesBetween(chart('transferDaemon'), 'idle', 'waking')).toEqual([
      '[wake wanted] / wake app',
    ]);
    expect(linesBetween(app, 'running.urlSessionEvents.awaitingHandler', 'notRunning')).toEqual([
      `after ${shortDuration(timing.backgroundLaunchRuntime.ms)}`,
    ]);
  });

  test('the task charts show a BGTask launched, with its begin date and its runtime', () => {
    const request = chart('taskRequest');
    expect(linesBetween(request, 'pending.notYet', 'pending.due')).toEqual([
      'at earliestBeginDate',
    ]);
    expect(linesBetween(request, 'pending', 'running')).toEqual(['request.launch', '[continued]']);
    expect(linesBetween(request, 'running', 'expired')).toContain(
      `after ${shortDuration(timing.appRefreshRuntime.ms)} / ${shortDuration(timing.processingRuntime.ms)} runtime [has runtime]`,
    );
    const watching = chart('scheduler').nodes.find((n) => n.path === 'watching');
    expect(watching?.internal).toContain('[refresh can run] / launch refresh');
    expect(linesBetween(chart('app'), 'notRunning', 'running.lifecycle.background')).toContain(
      'bgTask.launch',
    );
  });

  test('one line says what every state of a parent does alike', () => {
    // Every state of an active transfer moves on when nothing holds it: said once, in `active`.
    const transfer = chart('transfer');
    const active = transfer.nodes.find((n) => n.path === 'active');
    expect(active?.internal).toContain('[waits for nothing] → running');
    const toRunning = transfer.edges.filter((e) => e.to === 'active.running');
    // Only the timed starts are drawn on their own: the rate limiter's and the system's moment.
    expect(toRunning.flatMap((e) => e.lines)).toEqual([
      'after the limiter’s delay (1 min, doubling) [waits for nothing]',
      'at the moment the system picks (10 min to 6 h after creation) [waits for nothing]',
    ]);
    // Only a default session's task fails offline, from the three states it can be in.
    const failsOffline = transfer.edges.filter((e) => e.lines.includes('[fails offline] / fail'));
    expect(failsOffline.map((e) => e.from).sort()).toEqual([
      'active.running',
      'active.starting',
      'active.waiting.forApp',
    ]);
  });

  test('no two states overlap, each sits inside its parent, and no label covers a state', () => {
    for (const c of charts) {
      const byPath = new Map(c.nodes.map((n) => [n.path, n]));
      for (const node of c.nodes) {
        const parent = byPath.get(node.path.split('.').slice(0, -1).join('.'));
        if (parent)
          expect(inside(boxOf(node.box), boxOf(parent.box)), `${c.id}: ${node.path}`).toBe(true);
        for (const other of c.nodes) {
          const related =
            other === node ||
            other.path.startsWith(`${node.path}.`) ||
            node.path.startsWith(`${other.path}.`);
          if (!related)
            expect(
              overlap(boxOf(node.box), boxOf(other.box)),
              `${c.id}: ${node.path} / ${other.path}`,
            ).toBe(false);
        }
        if (node.kind === 'atomic' || node.kind === 'final') {
          for (const edge of c.edges) {
            expect(
              overlap(boxOf(edge.box), boxOf(node.box)),
              `${c.id}: label of ${edge.from}>${edge.to}`,
            ).toBe(false);
          }
        }
      }
      // Every arrow is a polyline of at least two "x,y" points.
      expect(c.edges.every((e) => /^-?[\d.]+,-?[\d.]+( -?[\d.]+,-?[\d.]+)+$/.test(e.points))).toBe(
        true,
      );
    }
  });
});

describe('what a statechart lights', () => {
  function run(...events: ScenarioEvent[]) {
    const sim = createSimulation();
    for (const event of events) sim.send(event);
    const step = events.length - 1;
    return { view: sim.view(), step: sim.log().filter((e) => e.step === step) };
  }

  test('the suspension the step caused, and the timer that caused it while it ran', () => {
    const home = run({ type: 'user.openApp' }, { type: 'user.goHome' });
    // The same delay also ends in a kill when a file lock is held, so the timer names no target.
    expect(timersOf(chart('app'), home.view.pending).map((t) => t.text)).toContain(
      'awake, after 0.5 s',
    );
    const later = run(
      { type: 'user.openApp' },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: 1000 },
    );
    const taken = transitionsTaken(chart('app'), later.step);
    expect(taken.map((t) => `${t.from} → ${t.to} (${t.event})`)).toEqual([
      'awake → suspended (after 0.5 s)',
    ]);
    expect(taken[0]!.edge?.from).toBe('running.lifecycle.background.suspension.awake');
  });

  test('every condition switch moves the iPhone chart along an arrow it names', () => {
    const toggles: [ScenarioEvent, ScenarioEvent, string, string][] = [
      [{ type: 'network.offline' }, { type: 'network.online' }, 'online', 'offline'],
      [{ type: 'power.connect' }, { type: 'power.disconnect' }, 'battery', 'charging'],
      [
        { type: 'settings.lowPowerMode', on: true },
        { type: 'settings.lowPowerMode', on: false },
        'off',
        'on',
      ],
      [
        { type: 'settings.backgroundAppRefresh', on: false },
        { type: 'settings.backgroundAppRefresh', on: true },
        'on',
        'off',
      ],
      [{ type: 'debugger.attach' }, { type: 'debugger.detach' }, 'detached', 'attached'],
      [{ type: 'user.lockDevice' }, { type: 'user.unlockDevice' }, 'unlocked', 'locked'],
    ];
    for (const [on, off, from, to] of toggles) {
      const named = (step: ReturnType<typeof run>['step']) =>
        transitionsTaken(chart('device'), step).map((t) => `${t.from} → ${t.to} (${t.event})`);
      // With the app running, so the debugger has something to attach to.
      const open: ScenarioEvent = { type: 'user.openApp' };
      expect(named(run(open, on).step)).toEqual([`${from} → ${to} (${on.type})`]);
      expect(named(run(open, on, off).step)).toEqual([`${to} → ${from} (${off.type})`]);
    }
  });

  test('a transfer chart counts the tasks in each state', () => {
    const { view } = run(
      { type: 'user.openApp' },
      { type: 'app.startUploads', count: 3, bytes: 1000 },
    );
    expect(activeStates(chart('transfer'), view).get('active.running')).toBe(3);
  });

  test('tasks that run the same timer are listed once, with the soonest time left', () => {
    const { view } = run(
      { type: 'user.openApp' },
      { type: 'app.startUploads', count: 3, bytes: 1_000_000 },
    );
    const timers = timersOf(chart('transfer'), view.pending);
    const moving = timers.find((t) => t.text.startsWith('running → completed'));
    expect(moving?.count).toBe(3);
    expect(timeLeft(moving!.inMs)).toBe('10 s');
    expect(timeLeft(7 * 24 * 3_600_000 - 1)).toBe('6 d 23 h');
  });
});
