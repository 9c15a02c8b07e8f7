/**
 * `node scripts/serve-dist.ts <port>`: serves the production build in dist/ for the browser
 * tests, as a static host would, until stopped.
 */
import { serveDist } from '../tests/support/static-server.ts';

const port = Number(process.argv[2] ?? 4329);
try {
  const { origin } = await serveDist(port);
  console.log(`Serving dist/ at ${origin}/`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use. Stop what listens there, or run the tests with PORT=<another port>.`
      : `Could not serve dist/: ${String(error)}`,
  );
  process.exit(1);
}
