import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timing } from '../../src/sim/index.ts';

/** content/ at the top of the repository, where the guides and pitfalls live. */
export const contentDir = join(import.meta.dirname, '..', '..', 'content');

/** A demo preset in an MDX file: the object literal given to `scenario`, `broken` or `fixed`. */
export interface Preset {
  file: string;
  prop: 'scenario' | 'broken' | 'fixed';
  literal: string;
}

/** Every MDX file of the guides and pitfalls. */
export function contentFiles(): string[] {
  return ['guides', 'pitfalls'].flatMap((folder) =>
    readdirSync(join(contentDir, folder))
      .filter((name) => name.endsWith('.mdx'))
      .map((name) => join(contentDir, folder, name)),
  );
}

/** The object literal that starts at `text[start]` (a `{`), found by balancing braces. */
export function objectAt(text: string, start: number): string {
  let depth = 0;
  for (let end = start; end < text.length; end++) {
    if (text[end] === '{') depth++;
    if (text[end] === '}' && --depth === 0) return text.slice(start, end + 1);
  }
  throw new Error(`unbalanced braces from offset ${start}`);
}

/** The presets of one MDX file, in the order they appear. */
export function presetsIn(file: string): Preset[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\b(scenario|broken|fixed)=\{\{/g)].map((match) => ({
    file,
    prop: match[1] as Preset['prop'],
    literal: objectAt(text, (match.index ?? 0) + match[0].length - 1),
  }));
}

/** A preset's value, as the MDX evaluates it: presets may quote durations from `timing`. */
export function evaluatePreset(literal: string): unknown {
  return new Function('timing', `return (${literal});`)(timing) as unknown;
}
