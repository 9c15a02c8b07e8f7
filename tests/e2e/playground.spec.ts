import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { axeExceptions } from '../support/axe-exceptions.ts';

/** Opens the playground page and waits until the island has hydrated (its controls enable). */
async function openPlayground(page: Page, hash = '') {
  await page.goto(`/playground/${hash}`);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeEnabled();
}

function playground(page: Page) {
  return page.getByRole('region', { name: 'The simulation' });
}

async function press(page: Page, ...names: string[]) {
  for (const name of names) {
    await playground(page).getByRole('button', { name, exact: true }).click();
  }
}

/** Checks where the run stands through the position slider's own text. */
async function expectStep(page: Page, step: number, total: number) {
  await expect(
    playground(page).getByRole('slider', { name: 'Position in the run' }),
  ).toHaveAttribute('aria-valuetext', new RegExp(`^Step ${step} of ${total}\\b`));
}

function narration(page: Page) {
  return playground(page).getByRole('status');
}

test.describe('playground', () => {
  test('user can start uploads, go home and see the app suspended', async ({ page }) => {
    await openPlayground(page);
    await expectStep(page, 0, 0);
    await press(page, 'Open app', 'Start uploads');
    const phone = page.getByRole('group', { name: 'Simulated iPhone' });
    await expect(phone.getByRole('progressbar', { name: 'upload-1 progress' })).toBeVisible();
    await press(page, 'Go home', 'Advance 30 s');
    await expect(narration(page)).toContainText('the system suspends it');
    await expect(playground(page).getByRole('definition').first()).toHaveText('suspended');
  });

  test('user can force quit and see the uploads cancelled', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'App switcher', 'Force quit');
    await expect(narration(page)).toContainText(
      'a force quit cancels the background session’s tasks',
    );
    await press(page, 'Open app');
    const phone = page.getByRole('group', { name: 'Simulated iPhone' });
    await expect(phone.getByText('Cancelled', { exact: true })).toHaveCount(3);
  });

  test('user can rewind to before the memory pressure', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Memory pressure');
    await expect(narration(page)).toContainText(
      'reclaims the background or suspended app’s memory',
    );
    await expect(playground(page).getByRole('definition').first()).toHaveText('not running');
    await press(page, 'Step back');
    await expectStep(page, 4, 5);
    await expect(playground(page).getByRole('definition').first()).toHaveText('suspended');
    await expect(narration(page)).toContainText('Step 4 of 5');
    // The future is kept until the reader changes it.
    await press(page, 'Step forward');
    await expect(playground(page).getByRole('definition').first()).toHaveText('not running');
    await press(page, 'Step back', 'Open app');
    await expectStep(page, 5, 5);
    await expect(playground(page).getByRole('definition').first()).toHaveText('active');
  });

  test('user can watch the daemon relaunch the app with handleEventsForBackgroundURLSession', async ({
    page,
  }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Memory pressure');
    await press(page, 'Advance 10 min');
    await expect(narration(page)).toContainText('relaunches the app in the background');
    const running = playground(page).getByText(/^Running now:/);
    await expect(running).toContainText(
      'application(_:handleEventsForBackgroundURLSession:completionHandler:)',
    );
    await expect(running).toContainText('urlSessionDidFinishEvents(forBackgroundURLSession:)');
    const code = playground(page).getByRole('region', { name: 'The app’s Swift code' });
    await expect(code).toContainText('handleEventsForBackgroundURLSession identifier: String');
  });

  test('user can copy a link and open it to the same moment', async ({
    page,
    context,
    browser,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
    await openPlayground(page);
    await playground(page).getByRole('checkbox', { name: 'Uses a background session' }).uncheck();
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Step back');
    await expectStep(page, 3, 4);
    await press(page, 'Copy link');
    const field = playground(page).getByRole('textbox', { name: 'Link to this moment' });
    const url = await field.inputValue();
    expect(url).toMatch(/\/playground\/#run=v1\.[A-Za-z0-9_-]+$/);
    expect(new URL(page.url()).hash).toBe(new URL(url).hash);

    const other = await browser.newPage();
    await other.goto(url);
    await expect(other.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    await expectStep(other, 3, 4);
    await expect(
      playground(other).getByRole('checkbox', { name: 'Uses a background session' }),
    ).not.toBeChecked();
    await expect(playground(other).getByRole('definition').first()).toHaveText('in the background');
    await press(other, 'Step forward');
    await expectStep(other, 4, 4);
    await other.close();
  });

  test('user sees a clear message for a broken link', async ({ page }) => {
    await openPlayground(page, '#run=v1.this-is-not-a-run');
    const alert = page.getByRole('alert').filter({ hasText: 'share link' });
    await expect(alert).toContainText('This share link is damaged');
    await expect(alert).toContainText('The playground started fresh.');
    await expectStep(page, 0, 0);
    // The damaged fragment is dropped, and the message goes once the reader starts a new run.
    await expect(page).not.toHaveURL(/#run=/);
    await press(page, 'Open app');
    await expect(alert).toHaveCount(0);
    await openPlayground(page, '#run=v7.abc');
    await expect(page.getByRole('alert').filter({ hasText: 'share link' })).toContainText('v7');
  });

  test('a disabled control says why', async ({ page }) => {
    await openPlayground(page);
    const forceQuit = playground(page).getByRole('button', { name: 'Force quit', exact: true });
    await expect(forceQuit).toHaveAttribute('aria-disabled', 'true');
    await expect(forceQuit).toHaveAccessibleDescription(/open the app switcher first/i);
    await forceQuit.hover();
    await expect(playground(page).getByRole('tooltip')).toHaveText(/open the app switcher first/i);
    // Playwright will not click a control marked disabled; a person can, and hears why.
    await forceQuit.click({ force: true });
    await expect(narration(page)).toContainText('Force quit is not available');
    await expectStep(page, 0, 0);
    // Once the app switcher is open, the same control can act.
    await press(page, 'Open app', 'App switcher');
    await expect(forceQuit).not.toHaveAttribute('aria-disabled', 'true');
  });

  test('keyboard shortcuts step and rewind', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home');
    await page.getByText('Keyboard shortcuts', { exact: true }).click();
    await expect(page.getByText('Advance to the next thing that will happen')).toBeVisible();
    await playground(page).getByRole('button', { name: 'Step back' }).focus();
    await page.keyboard.press(',');
    await expectStep(page, 2, 3);
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, 1, 3);
    await page.keyboard.press('.');
    await expectStep(page, 2, 3);
    await page.keyboard.press('ArrowRight');
    await expectStep(page, 3, 3);
    await page.keyboard.press('a');
    await expectStep(page, 4, 4);
    await expect(narration(page)).toContainText('the system suspends it');
    // Tab reaches the controls.
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toBeVisible();
    // In a box that scrolls, the arrow keys and Home scroll it and leave the run alone.
    await playground(page).getByRole('region', { name: 'Timeline, scrolls sideways' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expectStep(page, 4, 4);
    // A checkbox takes no text, so the shortcuts still work beside it.
    await playground(page).getByRole('checkbox').first().focus();
    await page.keyboard.press(',');
    await expectStep(page, 3, 4);
  });

  test('user can read on the timeline how long things took, and zoom in', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 10 min');
    const timeline = playground(page).getByRole('group', { name: /^Timeline of 4 steps/ });
    // The long quiet stretch after the uploads is drawn as a break that says what it skips.
    await expect(timeline.getByText('+9 min 20 s')).toBeVisible();
    await expect(timeline.getByText('10 min', { exact: true })).toBeVisible();
    await expect(playground(page).getByText('25 s per 100 px')).toBeVisible();
    const box = playground(page).getByRole('region', { name: 'Timeline, scrolls sideways' });
    const before = await box.evaluate((el) => el.scrollWidth);
    await press(page, 'Zoom in');
    await expect(playground(page).getByText('6.3 s per 100 px')).toBeVisible();
    // Zoomed in, the 40 s of uploads is wider than the break, so the run takes more room.
    expect(await box.evaluate((el) => el.scrollWidth)).toBeGreaterThan(before);
  });

  test('user can reach the timeline marks and the log steps with the keyboard', async ({
    page,
  }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home');
    await playground(page).getByRole('region', { name: 'Timeline, scrolls sideways' }).focus();
    await page.keyboard.press('Tab');
    const timeline = playground(page).getByRole('group', { name: /^Timeline of 3 steps/ });
    await expect(
      timeline.getByRole('button', { name: '0 ms, User: You tap the app. (step 1)' }),
    ).toBeFocused();
    await page.keyboard.press('End');
    await expect(timeline.getByRole('button', { name: /\(step 3\)$/ }).last()).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect(
      timeline.getByRole('button', { name: /^0 ms, System: .*\(step 1\)$/ }),
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expectStep(page, 1, 3);

    // The log's steps are one tab stop, at the current step; the arrows move between them.
    await playground(page).getByRole('region', { name: 'Event log' }).focus();
    await page.keyboard.press('Tab');
    const log = playground(page).getByRole('region', { name: 'Event log' });
    await expect(log.getByRole('button', { name: '0 ms user.openApp' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(log.getByRole('button', { name: '0 ms user.goHome' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expectStep(page, 3, 3);
  });

  test('the playground in its busiest state has no accessibility violations', async ({ page }) => {
    // Light at desktop width, dark at phone width, where boxes scroll inside themselves.
    for (const [theme, width] of [
      ['light', 1280],
      ['dark', 390],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: theme });
      await openPlayground(page);
      await page.evaluate((t) => {
        document.documentElement.dataset.theme = t;
      }, theme);
      await press(
        page,
        'Open app',
        'Start uploads',
        'Start downloads',
        'Begin background task',
        'Schedule refresh',
        'Start continued processing',
        'Go home',
        'Advance 1 s',
        'Lock',
      );
      await playground(page).getByRole('switch', { name: 'Low Power Mode' }).click();
      await press(page, 'Step back', 'Step forward', 'Copy link');
      await page.getByText('Keyboard shortcuts', { exact: true }).click();
      await playground(page).getByRole('button', { name: 'Force quit', exact: true }).hover();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const violations = results.violations.flatMap((v) =>
        v.nodes
          .map((n) => n.target.join(' '))
          .filter((target) => !axeExceptions.some((e) => e.rule === v.id && e.target === target))
          .map((target) => `${theme}: ${v.id}: ${target}`),
      );
      expect(violations).toEqual([]);
    }
  });

  test('user can play time on and pause it, and it is one step to rewind', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home');
    const play = playground(page).getByRole('button', { name: 'Play', exact: true });
    await play.click();
    const pause = playground(page).getByRole('button', { name: 'Pause', exact: true });
    await expect(pause).toHaveAttribute('aria-pressed', 'true');
    await expect(playground(page).getByRole('definition').first()).toHaveText('suspended', {
      timeout: 10_000,
    });
    await pause.click();
    await expectStep(page, 4, 4);
    await press(page, 'Step back');
    await expect(playground(page).getByRole('definition').first()).toHaveText('in the background');
  });

  test('nothing overflows sideways at phone width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await openPlayground(page);
    await press(
      page,
      'Open app',
      'Start uploads',
      'Go home',
      'Advance 30 s',
      'Memory pressure',
      'Advance 10 min',
    );
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // A disabled control's reason, shown on hover or focus, stays on screen too.
    for (const name of ['Unlock', 'Go home', 'Crash']) {
      await playground(page).getByRole('button', { name, exact: true }).focus();
      expect(await overflow()).toBeLessThanOrEqual(0);
    }
  });
});
