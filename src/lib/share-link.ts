/**
 * The share-link codec: a whole playground run (app code, events, cursor) in a URL fragment.
 *
 * A link looks like `#run=v1.<payload>`, where the payload is the run as JSON, compressed with
 * the browser's own `CompressionStream('deflate-raw')` and written in base64url, so the codec
 * ships no compression library. The version prefix lets a later format change keep old links
 * readable, or at least refuse them with a clear message.
 *
 * A link is untrusted input: `decodeRun` never throws, caps every size before it allocates, and
 * hands the scenario to the simulation's own `validateScenario`, the only door into the model.
 */
import { validateScenario, type Scenario } from '../sim/index.ts';
import { excerpt } from '../sim/scenario.ts';

/** A run as the playground keeps it: the scenario and how many of its events are applied. */
export interface SharedRun {
  scenario: Scenario;
  cursor: number;
}

export type DecodeResult = { ok: true; run: SharedRun } | { ok: false; error: string };

/** The format this build writes. */
export const SHARE_LINK_VERSION = 1;
/** The name of the fragment parameter that carries a run. */
export const SHARE_LINK_PARAM = 'run';

/** Longest payload (base64url characters) a link may carry; far above any real run. */
const MAX_PAYLOAD_CHARS = 400_000;
/** Largest decompressed JSON accepted, so a small link cannot inflate into a huge one. */
const MAX_JSON_BYTES = 2_000_000;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Encodes a run as the token that follows `#run=` (for example `v1.q1YqSy0qzszPU7JSMtQzUNJRyk...`). */
export async function encodeRun(run: SharedRun): Promise<string> {
  const json = JSON.stringify({ scenario: run.scenario, cursor: run.cursor });
  const compressed = await pipeBytes(
    new TextEncoder().encode(json),
    new CompressionStream('deflate-raw'),
    Infinity,
  );
  return `v${SHARE_LINK_VERSION}.${toBase64Url(compressed)}`;
}

/** Builds the full URL of a page with the run in its fragment. */
export async function shareUrl(base: string, run: SharedRun): Promise<string> {
  const url = new URL(base);
  url.hash = `${SHARE_LINK_PARAM}=${await encodeRun(run)}`;
  return url.toString();
}

/** Finds the run token in a location hash (`#run=v1.…`, possibly among other parameters). */
export function runTokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(SHARE_LINK_PARAM);
}

/**
 * Decodes a token made by `encodeRun`, or a whole `#run=…` fragment. Never throws: anything
 * wrong (version, characters, compression, JSON, scenario, cursor) comes back as
 * `{ ok: false, error }`, with an error a reader can understand.
 */
export async function decodeRun(input: string): Promise<DecodeResult> {
  try {
    return await decodeUnsafe(input);
  } catch {
    return fail('it could not be read');
  }
}

async function decodeUnsafe(input: unknown): Promise<DecodeResult> {
  if (typeof input !== 'string') return fail('it is empty');
  let token = input.trim();
  if (token.startsWith('#') || token.includes('=')) {
    const found = runTokenFromHash(token.slice(token.indexOf('#') + 1));
    if (found === null) return fail('it does not contain a run');
    token = found;
  }
  if (token === '') return fail('it is empty');
  const match = /^v(\d{1,6})\.(.*)$/s.exec(token);
  if (!match) return fail('it does not start with a format version such as "v1."');
  const version = Number(match[1]);
  if (version !== SHARE_LINK_VERSION) {
    return fail(
      version > SHARE_LINK_VERSION
        ? `it uses format v${version}, newer than this page understands (v${SHARE_LINK_VERSION})`
        : `it uses format v${version}, which this page does not understand (v${SHARE_LINK_VERSION})`,
    );
  }
  const payload = match[2] ?? '';
  if (payload === '') return fail('it has no run after the version');
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return fail(`it is too long (${payload.length} characters; at most ${MAX_PAYLOAD_CHARS})`);
  }
  if (!BASE64URL.test(payload)) {
    return fail('it contains characters that cannot be part of a link');
  }
  // No base64 text has a length of 4n + 1: the link lost its end on the way.
  if (payload.length % 4 === 1) return fail('it is cut short');

  let bytes: Uint8Array;
  try {
    bytes = await pipeBytes(
      fromBase64Url(payload),
      new DecompressionStream('deflate-raw'),
      MAX_JSON_BYTES,
    );
  } catch (error) {
    if (error instanceof TooLargeError) {
      return fail(`it unpacks to more than ${MAX_JSON_BYTES} bytes`);
    }
    return fail('its compressed data is cut short or corrupted');
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('its data is not text');
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('its data is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('its data is not a run');
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => key !== 'scenario' && key !== 'cursor');
  if (extra.length > 0) return fail(`it has an unknown field "${excerpt(extra[0] ?? '')}"`);
  if (!('scenario' in record)) return fail('it has no scenario');

  const checked = validateScenario(record.scenario);
  if (!checked.ok) return fail(`its scenario is invalid: ${checked.error}`);
  const scenario = checked.scenario;

  const cursor = record.cursor ?? scenario.events.length;
  if (
    typeof cursor !== 'number' ||
    !Number.isInteger(cursor) ||
    cursor < 0 ||
    cursor > scenario.events.length
  ) {
    return fail(`its position must be a whole number from 0 to ${scenario.events.length}`);
  }
  return { ok: true, run: { scenario, cursor } };
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}

class TooLargeError extends Error {}

/** Pushes bytes through a (de)compression stream, stopping early past `limit` output bytes. */
async function pipeBytes(
  input: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Write and close without awaiting: a corrupt input rejects these promises too, and the reader
  // below reports the same error; awaiting both would leave one rejection unhandled.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw new TooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
