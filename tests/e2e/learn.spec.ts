import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { axeExceptions } from '../support/axe-exceptions.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Opens a challenge and waits until its island has hydrated (its solution link is built). */
async function openChallenge(page: Page, slug: string) {
  await page.goto(`/learn/${slug}/`);
  await expect(page.getByRole('link', { name: /in the playground$/ })).toBeVisible();
}

/** Opens the path and waits until its island has hydrated (its buttons enable). */
async function openPath(page: Page) {
  await page.goto('/learn/');
  await expect(page.getByRole('button', { name: 'Copy what I solved' })).toBeEnabled();
}

function verdict(page: Page) {
  return page.getByRole('heading', {
    level: 2,
    name: /^(Solved|Not solved yet|Not solved \(and it cannot be\)|Done: .*)$/,
  });
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.flatMap((violation) =>
    violation.nodes
      .map((node) => node.target.join(' '))
      .filter(
        (target) => !axeExceptions.some((e) => e.rule === violation.id && e.target === target),
      )
      .map((target) => `${violation.id}: ${target}`),
  );
  expect(violations).toEqual([]);
}

test.describe('learning path', () => {
  test('a reader solves a challenge with the keyboard only, and the path shows it after a reload', async ({
    page,
  }) => {
    await openChallenge(page, 'uploads-survive-a-kill');
    await expect(verdict(page)).toHaveText('Not solved yet');
    const sessionKind = page.getByRole('group', { name: 'How the app creates its URLSession' });
    await sessionKind.getByRole('radio', { name: 'URLSessionConfiguration.default' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(
      sessionKind.getByRole('radio', { name: /URLSessionConfiguration\.background/ }),
    ).toBeChecked();
    await expect(verdict(page)).toHaveText('Solved');
    await expect(page.getByRole('status').filter({ hasText: 'Solved!' })).toBeAttached();

    // Undo goes back to the failing run; Tab order leads back to the choice, with the arrows.
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect(verdict(page)).toHaveText('Not solved yet');
    await expect(page.getByRole('status').filter({ hasText: 'Undone.' })).toBeAttached();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown');
    await expect(verdict(page)).toHaveText('Solved');

    await openPath(page);
    await page.reload();
    await expect(page.getByText('1 of 16 solved', { exact: true })).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Challenge 7: Uploads that survive the app (solved)' }),
    ).toBeVisible();
  });

  test('a reader reaches the steps with Tab from the top of the challenge and solves it', async ({
    page,
  }) => {
    await openChallenge(page, 'come-back');
    await page.getByRole('link', { name: 'Learning path' }).focus();
    const openApp = page.getByRole('button', { name: 'Open the app' });
    for (let presses = 0; presses < 30; presses++) {
      if (await openApp.evaluate((button) => button === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(openApp).toBeFocused();
    await page.keyboard.press('Space');
    await expect(verdict(page)).toHaveText('Solved');
    await expect(page.getByRole('link', { name: /^Next challenge: / })).toBeVisible();
  });

  test('a prediction pauses the run, then reveals the step, its explanation and its source', async ({
    page,
  }) => {
    await openChallenge(page, 'killed-while-suspended');
    const question = page.getByRole('group', { name: /Which of the app’s methods runs\?$/ });
    await expect(page.getByRole('button', { name: 'Wait 10 seconds' })).toHaveCount(0);
    await question
      .getByRole('radio', {
        name: 'None: a suspended app is ended without running any of its code',
      })
      .check();
    await page.getByRole('button', { name: 'Check my prediction and run the step' }).click();
    await expect(page.getByText('Right.', { exact: true })).toBeVisible();
    await expect(page.getByText(/A suspended app cannot run code/)).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Apple: applicationWillTerminate(_:)' }),
    ).toHaveAttribute('href', /^https:\/\/developer\.apple\.com\//);
    await expect(page.getByText('the step you predicted')).toBeVisible();

    await page.getByRole('button', { name: 'Open the app' }).click();
    await expect(verdict(page)).toHaveText('Solved');
  });

  test('a wrong prediction says what happens instead', async ({ page }) => {
    await openChallenge(page, 'leave-the-screen');
    await page.getByRole('radio', { name: 'applicationWillTerminate(_:)' }).check();
    await page.getByRole('button', { name: 'Check my prediction and run the step' }).click();
    await expect(page.getByText('Not quite.', { exact: true })).toBeVisible();
    await expect(
      page.getByText('What happens: sceneWillResignActive(_:), then sceneDidEnterBackground(_:).'),
    ).toBeVisible();
  });

  test('the impossible challenge counts as done once the reader has tried and read why', async ({
    page,
  }) => {
    await openChallenge(page, 'uploads-after-force-quit');
    await expect(page.getByRole('button', { name: 'Explain why it cannot be solved' })).toHaveCount(
      0,
    );
    await page.getByRole('button', { name: 'Wait 1 hour' }).press('Enter');
    await page.getByRole('button', { name: 'Explain why it cannot be solved' }).press('Enter');
    await expect(page.getByText(/Swiping an app away is how a person says/)).toBeVisible();
    await expect(verdict(page)).toHaveText('Done: you tried, and you know why');

    await openPath(page);
    await expect(
      page.getByRole('link', { name: 'Challenge 10: Uploads after a force quit (solved)' }),
    ).toBeVisible();
  });

  test('hints come one at a time', async ({ page }) => {
    await openChallenge(page, 'leave-the-screen');
    await page.getByRole('radio', { name: /sceneWillResignActive/ }).check();
    await page.getByRole('button', { name: 'Check my prediction and run the step' }).click();
    await page.getByRole('button', { name: 'Show a hint (1 of 2)' }).click();
    await expect(page.getByText(/time stands still until you move it/)).toBeVisible();
    await expect(page.getByText('Press “Wait 10 seconds”.')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show a hint (2 of 2)' }).click();
    await expect(page.getByText('Press “Wait 10 seconds”.')).toBeVisible();
    await expect(page.getByText('That was the last hint.')).toBeVisible();
  });

  test('the solution opens in the playground', async ({ page }) => {
    await openChallenge(page, 'come-back');
    await page.getByRole('link', { name: 'Show solution in the playground' }).click();
    await expect(page).toHaveURL(/\/playground\/#run=v1\./);
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('stored progress that cannot be read is set aside with a clear reset', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('background-lab:learn', '{"v":1,"solved":');
        sessionStorage.setItem('seeded', 'yes');
      }
    });
    await openPath(page);
    await expect(page.getByRole('alert')).toHaveText(/could not be read/);
    await expect(page.getByText('0 of 16 solved', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Reset my progress' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Copy what I solved' })).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('copies one line that lists what the reader solved', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openChallenge(page, 'come-back');
    await page.getByRole('button', { name: 'Open the app' }).click();
    await expect(verdict(page)).toHaveText('Solved');
    await openPath(page);
    await page.getByRole('button', { name: 'Copy what I solved' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied line' })).toBeAttached();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(
      /^Background Lab learning path, 1 of 16 solved: Come back without a launch \(http:\/\/127\.0\.0\.1:\d+\/learn\/\)$/,
    );
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the path and a busy challenge have no WCAG 2.2 A or AA violations in ${colorScheme} mode`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme });
      await openPath(page);
      await expectNoAxeViolations(page);
      await openChallenge(page, 'end-what-you-begin');
      await page.getByRole('radio', { name: /calls the expiration handler, then kills/ }).check();
      await page.getByRole('button', { name: 'Check my prediction and run the step' }).click();
      await page.getByRole('button', { name: 'Wait 1 minute' }).click();
      await page.getByRole('button', { name: 'Show a hint (1 of 2)' }).click();
      await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute(
        'aria-disabled',
        'false',
      );
      await expectNoAxeViolations(page);
    });
  }
});
