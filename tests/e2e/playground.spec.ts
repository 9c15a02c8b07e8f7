import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { axeExceptions } from '../support/axe-exceptions.ts';
import { decodeRun } from '../../src/lib/share-link.ts';

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

  test('user can undo a fork', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Back to start');
    await press(page, 'Step forward', 'Step forward');
    await expectStep(page, 2, 4);
    // Acting while rewound drops the later steps, and says so.
    await press(page, 'App switcher');
    await expectStep(page, 3, 3);
    await expect(playground(page).getByText('Dropped 2 later steps.')).toBeVisible();
    await press(page, 'Undo');
    await expectStep(page, 2, 4);
    await expect(playground(page).getByText('Dropped 2 later steps.')).toHaveCount(0);
    await press(page, 'Step forward', 'Step forward');
    await expect(playground(page).getByRole('definition').first()).toHaveText('suspended');
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

  test('the statechart shows the transition just taken', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Go home');
    const app = playground(page).getByRole('tabpanel', { name: /^App process/ });
    await expect(app.getByRole('list', { name: 'Timers running' })).toContainText(
      // The same delay kills instead when a file lock is held, so the timer names only its source.
      'awake, after 0.5 s: 500 ms left',
    );
    await press(page, 'Advance 1 s');
    await expect(app).toContainText('Last transition: awake → suspended (after 0.5 s)');
    await expect(app.getByRole('img', { name: /running\.lifecycle\.suspended/ })).toBeVisible();

    // The arrow keys move between the charts, not through the run.
    const tab = playground(page).getByRole('tab', { name: /^App process/ });
    await tab.focus();
    await page.keyboard.press('ArrowRight');
    await expect(playground(page).getByRole('tab', { name: /^iPhone/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expectStep(page, 3, 3);
    await expect(playground(page).getByRole('tabpanel', { name: /^iPhone/ })).toContainText(
      'No transition in this step.',
    );
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
    await expect(playground(page).getByText('Link copied: it opens this step.')).toBeVisible();
    const url = await page.evaluate(() => navigator.clipboard.readText());
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

  test('user can copy a run for a review', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openPlayground(page);
    await playground(page).getByRole('checkbox', { name: 'Uses a background session' }).uncheck();
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Step back');
    // The step back is narrated once it has been replayed, a render after the slider moves.
    await expect(narration(page)).toHaveText(/^Step 3 of 4\. /);
    const said = await narration(page).innerText();
    const before = await narration(page).boundingBox();
    await press(page, 'Copy for review');
    await expect(playground(page).getByText('Copied as Markdown for a review.')).toBeVisible();
    // The confirmation sits beside the button: the narration keeps its words and its place.
    await expect(narration(page)).toHaveText(said);
    expect(await narration(page).boundingBox()).toEqual(before);
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    expect(markdown).toContain('Step 3 of 4 · 0 ms');
    expect(markdown).toMatch(/^1\. You tap the app/m);
    expect(markdown).toMatch(/^3\. You go to the Home Screen.*\*\*← this moment\*\*$/m);
    expect(markdown).toMatch(/^4\. 30 seconds pass/m);
    expect(markdown).toContain('`sessionKind: "default"`');
    expect(markdown).toMatch(/\(http:\/\/[^)]+\/playground\/#run=v1\.[A-Za-z0-9_-]+\)$/);
  });

  test('the narration changes with the position, so nothing below it moves later', async ({
    page,
  }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s');
    await expectStep(page, 4, 4);
    // Read in the page, right after the click's own render: a narration set in a later task would
    // still say step 4 here, and its new height would shift the controls under the pointer.
    const seen = await playground(page).evaluate(async (region) => {
      const back = [...region.querySelectorAll('button')].find(
        (b) => b.textContent === 'Step back',
      );
      back!.click();
      await Promise.resolve();
      return {
        position: region.querySelector('input[type="range"]')!.getAttribute('aria-valuetext'),
        narration: region.querySelector('[role="status"]')!.textContent,
      };
    });
    expect(seen.position).toMatch(/^Step 3 of 4\b/);
    expect(seen.narration).toMatch(/^Step 3 of 4\. You go to the Home Screen\./);
  });

  test('reloading keeps the run', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Step back');
    await expectStep(page, 3, 4);
    // The address follows once the run has rested for a moment.
    await expect(page).toHaveURL(/#run=v1\./);
    await expect
      .poll(async () => {
        const seen = page.url();
        await page.waitForTimeout(500);
        return page.url() === seen;
      })
      .toBe(true);
    const address = page.url();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    await expectStep(page, 3, 4);
    await expect(playground(page).getByRole('definition').first()).toHaveText('in the background');
    // Stepping rewrites the address in place: the back button still leaves the playground.
    await press(page, 'Step forward');
    await expect(page).not.toHaveURL(address);
    expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(2);
  });

  test('a shared link opens at its moment without an empty frame', async ({ page, browser }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home');
    await press(page, 'Copy link');
    const url = page.url();
    const other = await browser.newPage();
    // Record, every frame from the first, whether the page shows an empty run.
    await other.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const look = () => {
        const text = document.body?.innerText ?? '';
        if (text.includes('Step 0 of 0')) seen.push('empty');
        if (text.includes('Opening the shared run…')) seen.push('opening');
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await other.goto(url);
    await expect(other.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    await expectStep(other, 3, 3);
    const seen = await other.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).not.toContain('empty');
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

  test('user sees why the app was relaunched', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Memory pressure');
    // The app is gone, but the story goes on: the uploads are the daemon's.
    await expect(narration(page)).toContainText(
      'Each of upload-1 to upload-3 carries on in the transfer daemon (nsurlsessiond)',
    );
    await press(page, 'Advance 10 min');
    // Cause, then consequence: the finished uploads, then the daemon's relaunch.
    await expect(narration(page)).toContainText(
      '10 minutes pass. For each of upload-1 to upload-3, the last byte has moved: the task completes.',
    );
    await expect(narration(page)).toContainText(
      'The transfer daemon relaunches the app in the background for its session’s events.',
    );
    await expect(narration(page)).toContainText(
      'urlSession(_:task:didCompleteWithError:) for upload-1 to upload-3 (error: nil)',
    );
    // The log names the task and the error each delegate callback is handed.
    const log = playground(page).getByRole('region', { name: 'Event log' });
    for (const task of ['upload-1', 'upload-2', 'upload-3']) {
      await expect(
        log.getByText(`urlSession(_:task:didCompleteWithError:) ${task}, error: nil`),
      ).toHaveCount(1);
    }
  });

  test('user can jump from a method running now to its lines in the listing', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Memory pressure');
    await press(page, 'Advance 10 min');
    const code = playground(page).getByRole('region', { name: 'The app’s Swift code' });
    const handler = code.getByText('handleEventsForBackgroundURLSession identifier: String');
    const finishEvents = code.getByText('func urlSessionDidFinishEvents(');
    const show = async (method: string) => {
      await playground(page)
        .getByRole('button', { name: `Show ${method} in the code` })
        .click();
      await code.scrollIntoViewIfNeeded();
    };
    await show('application(_:handleEventsForBackgroundURLSession:completionHandler:)');
    await expect(handler).toBeInViewport();
    await expect(finishEvents).not.toBeInViewport();
    await show('urlSessionDidFinishEvents(forBackgroundURLSession:)');
    await expect(finishEvents).toBeInViewport();
    await expect(handler).not.toBeInViewport();
  });

  test('user sees what a code change changed in the run', async ({ page }) => {
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home', 'Advance 30 s', 'Memory pressure');
    await press(page, 'Advance 10 min');
    const changed = playground(page).getByText(/^What changed:/);
    await expect(changed).toHaveCount(0);
    await playground(page)
      .getByRole('checkbox', { name: 'One session for the whole app' })
      .uncheck();
    await expect(changed).toContainText(
      'no session is recreated during this background launch (the screen that owns it never loads), so the events stay queued',
    );
    await expect(changed).toContainText(
      'the app never called the background URL session completion handler: the system kills it (0x2182bad3: “a background URL session failing to complete in time”)',
    );
    // Stepping back compares the same moment of both runs; acting again starts a new story.
    await press(page, 'Step back');
    await expect(changed).toContainText(
      '40 s after this step, the system’s watchdog kills the app',
    );
    await press(page, 'Step forward', 'Open app');
    await expect(changed).toHaveCount(0);
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

  test('user on a phone sees the narration after pressing Advance', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openPlayground(page);
    await press(page, 'Open app', 'Start uploads', 'Go home');
    await press(page, 'Advance to the next thing');
    const now = playground(page).getByRole('note', { name: 'Now' });
    await expect(now).toBeInViewport();
    await expect(now).toContainText('Step 4 of 4');
    await expect(now).toContainText('App: suspended');
    await expect(now).toContainText('the system suspends it');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    // At desktop width the phone and narration are beside the controls: no second copy.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(now).toBeHidden();
  });

  test('? opens the shortcut list, and a reason can be dismissed', async ({ page }) => {
    await openPlayground(page);
    await playground(page).getByRole('button', { name: 'Step back' }).focus();
    await page.keyboard.press('?');
    await expect(page.getByText('Advance to the next thing that will happen')).toBeInViewport();
    await expect(page.getByText('Keyboard shortcuts', { exact: true })).toBeFocused();
    // A click leaves no reason behind once the pointer moves on.
    await press(page, 'Open app');
    const openApp = playground(page).getByRole('button', { name: 'Open app', exact: true });
    await expect(openApp).toHaveAttribute('aria-disabled', 'true');
    await page.mouse.move(0, 0);
    await expect(playground(page).getByRole('tooltip')).toHaveCount(0);
    await expect(
      playground(page).getByRole('tooltip', { includeHidden: true }).first(),
    ).toBeAttached();
    // From the keyboard, the reason shows with focus and Escape hides it.
    await openApp.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(playground(page).getByRole('tooltip')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(playground(page).getByRole('tooltip')).toHaveCount(0);
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

test.describe('embedded demos', () => {
  const GUIDE = '/guides/background-transfers/';
  const DEMO = 'Uploads continue while the app is suspended';

  /** Opens a guide and waits until the named demo has hydrated. */
  async function openDemo(page: Page, path: string, name: string) {
    await page.goto(path);
    const demo = page.getByRole('region', { name, exact: true });
    await demo.scrollIntoViewIfNeeded();
    await expect(demo.getByRole('button', { name: 'Reset demo' })).toBeEnabled();
    return demo;
  }

  function position(region: ReturnType<Page['getByRole']>) {
    return region.getByRole('slider', { name: 'Position in the run' });
  }

  test('a guide demo opens at its first step, with the phone, narration and one chart', async ({
    page,
  }) => {
    const demo = await openDemo(page, GUIDE, DEMO);
    await expect(position(demo)).toHaveAttribute('aria-valuetext', /^Step 1 of 5\b/);
    await expect(demo.getByRole('status')).not.toBeEmpty();
    await expect(demo.getByRole('definition').first()).toHaveText('active');
    await expect(demo.getByRole('group', { name: 'Simulated iPhone' })).toBeVisible();
    await expect(demo.getByRole('img', { name: /^App process/ })).toHaveCount(1);
    // Made for reading: no code listing, no control panel.
    await expect(demo.getByRole('region', { name: 'The app’s Swift code' })).toHaveCount(0);
    await expect(demo.getByRole('button', { name: 'Go home', exact: true })).toHaveCount(0);
  });

  test('user can reset an embedded demo', async ({ page }) => {
    const demo = await openDemo(page, GUIDE, DEMO);
    await demo.getByRole('button', { name: 'Step forward' }).click();
    await demo.getByRole('button', { name: 'Step forward' }).click();
    await expect(position(demo)).toHaveAttribute('aria-valuetext', /^Step 3 of 5\b/);
    await demo.getByRole('button', { name: 'Back to start' }).click();
    await expect(demo.getByRole('group', { name: 'Simulated iPhone' })).toContainText(
      'Home screen',
    );
    await demo.getByRole('button', { name: 'Reset demo' }).click();
    await expect(position(demo)).toHaveAttribute('aria-valuetext', /^Step 1 of 5\b/);
    await expect(demo.getByRole('status')).toContainText('Step 1 of 5');
    await expect(demo.getByRole('definition').first()).toHaveText('active');
  });

  test('an embed opens the same run in the playground', async ({ page }) => {
    const demo = await openDemo(page, GUIDE, DEMO);
    await demo.getByRole('button', { name: 'Step forward' }).click();
    await demo.getByRole('button', { name: 'Step forward' }).click();
    const open = demo.getByRole('link', { name: 'Open in the playground' });
    await expect(open).toHaveAttribute('href', /\/playground\/#run=v1\.[A-Za-z0-9_-]+$/);
    // The link follows the reader: it carries the step on screen.
    await expect
      .poll(async () => {
        const decoded = await decodeRun((await open.getAttribute('href')) ?? '');
        return decoded.ok ? decoded.run.cursor : null;
      })
      .toBe(3);
    await open.click();
    await expect(page).toHaveURL(/\/playground\/#run=/);
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    await expectStep(page, 3, 5);
    await expect(playground(page).getByRole('definition').first()).toHaveText('in the background');
    await press(page, 'Step forward');
    await expectStep(page, 4, 5);
    await expect(playground(page).getByRole('definition').first()).toHaveText('suspended');
  });

  test('a pitfall comparison shows its symptom on the phones', async ({ page }) => {
    const title = 'A session per screen versus one session created at launch';
    const broken = await openDemo(
      page,
      '/pitfalls/several-sessions-one-identifier/',
      `Broken: ${title}`,
    );
    const fixed = page.getByRole('region', { name: `Fixed: ${title}`, exact: true });
    await expect(fixed.getByRole('button', { name: 'Reset demo' })).toBeEnabled();
    const brokenPhone = broken.getByRole('group', { name: 'Simulated iPhone' });
    const fixedPhone = fixed.getByRole('group', { name: 'Simulated iPhone' });
    // The relaunch took ten minutes of the phone's time, and its notification is still on screen.
    await expect(fixedPhone).toContainText('Uploads finished');
    await expect(brokenPhone).not.toContainText('Uploads finished');
    await expect(broken.getByRole('status')).toContainText('0x2182bad3');
    await expect(broken.getByRole('definition').first()).toHaveText('not running');
    await expect(fixed.getByRole('definition').first()).toHaveText('suspended');
  });
});
