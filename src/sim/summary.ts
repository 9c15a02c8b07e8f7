/**
 * Snapshots -> summary (the contract's JSON) and snapshots -> view (what the playground
 * renders). Both return fresh plain objects, so callers may keep or serialise them freely.
 */
import type { AnyActorRef } from 'xstate';
import { appStateOf, backgroundTimeRemainingMs } from './app-process.machine.ts';
import type { AppContext } from './app-process.machine.ts';
import type { DeviceContext } from './device.machine.ts';
import type { Engine } from './simulation.ts';
import { exportProgress } from './task-request.machine.ts';
import type { RequestContext } from './task-request.machine.ts';
import type { SchedulerContext } from './task-scheduler.machine.ts';
import type { DaemonContext } from './transfer-daemon.machine.ts';
import { bytesDoneAt, waitReason } from './transfer.machine.ts';
import type { TransferContext } from './transfer.machine.ts';
import type { MachineId, SimView, Summary, TransferSummary } from './types.ts';

/** Leaf state paths of a snapshot value, as dotted ids ('background.suspension.awake'). */
export function activePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value && typeof value === 'object') {
    const out: string[] = [];
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const inner = activePaths(child, `${prefix}${key}.`);
      out.push(...(inner.length ? inner : [prefix + key]));
    }
    return out;
  }
  return [];
}

function transfers(engine: Engine): TransferSummary[] {
  const daemon = engine.child<DaemonContext>('transferDaemon');
  const active = new Set(daemon.context.active.map((a) => a.id));
  return daemon.context.records.map((r) => {
    if (!active.has(r.id)) return { ...r };
    const ref = daemon.children[r.id] as AnyActorRef | undefined;
    const snap = ref?.getSnapshot() as { context: TransferContext; value: unknown } | undefined;
    if (!snap) return { ...r };
    const c = snap.context;
    const runningNow =
      typeof snap.value === 'object' && (snap.value as { active?: unknown }).active === 'running';
    return {
      id: r.id,
      kind: r.kind,
      state: waitReason(c, engine.timeMs) === null ? 'running' : 'waiting',
      bytesDone: bytesDoneAt(c, runningNow, engine.timeMs),
      bytesTotal: c.bytesTotal,
    };
  });
}

const backgroundTasks = (app: AppContext): Summary['backgroundTasks'] =>
  app.tasks.map((t) => ({ name: t.name, state: t.state }));

const scheduledTasks = (scheduler: SchedulerContext): Summary['scheduledTasks'] =>
  scheduler.records.map((r) => ({ identifier: r.identifier, kind: r.kind, state: r.state }));

/** The contract's summary JSON for the simulation as it stands. */
export function buildSummary(engine: Engine): Summary {
  const app = engine.child<AppContext>('app');
  return {
    timeMs: engine.timeMs,
    app: {
      state: appStateOf(app.value),
      launches: app.context.launches.map((l) => ({ ...l })),
      terminations: app.context.terminations.map((t) => ({ ...t })),
    },
    transfers: transfers(engine),
    backgroundTasks: backgroundTasks(app.context),
    scheduledTasks: scheduledTasks(engine.child<SchedulerContext>('scheduler').context),
    callbacks: engine.callbacks.map((c) => ({ ...c })),
    refused: engine.refused.map((r) => ({ ...r })),
  };
}

const LABELS: Record<MachineId, string> = {
  device: 'iPhone',
  app: 'App process',
  transferDaemon: 'Transfer daemon (nsurlsessiond)',
  scheduler: 'Task scheduler (BGTaskScheduler)',
  push: 'Push service',
};

/**
 * What the playground renders: the phone, the app, the daemons and their active states. It reads
 * only what is on screen now, not the run's whole history of callbacks, launches and refusals.
 */
export function buildView(engine: Engine): SimView {
  const device = engine.child<DeviceContext>('device');
  const app = engine.child<AppContext>('app');
  const scheduler = engine.child<SchedulerContext>('scheduler');
  const screen = (device.value as { screen: SimView['screen'] }).screen;
  const c = device.context.conditions;
  const continuedRef = scheduler.context.continued
    ? (scheduler.children[scheduler.context.continued] as AnyActorRef | undefined)
    : undefined;
  const continued = continuedRef?.getSnapshot() as { context: RequestContext } | undefined;
  const state = appStateOf(app.value);
  const pending = engine.pending();
  const next = pending.length ? Math.min(...pending.map((p) => p.inMs)) : null;
  return {
    timeMs: engine.timeMs,
    screen,
    locked: screen === 'lock',
    network: c.online ? 'online' : 'offline',
    power: c.charging ? 'charging' : 'battery',
    lowPowerMode: c.lowPower,
    backgroundAppRefresh: c.backgroundAppRefresh,
    debuggerAttached: c.debugger,
    app: {
      state,
      backgroundTimeRemainingMs: backgroundTimeRemainingMs(app.context, state, engine.timeMs),
      inMemory: state !== 'notRunning',
    },
    transfers: transfers(engine),
    backgroundTasks: backgroundTasks(app.context),
    scheduledTasks: scheduledTasks(scheduler.context),
    liveActivity: continued
      ? { title: 'Exporting', progress: exportProgress(continued.context, engine.timeMs) }
      : null,
    notifications: app.context.notifications.map((n) => ({ ...n })),
    machines: (Object.keys(LABELS) as MachineId[]).map((id) => ({
      id,
      label: LABELS[id],
      active: activePaths(engine.child(id).value),
    })),
    nextDueInMs: next,
    pending,
  };
}
