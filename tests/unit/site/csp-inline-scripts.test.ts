import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { hashInlineScripts } from '../../../src/lib/csp-inline-scripts.ts';

const hash = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const page = (policy: string, body: string) =>
  `<html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body>${body}</body></html>`;

describe('hashInlineScripts', () => {
  test('allows each inline script of the page by its own hash', () => {
    const html = page(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
      '<script>theme()</script><script type="module">sidebar()</script>',
    );
    const out = hashInlineScripts(html);
    expect(out).toContain(
      `script-src 'self' 'wasm-unsafe-eval' ${hash('theme()')} ${hash('sidebar()')};`,
    );
    expect(out).toContain("style-src 'self'");
  });

  test('leaves external scripts, repeated scripts and pages without a policy alone', () => {
    const html = page(
      "script-src 'self'",
      '<script src="/a.js"></script><script>x()</script><script>x()</script>',
    );
    expect(hashInlineScripts(html)).toContain(`script-src 'self' ${hash('x()')}"`);
    const plain = '<html><script>x()</script></html>';
    expect(hashInlineScripts(plain)).toBe(plain);
  });
});
