import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { PITFALL_APIS } from './lib/pitfall-apis.ts';

// The list lives in src/lib so unit tests can import it without Astro's virtual modules.
export { PITFALL_APIS };

// Guides live in content/ at the top of the repo, not in src/content/docs, so writers find them
// beside the code rather than inside it. Files starting with `_` are drafts and stay unpublished.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({
      extend: z.object({
        /** Pitfalls: the API for the index's groups and the symptom as a developer meets it. */
        pitfall: z
          .object({
            api: z.enum(PITFALL_APIS),
            /** One line: what the developer sees, such as the console message to search for. */
            symptom: z.string().min(10),
          })
          .optional(),
      }),
    }),
  }),
};
