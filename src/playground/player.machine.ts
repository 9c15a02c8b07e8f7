/**
 * The playground's player: a run is a list of scenario events and a cursor.
 *
 * What the reader sees is always the simulation after replaying `events[0..cursor)` with the
 * chosen app code and seed, so stepping back is a replay, not an undo, and a shared link that
 * carries the same values reproduces the same moment. Sending a new event while rewound forks the
 * run: the later steps are dropped, but the run as it was is kept in `fork`, so `player.undo`
 * brings it back. Changing the app code is not a fork: it replays the same events.
 *
 * States: `paused` (the reader steps by hand) and `playing` (the island's timer sends
 *   `player.tick`; the machine itself never reads a clock).
 * Events: `player.step`, `player.back`, `player.jump` (to a cursor), `player.send` (append a
 *   scenario event at the cursor), `player.tick` (advance time while playing, merged into one
 *   `clock.advance`), `player.setAppCode`, `player.load` (a whole run, e.g. from a link),
 *   `player.undo` (restore the run a fork dropped steps from), `player.reset`, `player.play`,
 *   `player.pause`.
 * Used by: the Playground island on /playground/ and in every guide that embeds one.
 */
import { assign, setup } from 'xstate';
import type { AppCode, Scenario, ScenarioEvent } from '../sim/index.ts';

export interface PlayerContext {
  /** The app code choices; `{}` means the recommended defaults. */
  app: Partial<AppCode>;
  /** Every event of the run, including any after the cursor (the future, after a rewind). */
  events: ScenarioEvent[];
  /** How many events are applied: 0 is the start, `events.length` the end. */
  cursor: number;
  /** The scenario's seed for the system's own choices; absent means the default. */
  seed?: number;
  /** The last fork: the run before an event was sent while rewound, or null. */
  fork: Fork | null;
}

/** What a fork dropped, and the run as it was, so the reader can undo it. */
export interface Fork {
  /** How many later steps the fork dropped. */
  dropped: number;
  events: ScenarioEvent[];
  cursor: number;
}

export interface PlayerInput {
  app?: Partial<AppCode>;
  events?: ScenarioEvent[];
  cursor?: number;
  seed?: number;
}

export type PlayerEvent =
  | { type: 'player.step' }
  | { type: 'player.back' }
  | { type: 'player.jump'; to: number }
  | { type: 'player.send'; event: ScenarioEvent }
  | { type: 'player.tick'; ms: number }
  | { type: 'player.setAppCode'; app: Partial<AppCode> }
  | {
      type: 'player.load';
      app: Partial<AppCode>;
      events: ScenarioEvent[];
      cursor: number;
      seed?: number;
    }
  | { type: 'player.undo' }
  | { type: 'player.reset' }
  | { type: 'player.play' }
  | { type: 'player.pause' };

function clampCursor(cursor: number, length: number): number {
  if (!Number.isFinite(cursor)) return length;
  return Math.min(length, Math.max(0, Math.trunc(cursor)));
}

/** Appends an event at the cursor; anything after it is dropped and kept as the fork. */
function appendAtCursor(context: PlayerContext, event: ScenarioEvent): Partial<PlayerContext> {
  const events = [...context.events.slice(0, context.cursor), event];
  const dropped = context.events.length - context.cursor;
  if (dropped === 0) return { events, cursor: events.length };
  return {
    events,
    cursor: events.length,
    fork: { dropped, events: context.events, cursor: context.cursor },
  };
}

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as PlayerInput,
  },
  guards: {
    canStep: ({ context }) => context.cursor < context.events.length,
    canGoBack: ({ context }) => context.cursor > 0,
    hasFork: ({ context }) => context.fork !== null,
  },
  actions: {
    stepForward: assign({ cursor: ({ context }) => context.cursor + 1 }),
    stepBack: assign({ cursor: ({ context }) => context.cursor - 1 }),
    jump: assign({
      cursor: ({ context, event }) =>
        event.type === 'player.jump'
          ? clampCursor(event.to, context.events.length)
          : context.cursor,
    }),
    append: assign(({ context, event }) =>
      event.type === 'player.send' ? appendAtCursor(context, event.event) : {},
    ),
    tick: assign(({ context, event }) => {
      if (event.type !== 'player.tick') return {};
      const last = context.events[context.cursor - 1];
      // Playing adds one growing `clock.advance` rather than one event per tick, so a minute of
      // playing is one line in the log and one step to rewind over.
      if (context.cursor === context.events.length && last?.type === 'clock.advance') {
        const merged = { ...last, ms: last.ms + event.ms } as ScenarioEvent;
        return { events: [...context.events.slice(0, -1), merged] };
      }
      return appendAtCursor(context, { type: 'clock.advance', ms: event.ms } as ScenarioEvent);
    }),
    setAppCode: assign({
      app: ({ context, event }) => (event.type === 'player.setAppCode' ? event.app : context.app),
    }),
    load: assign(({ event }) =>
      event.type === 'player.load'
        ? {
            app: event.app,
            events: event.events,
            cursor: clampCursor(event.cursor, event.events.length),
            seed: event.seed,
            fork: null,
          }
        : {},
    ),
    undoFork: assign(({ context }) =>
      context.fork ? { events: context.fork.events, cursor: context.fork.cursor, fork: null } : {},
    ),
    reset: assign({ events: () => [], cursor: () => 0, fork: () => null }),
  },
}).createMachine({
  id: 'player',
  context: ({ input }) => {
    const events = input?.events ?? [];
    return {
      app: input?.app ?? {},
      events,
      cursor: clampCursor(input?.cursor ?? events.length, events.length),
      ...(input?.seed === undefined ? {} : { seed: input.seed }),
      fork: null,
    };
  },
  initial: 'paused',
  on: {
    'player.send': { actions: 'append' },
    'player.setAppCode': { actions: 'setAppCode' },
  },
  states: {
    paused: {
      on: {
        'player.step': { guard: 'canStep', actions: 'stepForward' },
        'player.back': { guard: 'canGoBack', actions: 'stepBack' },
        'player.jump': { actions: 'jump' },
        'player.load': { actions: 'load' },
        'player.undo': { guard: 'hasFork', actions: 'undoFork' },
        'player.reset': { actions: 'reset' },
        'player.play': { target: 'playing' },
      },
    },
    playing: {
      on: {
        'player.tick': { actions: 'tick' },
        'player.pause': { target: 'paused' },
        // Any move through the history stops the clock first, so the reader lands where asked.
        'player.step': { target: 'paused', guard: 'canStep', actions: 'stepForward' },
        'player.back': { target: 'paused', guard: 'canGoBack', actions: 'stepBack' },
        'player.jump': { target: 'paused', actions: 'jump' },
        'player.load': { target: 'paused', actions: 'load' },
        'player.undo': { target: 'paused', guard: 'hasFork', actions: 'undoFork' },
        'player.reset': { target: 'paused', actions: 'reset' },
      },
    },
  },
});

/** The scenario a player's context stands for (all events, future included). */
export function scenarioOf(context: Pick<PlayerContext, 'app' | 'events' | 'seed'>): Scenario {
  const scenario: Scenario = { version: 1, app: context.app, events: context.events };
  if (context.seed !== undefined) scenario.seed = context.seed;
  return scenario;
}
