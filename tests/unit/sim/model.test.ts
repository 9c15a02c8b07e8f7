import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import type { AnyStateMachine, EventObject } from 'xstate';
import { getAdjacencyMap, getStateNodes } from '@xstate/graph';
import { createSimulation, machineDefinitions, parseScenario } from '../../../src/sim/index.ts';
import type { AppCode, Scenario, ScenarioEvent } from '../../../src/sim/index.ts';
import { activePaths } from '../../../src/sim/simulation.ts';

const modes = ['idle', 'transferring', 'waiting', 'eventsPending', 'deliveringEvents'] as const;
const taskModes = ['none', 'pending', 'running'] as const;

type AnyEvent = { type: string; [key: string]: unknown };

const scenario = (app: Partial<AppCode>, events: ScenarioEvent[]): Scenario => ({
  version: 1,
  app,
  events,
});

const EVENTS: Record<keyof typeof machineDefinitions, AnyEvent[]> = {
  device: [
    'user.openApp',
    'user.goHome',
    'user.openAppSwitcher',
    'user.lockDevice',
    'user.unlockDevice',
    'app.closed',
    'app.exited',
    'system.reboot',
    'network.offline',
    'network.online',
    'power.connect',
    'power.disconnect',
    'debugger.attach',
    'debugger.detach',
  ]
    .map((type) => ({ type }))
    .concat(
      [true, false].flatMap((on) => [
        { type: 'settings.lowPowerMode', on },
        { type: 'settings.backgroundAppRefresh', on },
      ]) as AnyEvent[],
    ),
  app: [
    { type: 'process.launch', foreground: true },
    { type: 'process.launch', foreground: false },
    ...[
      'scene.activate',
      'scene.resignActive',
      'scene.enterBackground',
      'scene.enterForeground',
      'process.suspend',
      'process.resume',
      'process.terminate',
    ].map((type) => ({ type })),
    ...[
      [true, true],
      [true, false],
      [false, false],
    ].map(([held, expiring]) => ({ type: 'assertions.changed', held, expiring })),
  ],
  transferDaemon: modes.map((mode) => ({ type: 'daemon.update', mode })),
  scheduler: taskModes.flatMap((appRefresh) =>
    taskModes.flatMap((processing) =>
      (['none', 'running'] as const).map((continuedProcessing) => ({
        type: 'scheduler.update',
        appRefresh,
        processing,
        continuedProcessing,
      })),
    ),
  ),
  push: [
    'push.deliver',
    'push.completed',
    'app.exited',
    'app.forceQuit',
    'app.openedByUser',
    'system.reboot',
  ].map((type) => ({ type })),
};

function coverage(machine: AnyStateMachine, events: EventObject[]) {
  const adjacency = getAdjacencyMap(machine, { events });
  const reached = new Set<string>();
  const taken = new Set<unknown>();
  for (const { state } of Object.values(adjacency)) {
    for (const path of activePaths((state as { value: unknown }).value)) {
      const parts = path.split('.');
      for (let i = 1; i <= parts.length; i += 1) reached.add(parts.slice(0, i).join('.'));
    }
    for (const event of events) {
      const actor = createActor(machine, {
        snapshot: state as never,
        inspect: (ev) => {
          if (ev.type === '@xstate.microstep')
            for (const t of (ev as unknown as { _transitions: unknown[] })._transitions)
              taken.add(t);
        },
      }).start();
      actor.send(event);
      actor.stop();
    }
  }
  const nodes = getStateNodes(machine.root);
  const missingStates = nodes.map((n) => n.path.join('.')).filter((p) => !reached.has(p));
  const all = [machine.root, ...nodes].flatMap((n) =>
    [...n.transitions.values()].flat().map((t) => ({
      t,
      label: `${n.path.join('.') || 'root'} --${t.eventType}--> ${(t.target ?? []).map((x: { path: string[] }) => x.path.join('.')).join(',')}`,
    })),
  );
  const missingTransitions = all.filter(({ t }) => !taken.has(t)).map(({ label }) => label);
  return {
    missingStates,
    missingTransitions,
    stateCount: nodes.length,
    transitionCount: all.length,
  };
}

describe('model-based coverage', () => {
  for (const [id, machine] of Object.entries(machineDefinitions)) {
    test(`reaches every state and takes every transition of the ${id} machine`, () => {
      const result = coverage(
        machine as AnyStateMachine,
        EVENTS[id as keyof typeof machineDefinitions],
      );
      expect(result.stateCount).toBeGreaterThan(2);
      expect(result.transitionCount).toBeGreaterThan(2);
      expect(result.missingStates).toEqual([]);
      expect(result.missingTransitions).toEqual([]);
    });
  }

  test('the simulation itself drives every machine into every one of its states', () => {
    // Each machine is checked alone above; this checks that scenario events really bring the
    // coordinator to every state, replaying the example scenarios and a few short runs step by step.
    const dir = join(import.meta.dirname, '..', '..', '..', 'scenarios');
    const runs: Scenario[] = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const parsed = parseScenario(readFileSync(join(dir, name), 'utf8'));
        if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
        return parsed.scenario;
      });
    runs.push(
      scenario({}, [{ type: 'network.offline' }, { type: 'network.online' }]),
      scenario({}, [{ type: 'settings.backgroundAppRefresh', on: false }]),
      scenario({ expirationHandlerEndsTask: false }, [
        { type: 'user.openApp' },
        { type: 'app.beginBackgroundTask', name: 'a' },
        { type: 'user.goHome' },
        { type: 'clock.advance', ms: 30_000 },
      ]),
      scenario({ callsCompletionHandler: false }, [
        { type: 'user.openApp' },
        { type: 'app.startUploads', count: 1, bytes: 1_000_000 },
        { type: 'user.goHome' },
        { type: 'clock.advance', ms: 10_000 },
      ]),
    );
    const seen = new Map<string, Set<string>>();
    for (const run of runs) {
      const sim = createSimulation(run.app);
      for (const event of run.events) {
        sim.send(event);
        for (const m of sim.view().machines) {
          const reached = seen.get(m.id) ?? new Set<string>();
          for (const path of m.active) {
            const parts = path.split('.');
            for (let i = 1; i <= parts.length; i += 1) reached.add(parts.slice(0, i).join('.'));
          }
          seen.set(m.id, reached);
        }
      }
    }
    const missing = Object.entries(machineDefinitions).flatMap(([id, def]) =>
      getStateNodes(def.root)
        .map((n) => n.path.join('.'))
        .filter((path) => !seen.get(id)?.has(path))
        .map((path) => `${id}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  test('view().machines lists active states that exist in the machine definitions', () => {
    const sim = createSimulation();
    for (const event of [
      { type: 'user.openApp' },
      { type: 'app.beginBackgroundTask' },
      { type: 'user.goHome' },
    ] as const)
      sim.send(event);
    for (const m of sim.view().machines) {
      const def = machineDefinitions[m.id];
      const paths = new Set(getStateNodes(def.root).map((n) => n.path.join('.')));
      expect(m.active.length).toBeGreaterThan(0);
      for (const a of m.active) expect(paths.has(a)).toBe(true);
    }
    expect(sim.view().machines.find((m) => m.id === 'app')?.active).toEqual([
      'background.assertionHeld',
    ]);
  });
});
