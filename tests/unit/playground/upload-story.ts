import type { ScenarioEvent } from '../../../src/sim/index.ts';

/**
 * The review's story: start three uploads, go home, memory pressure reclaims the app, then time
 * passes until the transfer daemon relaunches it (40 s in) or, by default, well beyond.
 */
export function uploadStory(lastAdvanceMs = 600_000): ScenarioEvent[] {
  return [
    { type: 'user.openApp' },
    { type: 'app.startUploads', count: 3, bytes: 4_000_000 },
    { type: 'user.goHome' },
    { type: 'clock.advance', ms: 30_000 },
    { type: 'system.memoryPressure' },
    { type: 'clock.advance', ms: lastAdvanceMs },
  ];
}
