/**
 * Snapshot -> summary (the contract's JSON) and snapshot -> view (what the playground renders).
 * Both return fresh plain objects, so callers may keep or serialise them freely.
 */
import { activePaths } from './simulation.ts';
import type { Engine } from './simulation.ts';
import type { MachineId, SimView, Summary, TransferSummary } from './types.ts';

function transfers(engine: Engine): TransferSummary[] {
  return engine.transfers.map((t) => {
    const out: TransferSummary = {
      id: t.id,
      kind: t.kind,
      state: t.state,
      bytesDone: t.bytesDone,
      bytesTotal: t.bytesTotal,
    };
    if (t.error) out.error = t.error;
    return out;
  });
}

/** The contract's summary JSON for the simulation as it stands. */
export function buildSummary(engine: Engine): Summary {
  return {
    timeMs: engine.timeMs,
    app: {
      state: engine.appState(),
      launches: engine.launches.map((l) => ({ ...l })),
      terminations: engine.terminations.map((t) => ({ ...t })),
    },
    transfers: transfers(engine),
    backgroundTasks: engine.bgTasks.map((t) => ({ name: t.name, state: t.state })),
    scheduledTasks: engine.sched.map((t) => ({
      identifier: t.identifier,
      kind: t.kind,
      state: t.state,
    })),
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

/** What the playground renders: the phone, the app, the daemons and their active states. */
export function buildView(engine: Engine): SimView {
  const summary = buildSummary(engine);
  const screen = engine.screen();
  const continued = engine.continued;
  const due = engine.nextDueMs();
  const actors = {
    device: engine.device,
    app: engine.app,
    transferDaemon: engine.daemon,
    scheduler: engine.scheduler,
    push: engine.push,
  } as const;
  return {
    timeMs: engine.timeMs,
    screen,
    locked: screen === 'lock',
    network: engine.online() ? 'online' : 'offline',
    power: engine.charging() ? 'charging' : 'battery',
    lowPowerMode: engine.lowPower(),
    backgroundAppRefresh: engine.barOn(),
    debuggerAttached: engine.debuggerOn(),
    app: {
      state: summary.app.state,
      backgroundTimeRemainingMs: engine.backgroundTimeRemainingMs(),
      inMemory: summary.app.state !== 'notRunning',
    },
    transfers: summary.transfers,
    backgroundTasks: summary.backgroundTasks,
    scheduledTasks: summary.scheduledTasks,
    liveActivity: continued
      ? {
          title: 'Exporting',
          progress: Math.min(
            1,
            Math.max(
              0,
              (engine.timeMs - continued.startedAtMs) /
                (continued.doneAtMs - continued.startedAtMs),
            ),
          ),
        }
      : null,
    notifications: engine.notifications.map((n) => ({ ...n })),
    machines: (Object.keys(actors) as MachineId[]).map((id) => ({
      id,
      label: LABELS[id],
      active: activePaths(actors[id].getSnapshot().value),
    })),
    nextDueInMs: due === null ? null : due - engine.timeMs,
  };
}
