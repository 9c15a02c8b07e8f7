// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';
import cspInlineScripts from './src/integrations/csp-inline-scripts.ts';
import preloadIslands from './src/integrations/preload-islands.ts';

// The sitemap (and so the site checks) needs an absolute origin; a deployment sets its own.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // Astro hashes every script and style it emits, Starlight's inline ones included, into a
  // per-page policy; Pagefind compiles WebAssembly, and style attributes come from Shiki.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: {
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  integrations: [
    starlight({
      title: 'Background Lab',
      description:
        'Learn iOS background execution by driving a live simulation of an iPhone: lifecycle, background tasks, URLSession transfers, BGTaskScheduler and silent push.',
      logo: { light: './src/assets/logo-light.svg', dark: './src/assets/logo-dark.svg' },
      favicon: '/favicon.svg',
      customCss: ['./src/styles/site.css'],
      lastUpdated: false,
      pagination: true,
      sidebar: [
        {
          label: 'Start here',
          items: [
            { label: 'Home', link: '/' },
            { label: 'Playground', link: '/playground/' },
            { label: 'Learn by doing', link: '/learn/' },
          ],
        },
        // Our collection loads ./content, so entry paths start with content/ (Starlight strips
        // only src/content/docs/ before matching a directory).
        {
          label: 'Guides',
          items: [
            { label: 'All guides, in reading order', link: '/guides/' },
            { autogenerate: { directory: 'content/guides' } },
          ],
        },
        {
          label: 'Pitfalls',
          items: [
            { label: 'All pitfalls, by API', link: '/pitfalls/' },
            { autogenerate: { directory: 'content/pitfalls' } },
          ],
        },
      ],
      expressiveCode: {
        themes: ['github-dark', 'github-light'],
      },
    }),
    react(),
    preloadIslands(),
    // Last: it hashes the inline scripts the integrations before it wrote, the preloader's too.
    cspInlineScripts(),
  ],
});
