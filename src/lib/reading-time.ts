/**
 * How long a page takes to read, demos included, estimated from its MDX source at build time.
 * The /guides/ index and the home page's start-here path quote it, so a team lead can plan.
 */

/** Words a developer reads in a minute of technical prose and Swift. */
export const WORDS_PER_MINUTE = 200;

/** Minutes a reader spends driving one demo (a Playground or a PlaygroundCompare). */
export const MINUTES_PER_DEMO = 2;

const DEMO_TAG = /<(Playground|PlaygroundCompare)\b/g;

/** Whole minutes to read an MDX body and run its demos, never less than one. */
export function readingMinutes(mdx: string): number {
  const demos = [...mdx.matchAll(DEMO_TAG)].length;
  const words = proseOf(mdx).match(/[\p{L}\p{N}][\p{L}\p{N}'’_.-]*/gu)?.length ?? 0;
  return Math.max(1, Math.ceil(words / WORDS_PER_MINUTE + demos * MINUTES_PER_DEMO));
}

/**
 * The text a reader reads: without frontmatter, ESM lines, tags and the props of components,
 * whose scenario objects are data the demo plays, not words on the page.
 */
function proseOf(mdx: string): string {
  const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = body.split('\n').filter((line) => !/^(import|export)\s/.test(line));
  return withoutExpressions(lines.join('\n'));
}

/** Drops fence lines, every `{...}` expression and every JSX or HTML tag outside fenced code. */
function withoutExpressions(text: string): string {
  let out = '';
  let depth = 0;
  let inFence = false;
  for (const line of text.split('\n')) {
    if (depth === 0 && /^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out += `${line}\n`;
      continue;
    }
    let prose = '';
    for (const char of line) {
      if (char === '{') depth++;
      else if (char === '}' && depth > 0) depth--;
      else if (depth === 0) prose += char;
    }
    out += `${prose.replace(/<\/?[A-Za-z][^>]*>?/g, ' ')}\n`;
  }
  return out;
}
