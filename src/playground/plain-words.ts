/**
 * Plain words for the raw values the simulation records (termination codes, launch and
 * termination reasons), so a reader who has read no guide can follow the narration.
 */
import type { LaunchReason, TerminationReason } from '../sim/index.ts';

/** Apple's meaning of each termination code the model uses: developer.apple.com/documentation/xcode/sigkill */
const CODES: Record<string, string> = {
  '0x2182bad2': 'a background task failing to complete in time',
  '0x2182bad3': 'a background URL session failing to complete in time',
  '0x2182bad4': 'a background fetch failing to complete in time',
};

/** The text with Apple's meaning beside each bare termination code, "(0x2182bad3)". */
export function glossed(text: string): string {
  return text.replace(/\((0x[0-9a-f]{8})\)/g, (whole, code: string) =>
    CODES[code] ? `(${code}: “${CODES[code]}”)` : whole,
  );
}

/** Who launched the app and why, as a clause. */
export const LAUNCH_WORDS: Record<LaunchReason, string> = {
  user: 'the person opens the app',
  backgroundURLSession:
    'the transfer daemon relaunches the app in the background for its session’s events',
  backgroundAppRefresh: 'the task scheduler launches the app for a background app refresh',
  backgroundProcessing: 'the task scheduler launches the app for a processing task',
  silentPush: 'a silent push launches the app in the background',
};

/** Who ended the app's process, as a clause. */
export const TERMINATION_WORDS: Record<TerminationReason, string> = {
  userForceQuit: 'the person force quits the app',
  memoryPressure: 'the system reclaims the app’s memory',
  watchdog: 'the system’s watchdog kills the app',
  crash: 'the app crashes',
  reboot: 'the device restarts',
};
