/**
 * Astro's Content-Security-Policy hashes the scripts it bundles and hoists, but not the
 * `is:inline` ones Starlight writes into every page (the theme and sidebar restorers, the search
 * shortcut). This adds each page's own inline scripts to its policy by hash, so those exact
 * scripts run and any other inline script is still blocked.
 */
import { createHash } from 'node:crypto';

const POLICY = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/i;
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page with every inline script's hash in its script-src; unchanged without a policy. */
export function hashInlineScripts(html: string): string {
  const policy = POLICY.exec(html);
  if (!policy) return html;
  const directives = policy[2]!.split(';');
  const index = directives.findIndex((d) => d.trim().startsWith('script-src '));
  if (index === -1) return html;
  const sources = new Set(directives[index]!.trim().split(/\s+/));
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (match[1]!.trim() !== '') sources.add(sha256(match[1]!));
  }
  directives[index] = ` ${[...sources].join(' ')}`;
  return html.replace(POLICY, `$1${directives.join(';')}$3`);
}
