import { describe, expect, test } from 'vitest';
import {
  decodeRun,
  encodeRun,
  runTokenFromHash,
  shareUrl,
  type SharedRun,
} from '../../../src/lib/share-link.ts';

const run: SharedRun = {
  scenario: {
    version: 1,
    app: { sessionKind: 'default', callsCompletionHandler: false },
    events: [
      { type: 'user.openApp' },
      { type: 'app.startUploads', count: 3, bytes: 4_000_000 },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: 10_000 },
      { type: 'system.memoryPressure' },
    ],
  },
  cursor: 3,
};

/** Compresses arbitrary text the way encodeRun does, to build links with bad contents. */
async function tokenFor(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `v1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

async function expectError(input: string, pattern: RegExp) {
  const result = await decodeRun(input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatch(pattern);
}

describe('share link', () => {
  test('round-trips a run: app code, events and cursor', async () => {
    const token = await encodeRun(run);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const decoded = await decodeRun(token);
    expect(decoded).toEqual({ ok: true, run });
  });

  test('reads a whole fragment or URL as well as the bare token', async () => {
    const url = await shareUrl('https://example.com/playground/', run);
    expect(url).toMatch(/^https:\/\/example\.com\/playground\/#run=v1\./);
    expect(await decodeRun(url)).toEqual({ ok: true, run });
    expect(await decodeRun(new URL(url).hash)).toEqual({ ok: true, run });
    expect(runTokenFromHash(new URL(url).hash)).toMatch(/^v1\./);
  });

  test('round-trips a run of a thousand events in a link of reasonable length', async () => {
    const events = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0
        ? { type: 'clock.advance' as const, ms: 1000 }
        : { type: 'user.openApp' as const },
    );
    const big: SharedRun = { scenario: { version: 1, app: {}, events }, cursor: 500 };
    const token = await encodeRun(big);
    expect(token.length).toBeLessThan(2000);
    expect(await decodeRun(token)).toEqual({ ok: true, run: big });
  });

  test('refuses an empty link or one without a run', async () => {
    await expectError('', /empty/);
    await expectError('#other=1', /does not contain a run/);
  });

  test('refuses a link without a version', async () => {
    await expectError('abc', /format version/);
  });

  test('refuses a link from a newer format version', async () => {
    const token = (await encodeRun(run)).replace(/^v1\./, 'v2.');
    await expectError(token, /v2, newer than this page understands/);
    await expectError(token.replace(/^v2\./, 'v0.'), /v0/);
  });

  test('refuses characters that base64url does not use', async () => {
    await expectError('v1.abc$def', /characters/);
  });

  test('refuses a truncated link', async () => {
    const token = await encodeRun(run);
    await expectError(token.slice(0, Math.floor(token.length / 2)), /cut short|not valid JSON/);
    // A length no base64 text can have says plainly that the end was lost.
    const payloadLength = token.length - 'v1.'.length;
    const cut = token.slice(0, token.length - ((payloadLength - 1) % 4));
    expect((cut.length - 'v1.'.length) % 4).toBe(1);
    await expectError(cut, /^it is cut short$/);
    await expectError('v1.a', /^it is cut short$/);
  });

  test('refuses a tampered link', async () => {
    const token = await encodeRun(run);
    const middle = Math.floor(token.length / 2);
    const flipped = token[middle] === 'A' ? 'B' : 'A';
    const tampered = token.slice(0, middle) + flipped + token.slice(middle + 1);
    const result = await decodeRun(tampered);
    // A flipped character either breaks the compressed data or changes the run into one that
    // fails validation; it never yields a different run silently... unless it decodes to a valid
    // run, which deflate cannot rule out, so in that case it must still be a valid scenario.
    if (result.ok) expect(result.run.scenario.version).toBe(1);
    else expect(result.error.length).toBeGreaterThan(5);
  });

  test('refuses garbage that is not compressed data', async () => {
    await expectError('v1.SGVsbG8gd29ybGQh', /cut short or corrupted|not valid JSON|not text/);
  });

  test('refuses compressed text that is not JSON', async () => {
    await expectError(await tokenFor('hello world'), /not valid JSON/);
  });

  test('refuses JSON that is not a run', async () => {
    await expectError(await tokenFor('[1,2]'), /not a run/);
    await expectError(await tokenFor('{"cursor":0}'), /no scenario/);
    await expectError(await tokenFor('{"scenario":{},"cursor":0,"x":1}'), /unknown field "x"/);
  });

  test('names what is wrong with an invalid scenario', async () => {
    const bad = { scenario: { version: 1, app: {}, events: [{ type: 'user.dance' }] }, cursor: 0 };
    await expectError(await tokenFor(JSON.stringify(bad)), /scenario is invalid: .*user\.dance/);
    const unknownKey = { scenario: { version: 1, app: { colour: 'red' }, events: [] }, cursor: 0 };
    await expectError(await tokenFor(JSON.stringify(unknownKey)), /scenario is invalid: .*colour/);
  });

  test('quotes only a short excerpt of a million-character key', async () => {
    const key = 'k'.repeat(1_000_000);
    const token = await tokenFor(`{"scenario":{"version":1,"events":[],"${key}":1},"cursor":0}`);
    const result = await decodeRun(token);
    expect(result.ok ? 'decoded' : result.error).toBe(
      `its scenario is invalid: "${'k'.repeat(40)}…" is not a scenario key (expected version, seed, app, events)`,
    );
    const field = await tokenFor(`{"scenario":{"version":1,"events":[]},"${key}":1}`);
    expect(await decodeRun(field)).toEqual({
      ok: false,
      error: `it has an unknown field "${'k'.repeat(40)}…"`,
    });
  });

  test('refuses a cursor outside the run', async () => {
    for (const cursor of [-1, 6, 1.5, '2']) {
      const bad = { scenario: run.scenario, cursor };
      await expectError(
        await tokenFor(JSON.stringify(bad)),
        /position must be a whole number from 0 to 5/,
      );
    }
  });

  test('refuses a link that unpacks into something huge', async () => {
    const huge = JSON.stringify({ scenario: run.scenario, cursor: 0, pad: ' '.repeat(3_000_000) });
    await expectError(await tokenFor(huge), /unpacks to more than/);
  });

  test('never throws, whatever it is given', async () => {
    for (const input of [undefined, null, 42, {}, 'v1.', 'v1.____', 'v99999999.abc', '#run=']) {
      const result = await decodeRun(input as unknown as string);
      expect(result.ok).toBe(false);
    }
  });
});
