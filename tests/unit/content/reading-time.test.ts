import { describe, expect, test } from 'vitest';
import { MINUTES_PER_DEMO, WORDS_PER_MINUTE, readingMinutes } from '../../../src/lib/reading-time.ts';

const words = (count: number) => Array.from({ length: count }, () => 'word').join(' ');

describe('reading time', () => {
  test('counts the words at the reading speed, rounding up', () => {
    expect(readingMinutes(words(WORDS_PER_MINUTE))).toBe(1);
    expect(readingMinutes(words(WORDS_PER_MINUTE + 1))).toBe(2);
  });

  test('adds a fixed allowance for each demo and ignores its scenario props', () => {
    const demo = `<Playground scenario={{ version: 1, events: [${words(600).replace(/ /g, ', ')}] }} />`;
    expect(readingMinutes(`${words(WORDS_PER_MINUTE)}\n\n${demo}\n`)).toBe(1 + MINUTES_PER_DEMO);
  });

  test('leaves out frontmatter and imports but reads Swift listings', () => {
    const mdx = [
      '---',
      `title: ${words(400)}`,
      '---',
      "import Playground from '../../src/components/Playground/Playground.astro';",
      '```swift',
      words(WORDS_PER_MINUTE * 2),
      '```',
    ].join('\n');
    expect(readingMinutes(mdx)).toBe(2);
  });
});
