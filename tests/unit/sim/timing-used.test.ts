import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { timing } from '../../../src/sim/index.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (dir: string, ext: RegExp): string =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => ext.test(file) && !file.endsWith('timing.ts'))
    .map((file) => readFileSync(join(root, dir, file), 'utf8'))
    .join('\n');

describe('timing', () => {
  test('every duration is the delay of a machine or a value a guide quotes', () => {
    const machines = read('src/sim', /\.ts$/);
    const guides = read('content', /\.mdx$/);
    for (const key of Object.keys(timing)) {
      const used = new RegExp(`\\b${key}\\b`);
      expect(used.test(machines) || used.test(guides), key).toBe(true);
    }
  });
});
