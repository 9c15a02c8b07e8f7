import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags that keep Chromium from calling out to the network on a machine that has none. */
export const chromiumArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--no-sandbox',
];

/**
 * Finds a Chromium without downloading one: CHROMIUM_PATH first, then Playwright's own browser
 * if it is installed, then Debian's /usr/bin/chromium.
 */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, safeBundledPath(), '/usr/bin/chromium'];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      'No Chromium found. Set CHROMIUM_PATH, or install Debian’s chromium (apt-get install -y chromium).',
    );
  }
  return found;
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
