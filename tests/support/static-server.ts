import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir, htmlFileFor } from './built-site.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

/** Text is sent gzipped to a browser that takes it, as every static host does. */
const COMPRESSED = new Set(['.html', '.js', '.css', '.svg', '.json', '.xml']);

/**
 * Serves dist/ on a loopback port (a free one unless `port` is given), as a static host would:
 * a folder without its trailing slash redirects to it, a missing page gets the site's 404, and
 * text goes gzipped (Lighthouse would otherwise time a page over bytes no host sends).
 * The browser tests and the benchmarks use it instead of `astro preview`, whose lock file
 * stops a second preview of the same project (say, `npm start` left running).
 */
export async function serveDist(port = 0): Promise<{ origin: string; server: Server }> {
  const notFound = join(distDir, '404.html');
  const gzipped = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    const file = htmlFileFor(url.pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': TYPES['.html']! });
      response.end(existsSync(notFound) ? readFileSync(notFound) : 'Not found');
      return;
    }
    if (!url.pathname.endsWith('/') && file.endsWith(join(url.pathname, 'index.html'))) {
      response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const ext = extname(file);
    const type = TYPES[ext] ?? 'application/octet-stream';
    if (COMPRESSED.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
      let body = gzipped.get(file);
      if (!body) {
        body = gzipSync(readFileSync(file));
        gzipped.set(file, body);
      }
      response
        .writeHead(200, {
          'content-type': type,
          'content-encoding': 'gzip',
          vary: 'accept-encoding',
        })
        .end(body);
      return;
    }
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
