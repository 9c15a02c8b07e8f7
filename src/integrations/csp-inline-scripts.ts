/** An Astro integration that runs hashInlineScripts over every built page. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { hashInlineScripts } from '../lib/csp-inline-scripts.ts';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

export default function cspInlineScripts(): AstroIntegration {
  return {
    name: 'csp-inline-scripts',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const files = htmlFiles(fileURLToPath(dir));
        for (const file of files) {
          const html = readFileSync(file, 'utf8');
          const hashed = hashInlineScripts(html);
          if (hashed !== html) writeFileSync(file, hashed);
        }
        logger.info(`Hashed the inline scripts of ${files.length} pages into their policies.`);
      },
    },
  };
}
