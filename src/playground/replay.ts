/**
 * Replays a run to its cursor, reusing work where it can.
 *
 * The view is always `createSimulation(app, { seed })` after `events[0..cursor)`. Stepping
 * forward sends only the next events to the simulation that is already there. Along the way it
 * keeps a checkpoint every CHECKPOINT_EVERY events, so a step back restores the nearest one at or
 * before the cursor and replays only the few events after it, which is exact because the
 * simulation is deterministic. A new app code, seed or a changed past starts over from the
 * start. The whole run's log (future included, for the timeline) is kept from the last time the
 * live run reached the end.
 */
import { createSimulation, restoreSimulation } from '../sim/index.ts';
import { entriesOfStep } from './explain-step.ts';
import type {
  AppCode,
  LogEntry,
  ScenarioEvent,
  SendResult,
  SimCheckpoint,
  SimView,
  Simulation,
} from '../sim/index.ts';

/** Events between checkpoints: a step back replays fewer than this many. */
export const CHECKPOINT_EVERY = 25;

/** The simulation at the cursor, and what the last applied event did. */
export interface Frame {
  sim: Simulation;
  view: SimView;
  /** The log entries of the last applied event (the whole log is `sim.log()`). */
  step: readonly LogEntry[];
  /** Result of the last applied event, or null at the start. */
  last: SendResult | null;
}

/** A checkpoint, and what the event before it did. */
interface Saved {
  checkpoint: SimCheckpoint;
  last: SendResult | null;
}

interface Live {
  app: Partial<AppCode>;
  seed: number | undefined;
  events: readonly ScenarioEvent[];
  applied: number;
  sim: Simulation;
  last: SendResult | null;
  /** saved[k] is the run after k * CHECKPOINT_EVERY events. */
  saved: Saved[];
}

/** Caches a live simulation, its checkpoints and the whole run's log between renders. */
export class Replayer {
  private live: Live | null = null;
  private full: {
    app: Partial<AppCode>;
    seed: number | undefined;
    events: readonly ScenarioEvent[];
    log: readonly LogEntry[];
  } | null = null;

  /** The simulation after the first `cursor` events of the run. */
  at(
    app: Partial<AppCode>,
    events: readonly ScenarioEvent[],
    cursor: number,
    seed?: number,
  ): Frame {
    let live = this.live;
    if (
      !live ||
      live.app !== app ||
      live.seed !== seed ||
      !samePrefix(live.events, events, Math.min(live.applied, cursor))
    ) {
      live = fresh(app, seed, events);
    } else if (live.applied > cursor) {
      live = rewound(live, cursor);
    }
    live.events = events;
    for (; live.applied < cursor; live.applied++) {
      live.last = live.sim.send(events[live.applied]!);
      if ((live.applied + 1) % CHECKPOINT_EVERY === 0) save(live, live.applied + 1);
    }
    this.live = live;
    const log = live.sim.log();
    if (cursor === events.length && !this.fullOf(app, events, seed)) {
      this.full = { app, seed, events, log: log.slice() };
    }
    const step = entriesOfStep(log, cursor - 1);
    return { sim: live.sim, view: live.sim.view(), step, last: live.last };
  }

  /**
   * The log of the whole run, future included. It is read by playing the live simulation to the
   * end, checkpoints and all, so a moment before the end is then a short rewind away rather than
   * a second replay from the start.
   */
  fullLog(
    app: Partial<AppCode>,
    events: readonly ScenarioEvent[],
    seed?: number,
  ): readonly LogEntry[] {
    const kept = this.fullOf(app, events, seed);
    if (kept) return kept;
    this.at(app, events, events.length, seed);
    return this.full!.log;
  }

  /** The whole-run log kept for exactly this run, if there is one. */
  private fullOf(
    app: Partial<AppCode>,
    events: readonly ScenarioEvent[],
    seed: number | undefined,
  ): readonly LogEntry[] | null {
    const full = this.full;
    return full && full.app === app && full.seed === seed && full.events === events
      ? full.log
      : null;
  }
}

function fresh(
  app: Partial<AppCode>,
  seed: number | undefined,
  events: readonly ScenarioEvent[],
): Live {
  const live: Live = {
    app,
    seed,
    events,
    applied: 0,
    sim: createSimulation(app, { seed }),
    last: null,
    saved: [],
  };
  save(live, 0);
  return live;
}

function save(live: Live, applied: number): void {
  const k = applied / CHECKPOINT_EVERY;
  if (live.saved.length !== k) return;
  live.saved.push({ checkpoint: live.sim.checkpoint(), last: live.last });
}

/** The run restored from the nearest checkpoint at or before `cursor`. */
function rewound(live: Live, cursor: number): Live {
  const k = Math.min(Math.floor(cursor / CHECKPOINT_EVERY), live.saved.length - 1);
  const saved = live.saved[k]!;
  return {
    ...live,
    applied: k * CHECKPOINT_EVERY,
    sim: restoreSimulation(saved.checkpoint),
    last: saved.last,
    saved: live.saved.slice(0, k + 1),
  };
}

function samePrefix(a: readonly ScenarioEvent[], b: readonly ScenarioEvent[], n: number): boolean {
  if (a === b) return true;
  if (b.length < n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
