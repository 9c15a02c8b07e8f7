/**
 * Parse and validate a scenario. This is the only door for untrusted input (share links, files,
 * embeds): it never throws, and every error is one line that names what is wrong and where.
 */
import { DEFAULT_APP_CODE } from './types.ts';
import type { AppCode, Scenario, ScenarioEvent } from './types.ts';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest single clock.advance: 30 days. */
export const MAX_ADVANCE_MS = 30 * DAY_MS;
export const MAX_COUNT = 100;
export const MAX_BYTES = 10_000_000_000;
export const MAX_EVENTS = 10_000;
export const MAX_NAME_LENGTH = 64;
export const MAX_SEED = 2147483647;
export const DEFAULT_SEED = 1;

type FieldKind = 'ms' | 'earliestMs' | 'count' | 'bytes' | 'bool' | 'name';
interface FieldRule {
  kind: FieldKind;
  required: boolean;
}

const req = (kind: FieldKind): FieldRule => ({ kind, required: true });
const opt = (kind: FieldKind): FieldRule => ({ kind, required: false });

/** Each event type and the fields it takes. */
export const EVENT_FIELDS: Readonly<
  Record<ScenarioEvent['type'], Readonly<Record<string, FieldRule>>>
> = {
  'user.openApp': {},
  'user.goHome': {},
  'user.openAppSwitcher': {},
  'user.forceQuit': {},
  'user.lockDevice': {},
  'user.unlockDevice': {},
  'system.memoryPressure': {},
  'system.reboot': {},
  'app.crash': {},
  'debugger.attach': {},
  'debugger.detach': {},
  'network.offline': {},
  'network.online': {},
  'power.connect': {},
  'power.disconnect': {},
  'settings.lowPowerMode': { on: req('bool') },
  'settings.backgroundAppRefresh': { on: req('bool') },
  'app.beginBackgroundTask': { name: opt('name') },
  'app.endBackgroundTask': { name: opt('name') },
  'app.startUploads': { count: req('count'), bytes: req('bytes') },
  'app.startDownloads': { count: req('count'), bytes: req('bytes') },
  'app.scheduleAppRefresh': { earliestBeginMs: opt('earliestMs') },
  'app.scheduleProcessing': { requiresExternalPower: opt('bool'), requiresNetwork: opt('bool') },
  'app.startContinuedProcessing': {},
  'debugger.simulateLaunch': { identifier: req('name') },
  'debugger.simulateExpiration': { identifier: req('name') },
  'user.stopContinuedProcessing': {},
  'push.silent': {},
  'clock.advance': { ms: req('ms') },
};

/** Every value each app code key takes, the default first. */
export const APP_VALUES: Readonly<Record<keyof AppCode, readonly (string | boolean)[]>> = {
  sessionKind: ['background', 'default'],
  uploadSource: ['file', 'data'],
  sessionOwner: ['singleton', 'screen'],
  callsCompletionHandler: [true, false],
  expirationHandlerEndsTask: [true, false],
  beginsTaskOnBackground: [false, true],
  lifecycle: ['scene', 'appDelegate'],
  callsSetTaskCompleted: [true, false],
  callsFetchCompletionHandler: [true, false],
  registersTasksAtLaunch: [true, false],
  releasesFileLocks: [true, false],
  reportsProgress: [true, false],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Longest excerpt of the input an error quotes: a link can carry a key a million characters long. */
const MAX_QUOTE_LENGTH = 40;

/** Cuts quoted input to a short excerpt, so an error stays one readable line. */
export const excerpt = (text: string): string =>
  text.length > MAX_QUOTE_LENGTH ? `${text.slice(0, MAX_QUOTE_LENGTH)}…` : text;

const show = (value: unknown): string => {
  try {
    const text = JSON.stringify(value);
    return excerpt(text === undefined ? String(value) : text);
  } catch {
    return excerpt(String(value));
  }
};

const wholeIn = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function checkField(where: string, kind: FieldKind, value: unknown): string | null {
  switch (kind) {
    case 'ms':
      return wholeIn(value, 1, MAX_ADVANCE_MS)
        ? null
        : `${where} must be a whole number of milliseconds from 1 to ${MAX_ADVANCE_MS}`;
    case 'earliestMs':
      return wholeIn(value, 0, MAX_ADVANCE_MS)
        ? null
        : `${where} must be a whole number of milliseconds from 0 to ${MAX_ADVANCE_MS}`;
    case 'count':
      return wholeIn(value, 1, MAX_COUNT)
        ? null
        : `${where} must be a whole number from 1 to ${MAX_COUNT}`;
    case 'bytes':
      return wholeIn(value, 1, MAX_BYTES)
        ? null
        : `${where} must be a whole number of bytes from 1 to ${MAX_BYTES}`;
    case 'bool':
      return typeof value === 'boolean' ? null : `${where} must be true or false`;
    case 'name':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_NAME_LENGTH
        ? null
        : `${where} must be a non-empty text of at most ${MAX_NAME_LENGTH} characters`;
  }
}

/** Checks one event; returns a one-line error naming the field, or null when it is valid. */
export function checkEvent(value: unknown, where = 'event'): string | null {
  if (!isRecord(value)) return `${where} must be an object with a "type"`;
  const type = value['type'];
  if (typeof type !== 'string') return `${where}.type must be a text such as "user.openApp"`;
  if (!Object.hasOwn(EVENT_FIELDS, type)) return `${where}.type ${show(type)} is not a known event`;
  const fields = EVENT_FIELDS[type as ScenarioEvent['type']];
  for (const key of Object.keys(value)) {
    if (key !== 'type' && !Object.hasOwn(fields, key)) {
      return `${where}.${excerpt(key)} is not a field of ${type}`;
    }
  }
  for (const [key, rule] of Object.entries(fields)) {
    const present = Object.hasOwn(value, key) && value[key] !== undefined;
    if (!present) {
      if (rule.required) return `${where}.${key} is missing (${type} needs it)`;
      continue;
    }
    const problem = checkField(`${where}.${key}`, rule.kind, value[key]);
    if (problem) return problem;
  }
  return null;
}

/** Validates an already-parsed value as a scenario. Never throws. */
export function validateScenario(value: unknown): ScenarioResult {
  try {
    if (!isRecord(value)) return { ok: false, error: 'the scenario must be a JSON object' };
    for (const key of Object.keys(value)) {
      if (key !== 'version' && key !== 'seed' && key !== 'app' && key !== 'events') {
        return {
          ok: false,
          error: `"${excerpt(key)}" is not a scenario key (expected version, seed, app, events)`,
        };
      }
    }
    if (value['version'] !== 1) {
      return {
        ok: false,
        error: `version ${show(value['version'])} is not supported (expected 1)`,
      };
    }
    const seed = value['seed'];
    if (seed !== undefined && !wholeIn(seed, 0, MAX_SEED)) {
      return { ok: false, error: `seed must be a whole number from 0 to ${MAX_SEED}` };
    }
    const app: Partial<AppCode> = {};
    const rawApp = 'app' in value ? value['app'] : {};
    if (!isRecord(rawApp)) return { ok: false, error: 'app must be an object of app code choices' };
    for (const [key, choice] of Object.entries(rawApp)) {
      if (!Object.hasOwn(APP_VALUES, key)) {
        return { ok: false, error: `app.${excerpt(key)} is not a known app code choice` };
      }
      const allowed = APP_VALUES[key as keyof AppCode];
      if (!allowed.includes(choice as string | boolean)) {
        return {
          ok: false,
          error: `app.${key} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        };
      }
      (app as Record<string, unknown>)[key] = choice;
    }
    const events = value['events'];
    if (!Array.isArray(events)) return { ok: false, error: 'events must be a list of events' };
    if (events.length > MAX_EVENTS) {
      return {
        ok: false,
        error: `events has ${events.length} entries; at most ${MAX_EVENTS} can be replayed`,
      };
    }
    const out: ScenarioEvent[] = [];
    for (let i = 0; i < events.length; i += 1) {
      const problem = checkEvent(events[i], `events[${i}]`);
      if (problem) return { ok: false, error: problem };
      out.push({ ...(events[i] as ScenarioEvent) });
    }
    const scenario: Scenario = { version: 1, app, events: out };
    if (seed !== undefined) scenario.seed = seed as number;
    return { ok: true, scenario };
  } catch {
    return { ok: false, error: 'the scenario could not be read' };
  }
}

/** Parses scenario JSON text. Never throws. */
export function parseScenario(text: string): ScenarioResult {
  if (typeof text !== 'string') return { ok: false, error: 'the scenario must be JSON text' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { ok: false, error: `the scenario is not valid JSON: ${detail}` };
  }
  return validateScenario(value);
}

/** Fills the defaults for every app code choice the scenario leaves out. */
export function resolveAppCode(app: Partial<AppCode> = {}): AppCode {
  const out: AppCode = { ...DEFAULT_APP_CODE };
  for (const key of Object.keys(APP_VALUES) as (keyof AppCode)[]) {
    const choice = app[key];
    if (choice !== undefined && APP_VALUES[key].includes(choice)) {
      (out as unknown as Record<string, unknown>)[key] = choice;
    }
  }
  return out;
}
