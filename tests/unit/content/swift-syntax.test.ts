import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  lineShown,
  listingChoices,
  listingTemplate,
} from '../../../src/playground/swift-listing.ts';

// Every Swift listing a reader can copy parses with tree-sitter-swift: a syntax check, not a
// type check (no Swift compiler runs here), so a lost brace or a typo never ships. The grammar
// (0.7.1) rejects some valid Swift 6: typed throws `throws(E)`, `sending` parameters and results,
// `nonisolated(unsafe)`, `nonisolated(nonsending)` and `isolated deinit`. Listings here avoid
// them; it accepts `@Sendable` closures, `nonisolated`, `@MainActor`, `@concurrent`, `async let`,
// `@unchecked Sendable`, `~Copyable`, `consuming`, parameter packs and if/switch expressions.

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof import('tree-sitter');
const Swift = require('tree-sitter-swift') as import('tree-sitter').Language;

const parser = new Parser();
parser.setLanguage(Swift);

const root = join(import.meta.dirname, '..', '..', '..');
const contentDir = join(root, 'content');

interface Problem {
  /** `ERROR`, or `MISSING }` and the like for a node the parser had to invent. */
  node: string;
  /** 1-based line in the parsed source. */
  line: number;
  /** That line's text, trimmed. */
  text: string;
}

/** Each ERROR or MISSING node of a Swift source, with its line and the text there. */
function syntaxProblems(source: string): Problem[] {
  const problems: Problem[] = [];
  const visit = (node: import('tree-sitter').SyntaxNode): void => {
    // hasError covers ERROR and MISSING nodes below; it keeps the walk off clean subtrees.
    if (!node.hasError) return;
    if (node.type === 'ERROR' || node.isMissing) {
      problems.push({
        node: node.isMissing ? `MISSING ${node.type}` : 'ERROR',
        line: node.startPosition.row + 1,
        text: source.split('\n')[node.startPosition.row]?.trim() ?? '',
      });
      // The first node of a broken region says where; its children repeat it.
      return;
    }
    for (const child of node.children) visit(child);
  };
  visit(parser.parse(source).rootNode);
  return problems;
}

interface SwiftBlock {
  /** 1-based line of the opening fence in the MDX file. */
  line: number;
  source: string;
}

/** The ```swift fenced blocks of an MDX file, dedented by their fence's indentation. */
function swiftBlocks(mdx: string): SwiftBlock[] {
  const blocks: SwiftBlock[] = [];
  const lines = mdx.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})swift\b/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !(lines[j] ?? '').trim().startsWith(fence); j++) {
      body.push((lines[j] ?? '').startsWith(indent) ? (lines[j] ?? '').slice(indent.length) : (lines[j] ?? ''));
    }
    blocks.push({ line: i + 1, source: body.join('\n') });
    i = j;
  }
  return blocks;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(path);
    return entry.name.endsWith('.mdx') ? [path] : [];
  });
}

/**
 * Every pair of app code choices in each of its value combinations, the others at their
 * defaults. The template nests a choice inside another at most one deep, so any broken variant
 * shows up in a pair; all 2^n combinations took a minute once the choices passed ten.
 */
function choicePairs(): Record<string, string>[] {
  const entries = Object.entries(listingChoices);
  const defaults = Object.fromEntries(entries.map(([key, [first]]) => [key, first]));
  const combos: Record<string, string>[] = [defaults];
  entries.forEach(([a, aValues], i) => {
    for (const [b, bValues] of entries.slice(i + 1)) {
      for (const av of aValues) for (const bv of bValues) combos.push({ ...defaults, [a]: av, [b]: bv });
    }
  });
  return combos;
}

describe('the syntax check', () => {
  test('reports a missing brace, a lost parenthesis and a typo with their line', () => {
    expect(syntaxProblems('struct A {\n    var x: Int\n')).toEqual([
      { node: 'MISSING }', line: 3, text: '' },
    ]);
    expect(syntaxProblems('let x = f(1, 2\nlet y = 2\n')).toContainEqual({
      node: 'ERROR',
      line: 2,
      text: 'let y = 2',
    });
    expect(syntaxProblems('let x = = 1\n')).toEqual([
      expect.objectContaining({ node: 'ERROR', line: 1 }),
    ]);
  });

  test('accepts the Swift 6 concurrency syntax the listings use', () => {
    const swift6 = [
      '@MainActor final class Model {',
      '    nonisolated func register() {',
      '        BGTaskScheduler.shared.register(forTaskWithIdentifier: "r", using: nil) { @Sendable task in',
      '            Task { @MainActor in self.handle(task) }',
      '        }',
      '    }',
      '    func load() async throws -> Int {',
      '        async let a = fetch()',
      '        return try await a',
      '    }',
      '}',
      'extension BGTask: @retroactive @unchecked Sendable {}',
    ].join('\n');
    expect(syntaxProblems(swift6)).toEqual([]);
  });
});

describe('Swift in the guides and pitfalls', () => {
  for (const file of mdxFiles(contentDir)) {
    const blocks = swiftBlocks(readFileSync(file, 'utf8'));
    if (blocks.length === 0) continue;
    const name = relative(root, file);
    test(`every swift block in ${name} parses`, () => {
      const problems = blocks.flatMap((block) =>
        syntaxProblems(block.source).map(
          (problem) =>
            `${name}:${block.line + problem.line} (swift block at line ${block.line}): ${problem.node}: ${problem.text}`,
        ),
      );
      expect(problems).toEqual([]);
    });
  }
});

describe('the playground Swift listing', () => {
  test('parses in every variant any two app code choices can show', () => {
    const template = listingTemplate();
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const app of choicePairs()) {
      const source = template
        .filter((line) => lineShown(line, app))
        .map((line) => line.text)
        .join('\n');
      if (seen.has(source)) continue;
      seen.add(source);
      const choices = Object.entries(app)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      problems.push(
        ...syntaxProblems(source).map(
          (problem) =>
            `listing variant ${choices}, line ${problem.line}: ${problem.node}: ${problem.text}`,
        ),
      );
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });
});
