/**
 * The simulation: creates the actor system on a virtual clock, hands it scenario events, moves
 * the clock, and records what the inspection stream shows (the log, the callbacks). It decides
 * nothing about iOS: every rule lives in a machine.
 */
import { createActor } from 'xstate';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import { appRefusal, appStateOf, uploadsCrash } from './app-process.machine.ts';
import type { AppContext } from './app-process.machine.ts';
import { VirtualClock } from './clock.ts';
import { describeEvent } from './describe.ts';
import { deviceRefusal } from './device.machine.ts';
import type { DeviceContext } from './device.machine.ts';
import { addressee, iphoneMachine } from './iphone.machine.ts';
import type { ActorEvent } from './iphone.machine.ts';
import { DEFAULT_SEED, checkEvent, resolveAppCode } from './scenario.ts';
import type { DaemonContext } from './transfer-daemon.machine.ts';
import { schedulerRefusal } from './task-scheduler.machine.ts';
import type { SchedulerContext } from './task-scheduler.machine.ts';
import type { Facts } from './messages.ts';
import type {
  AppCode,
  CallbackSummary,
  Lane,
  LogEntry,
  ScenarioEvent,
  SendResult,
  Summary,
} from './types.ts';

/**
 * Plain, serialisable state of a whole simulation, to rewind to. Its snapshot, callbacks,
 * refusals and log entries share the simulation's own immutable records: treat them as read-only.
 */
export interface SimCheckpoint {
  code: AppCode;
  seed: number;
  timeMs: number;
  step: number;
  snapshot: unknown;
  /** The delayed events still to come: who scheduled them (actor ids from the root) and when. */
  timers: { path: string[]; id: string; event: { type: string }; inMs: number }[];
  callbacks: CallbackSummary[];
  refused: Summary['refused'];
  /**
   * The log up to this moment is the first `logLength` entries: the list is the simulation's own,
   * which only ever grows, so a checkpoint every few events costs nothing to take.
   */
  entries: readonly LogEntry[];
  logLength: number;
}

/** The log lane of each machine's own entries. */
export const LANE_OF_MACHINE: Readonly<Record<string, Lane>> = {
  device: 'system',
  app: 'app',
  transferDaemon: 'transferDaemon',
  transfer: 'transferDaemon',
  scheduler: 'scheduler',
  taskRequest: 'scheduler',
  push: 'push',
  iphone: 'system',
};

/** The sender of a scenario event: the person, or the world around the phone. */
export const OUTSIDE = 'scenario';

const LANES: Record<string, Lane> = { user: 'user', app: 'app', push: 'push' };
const laneOf = (type: string): Lane => LANES[type.split('.')[0] ?? ''] ?? 'system';
const machineOf = (ref: unknown): string => {
  const actor = ref as { id: string; logic?: { id?: string } };
  return actor.logic?.id ?? actor.id;
};

export class Engine {
  readonly code: AppCode;
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly actor;
  step = 0;
  callbacks: CallbackSummary[] = [];
  refused: Summary['refused'] = [];
  entries: LogEntry[] = [];
  private lastSender = new Map<string, { from: string; event: string }>();

  /** `observe` sees every inspection event too (the model-based tests read coverage from it). */
  constructor(
    app?: Partial<AppCode>,
    from?: SimCheckpoint,
    seed = DEFAULT_SEED,
    observe?: (e: InspectionEvent) => void,
  ) {
    this.code = from ? from.code : resolveAppCode(app);
    this.seed = from ? from.seed : seed;
    this.clock = new VirtualClock(from?.timeMs ?? 0);
    if (from) {
      this.step = from.step;
      // Records are never changed once written, so the lists are copied, not their items.
      this.callbacks = from.callbacks.slice();
      this.refused = from.refused.slice();
      this.entries = from.entries.slice(0, from.logLength);
    }
    this.actor = this.clock.enter(() => {
      const actor = createActor(iphoneMachine, {
        input: { code: this.code, seed: this.seed },
        clock: this.clock,
        inspect: (e) => {
          observe?.(e);
          this.inspect(e);
        },
        // Machines update their context by copying, never in place (a property test checks), so
        // the restored actors may start from the checkpoint's own objects.
        ...(from ? { snapshot: from.snapshot as never } : {}),
      });
      actor.start();
      // A persisted snapshot does not carry the system's scheduled events; schedule them again
      // with the time they had left, in the order they were set.
      for (const t of from?.timers ?? []) {
        const ref = refAt(actor as unknown as AnyActorRef, t.path);
        if (ref) {
          (actor.system as unknown as SystemScheduler).scheduler.schedule(
            ref,
            ref,
            t.event,
            t.inMs,
            t.id,
          );
        }
      }
      return actor;
    });
  }

  get timeMs(): number {
    return this.clock.timeMs;
  }

  child<T>(id: string): { context: T; value: unknown; children: Record<string, AnyActorRef> } {
    const children = this.actor.getSnapshot().children as Record<string, AnyActorRef>;
    const ref = children[id] as AnyActorRef;
    return ref.getSnapshot() as {
      context: T;
      value: unknown;
      children: Record<string, AnyActorRef>;
    };
  }

  facts(): Facts {
    const device = this.child<DeviceContext>('device');
    const app = this.child<AppContext>('app');
    const daemon = this.child<DaemonContext>('transferDaemon');
    const scheduler = this.child<SchedulerContext>('scheduler');
    const state = appStateOf(app.value);
    const screen = (device.value as { screen: Facts['screen'] }).screen;
    const budget = (app.value as { running?: { lifecycle?: { background?: { budget?: string } } } })
      .running?.lifecycle?.background?.budget;
    return {
      screen,
      card: device.context.card,
      app: state,
      conditions: device.context.conditions,
      runningTasks: app.context.tasks.filter((t) => t.state === 'running').map((t) => t.name),
      budgetSpent: budget === 'spent',
      transfers: daemon.context.records.length,
      uploadsCrash: uploadsCrash(this.code),
      continuedRunning: scheduler.context.continued !== null,
      pendingTasks: scheduler.context.records
        .filter((r) => r.state === 'pending')
        .map((r) => r.identifier),
      runningTask:
        scheduler.context.records.find((r) => r.actorId === scheduler.context.busy)?.identifier ??
        null,
    };
  }

  refusal(event: ScenarioEvent): string | null {
    const invalid = checkEvent(event);
    if (invalid) return invalid;
    if (event.type === 'clock.advance' || event.type === 'push.silent') return null;
    const facts = this.facts();
    return (
      deviceRefusal(event, facts) ?? appRefusal(event, facts) ?? schedulerRefusal(event, facts)
    );
  }

  send(event: ScenarioEvent): SendResult {
    const reason = this.refusal(event);
    if (reason !== null) {
      const type =
        typeof event === 'object' && event && typeof event.type === 'string'
          ? event.type
          : 'unknown';
      this.refused.push({ index: this.step, type, reason });
      this.log({ lane: laneOf(type), kind: 'refused', text: `${type} refused: ${reason}.` });
      this.step += 1;
      return { accepted: false, reason };
    }
    const first = this.entries.length;
    this.log({ lane: laneOf(event.type), kind: 'event', text: describeEvent(event) });
    if (event.type === 'clock.advance') this.clock.advance(event.ms);
    else {
      const to = this.actor.system.get(addressee(event.type)) as AnyActorRef;
      this.clock.enter(() => to.send(event as ActorEvent));
      this.clock.advance(0);
    }
    this.step += 1;
    // The sentence is built only when someone reads it; a replay sends thousands unread.
    const entries = this.entries;
    const end = entries.length;
    let narration: string | undefined;
    return {
      accepted: true,
      get narration() {
        narration ??= narrate(entries.slice(first, end));
        return narration;
      },
    };
  }

  checkpoint(): SimCheckpoint {
    const timers = this.clock.pending();
    return {
      // XState's snapshots are immutable, so consecutive checkpoints share what did not change.
      snapshot: this.actor.getPersistedSnapshot(),
      ...structuredClone({
        code: this.code,
        seed: this.seed,
        timeMs: this.timeMs,
        step: this.step,
        timers: this.scheduled().map((s, i) => ({
          path: pathOf(s.source),
          id: s.id,
          event: s.event,
          inMs: (timers[i]?.dueMs ?? this.timeMs) - this.timeMs,
        })),
      }),
      // Written once and never changed: the records are shared, the lists are copies.
      callbacks: this.callbacks.slice(),
      refused: this.refused.slice(),
      entries: this.entries,
      logLength: this.entries.length,
    };
  }

  private scheduled(): ScheduledLike[] {
    const system = this.actor.system as unknown as {
      getSnapshot(): { _scheduledEvents: Record<string, ScheduledLike> };
    };
    return Object.values(system.getSnapshot()._scheduledEvents);
  }

  /** The delayed transitions scheduled now, paired with the clock's timers in creation order. */
  pending(): { machine: string; event: string; label: string; inMs: number }[] {
    const scheduled = this.scheduled();
    const timers = this.clock.pending();
    const out: { machine: string; event: string; label: string; inMs: number }[] = [];
    scheduled.forEach((s, i) => {
      const due = timers[i]?.dueMs;
      if (due === undefined || !Number.isFinite(due)) return;
      const delay = /^xstate\.after\.([^.]+)\./.exec(s.event.type)?.[1] ?? s.event.type;
      out.push({
        machine: machineOf(s.source),
        event: s.event.type,
        label: delay,
        inMs: due - this.timeMs,
      });
    });
    return out;
  }

  private log(entry: Omit<LogEntry, 'step' | 'atMs'>): void {
    this.entries.push({ step: this.step, atMs: this.timeMs, ...entry });
  }

  private inspect(e: InspectionEvent): void {
    if (e.type === '@xstate.event') {
      // A scenario event comes from outside the actor system, sent by no actor.
      const from = e.sourceRef ? machineOf(e.sourceRef) : OUTSIDE;
      if (e.sourceRef || !e.event.type.startsWith('xstate.')) {
        this.lastSender.set((e.actorRef as unknown as { sessionId: string }).sessionId, {
          from,
          event: e.event.type,
        });
      }
      return;
    }
    if (e.type === '@xstate.action') {
      const { type, params } = e.action as { type: string; params?: Record<string, string> };
      if (type === 'deliverCallback' && params) {
        const entry: CallbackSummary = { atMs: this.timeMs, name: params['name']! };
        if (params['task'] !== undefined) entry.task = params['task'];
        this.callbacks.push(entry);
        this.log({
          lane: 'app',
          kind: 'callback',
          text: params['text'] ?? `The app's code runs ${params['name']}.`,
          callback: params['name']!,
          ...(params['task'] !== undefined ? { task: params['task'] } : {}),
          ...(params['error'] !== undefined ? { error: params['error'] } : {}),
        });
      } else if (type === 'note' && params) {
        this.log({
          lane: LANE_OF_MACHINE[machineOf(e.actorRef)] ?? 'system',
          kind: 'event',
          text: params['text']!,
          ...(params['task'] !== undefined ? { task: params['task'] } : {}),
        });
      }
      return;
    }
    if (e.type === '@xstate.microstep') {
      const machine = machineOf(e.actorRef);
      const sender = this.lastSender.get(
        (e.actorRef as unknown as { sessionId: string }).sessionId,
      );
      for (const t of (e as unknown as { _transitions: TransitionLike[] })._transitions) {
        if (!t.description) continue;
        const target = t.target?.[0];
        this.log({
          lane: LANE_OF_MACHINE[machine] ?? 'system',
          kind: 'state',
          text: t.description,
          ...(sender && sender.event === t.eventType ? { from: sender.from, to: machine } : {}),
          ...(machine === 'transfer' ? { task: (e.actorRef as unknown as { id: string }).id } : {}),
          transition: {
            machine,
            source: t.source.path.join('.'),
            target: target ? target.path.join('.') : t.source.path.join('.'),
            event: t.eventType,
          },
        });
      }
    }
  }
}

interface ScheduledLike {
  source: AnyActorRef;
  id: string;
  event: { type: string };
}

interface SystemScheduler {
  scheduler: {
    schedule(
      source: AnyActorRef,
      target: AnyActorRef,
      event: unknown,
      delay: number,
      id: string,
    ): void;
  };
}

/** Actor ids from the root down to `ref`. */
function pathOf(ref: AnyActorRef): string[] {
  const path: string[] = [];
  let cur: AnyActorRef | undefined = ref;
  while (cur && (cur as unknown as { _parent?: AnyActorRef })._parent) {
    path.unshift(cur.id);
    cur = (cur as unknown as { _parent?: AnyActorRef })._parent;
  }
  return path;
}

function refAt(root: AnyActorRef, path: string[]): AnyActorRef | undefined {
  let cur: AnyActorRef | undefined = root;
  for (const id of path) {
    const snapshot = cur?.getSnapshot() as { children?: Record<string, AnyActorRef> } | undefined;
    const next: AnyActorRef | undefined = snapshot?.children?.[id];
    cur = next;
  }
  return cur;
}

interface TransitionLike {
  description?: string;
  eventType: string;
  source: { path: string[] };
  target?: { path: string[] }[];
}

/** The cause (the event) and its consequences (what changed), in one sentence. */
function narrate(entries: LogEntry[]): string {
  const [cause, ...rest] = entries;
  const base = (cause?.text ?? '').replace(/\.$/, '');
  const seen = new Set<string>();
  const consequences: string[] = [];
  for (const e of rest) {
    if (e.kind !== 'state' && e.kind !== 'callback') continue;
    const text = e.kind === 'callback' ? `${e.callback} runs` : e.text.replace(/\.$/, '');
    if (seen.has(text)) continue;
    seen.add(text);
    // A callback keeps its Swift spelling (BGTask.expirationHandler); a sentence goes lower case.
    consequences.push(
      e.kind === 'callback' ? text : `${text.charAt(0).toLowerCase()}${text.slice(1)}`,
    );
  }
  return consequences.length ? `${base}, so ${consequences.join('; ')}.` : `${base}.`;
}
