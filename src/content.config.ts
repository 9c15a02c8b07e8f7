import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Guides live in content/ at the top of the repo, not in src/content/docs, so writers find them
// beside the code rather than inside it. Files starting with `_` are drafts and stay unpublished.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
