import { expect, test } from '@playwright/test';

// Search is how readers arrive from an API name; each name finds the page that explains it.
const searches = [
  { query: 'handleEventsForBackgroundURLSession', page: 'Background transfers with URLSession' },
  { query: '0x8badf00d', page: 'A background task that is never ended' },
  {
    query: 'BGContinuedProcessingTask',
    page: 'Continued processing with BGContinuedProcessingTask',
  },
];

for (const { query, page: title } of searches) {
  test(`reader can search for ${query} and find "${title}"`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Search' }).fill(query);
    await expect(dialog.getByRole('link', { name: title }).first()).toBeVisible();
  });
}
