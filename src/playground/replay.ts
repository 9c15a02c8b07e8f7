/**
 * Replays a run to its cursor, reusing work where it can.
 *
 * The view is always `createSimulation(app)` after `events[0..cursor)`. Stepping forward sends
 * only the next events to the simulation that is already there; anything else (a step back, a
 * new app code, a changed past) replays from the start, which is exact because the simulation is
 * deterministic. The whole run's log (future included, for the timeline) is cached separately.
 */
import { createSimulation } from '../sim/index.ts';
import type { AppCode, LogEntry, ScenarioEvent, SimView } from '../sim/index.ts';

type Simulation = ReturnType<typeof createSimulation>;
type SendResult = ReturnType<Simulation['send']>;

/** The simulation at the cursor, and what the last applied event did. */
export interface Frame {
  sim: Simulation;
  view: SimView;
  /** Log entries up to the cursor. */
  log: readonly LogEntry[];
  /** Result of the last applied event, or null at the start. */
  last: SendResult | null;
}

interface Live {
  app: Partial<AppCode>;
  seed: number | undefined;
  events: readonly ScenarioEvent[];
  applied: number;
  sim: Simulation;
  last: SendResult | null;
}

/** Caches a live simulation and the whole run's log between renders. */
export class Replayer {
  private live: Live | null = null;
  private full: {
    app: Partial<AppCode>;
    seed: number | undefined;
    events: readonly ScenarioEvent[];
    log: readonly LogEntry[];
  } | null = null;

  /** The simulation after the first `cursor` events of the run, with the scenario's seed. */
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
      live.applied > cursor ||
      !samePrefix(live.events, events, live.applied)
    ) {
      live = { app, seed, events, applied: 0, sim: createSimulation(app, { seed }), last: null };
    }
    live.events = events;
    for (; live.applied < cursor; live.applied++) {
      live.last = live.sim.send(events[live.applied]!);
    }
    this.live = live;
    const log = live.sim.log().slice();
    if (cursor === events.length && !this.fullIsCurrent(app, events, seed)) {
      this.full = { app, seed, events, log };
    }
    return { sim: live.sim, view: live.sim.view(), log, last: live.last };
  }

  /** The log of the whole run, future included. */
  fullLog(
    app: Partial<AppCode>,
    events: readonly ScenarioEvent[],
    seed?: number,
  ): readonly LogEntry[] {
    if (this.full && this.fullIsCurrent(app, events, seed)) return this.full.log;
    const sim = createSimulation(app, { seed });
    for (const event of events) sim.send(event);
    this.full = { app, seed, events, log: sim.log().slice() };
    return this.full.log;
  }

  private fullIsCurrent(
    app: Partial<AppCode>,
    events: readonly ScenarioEvent[],
    seed: number | undefined,
  ): boolean {
    return this.full?.app === app && this.full.events === events && this.full.seed === seed;
  }
}

function samePrefix(a: readonly ScenarioEvent[], b: readonly ScenarioEvent[], n: number): boolean {
  if (a === b) return true;
  if (b.length < n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
