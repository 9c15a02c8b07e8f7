/**
 * The virtual clock: XState's `Clock` (setTimeout, clearTimeout) over virtual milliseconds.
 *
 * `advance` steps from one due timer to the next and fires each at its own time, so a delayed
 * transition is stamped with the moment it was due, never with the end of the jump (XState's
 * SimulatedClock moves the time first, then fires everything). Timers due at the same moment
 * fire in the order they were set. Machines read the time with `now()`: the simulation makes
 * its clock the current one whenever it hands the actors an event, and everything the actors
 * do runs synchronously inside that call.
 */
/** XState's clock interface, as createActor's `clock` option takes it. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

interface Timer {
  id: number;
  dueMs: number;
  fn: () => void;
}

/** The clocks of the simulations running now, innermost last. */
const running: VirtualClock[] = [];

/** The time on the clock of the simulation that is running now. */
export function now(): number {
  return running[running.length - 1]?.timeMs ?? 0;
}

export class VirtualClock implements Clock {
  timeMs: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(timeMs = 0) {
    this.timeMs = timeMs;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.push({ id, dueMs: this.timeMs + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(id: unknown): void {
    const index = this.timers.findIndex((t) => t.id === id);
    if (index >= 0) this.timers.splice(index, 1);
  }

  /** Makes this clock the one `now()` reads, for the duration of `run`. */
  enter<T>(run: () => T): T {
    running.push(this);
    try {
      return run();
    } finally {
      running.pop();
    }
  }

  /** Fires every timer due within `ms`, each at its own time, then stands at the end. */
  advance(ms: number): void {
    this.enter(() => {
      const target = this.timeMs + ms;
      for (;;) {
        const next = this.earliest();
        if (!next || next.dueMs > target) break;
        this.timers.splice(this.timers.indexOf(next), 1);
        this.timeMs = next.dueMs;
        next.fn();
      }
      this.timeMs = target;
    });
  }

  /** The timers still to fire, in the order they were set, with their due times. */
  pending(): { dueMs: number }[] {
    return this.timers.map((t) => ({ dueMs: t.dueMs }));
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.dueMs < best.dueMs) best = t;
    return best;
  }
}
