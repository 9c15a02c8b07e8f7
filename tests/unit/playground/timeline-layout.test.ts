import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  LANES,
  ZOOM_LEVELS,
  labelWidth,
  layoutTimeline,
  stepEndTimes,
} from '../../../src/playground/timeline-layout.ts';
import { createSimulation, type Scenario, type ScenarioEvent } from '../../../src/sim/index.ts';

const scenarioDir = join(import.meta.dirname, '..', '..', '..', 'scenarios');
const scenarios = readdirSync(scenarioDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    file,
    scenario: JSON.parse(readFileSync(join(scenarioDir, file), 'utf8')) as Scenario,
  }));

function run(events: ScenarioEvent[], app: Scenario['app'] = {}) {
  const sim = createSimulation(app);
  const times = events.map((event) => {
    sim.send(event);
    return sim.view().timeMs;
  });
  return { log: sim.log(), events, times };
}

const lane = (id: string) => LANES.findIndex((l) => l.id === id);

describe('timeline layout', () => {
  test.each(scenarios)('knows the clock after every step of $file', ({ scenario }) => {
    const { log, events, times } = run(scenario.events, scenario.app);
    expect(stepEndTimes(log, events)).toEqual(times);
  });

  test('moves the cursor to the right with every step', () => {
    for (const { scenario } of scenarios) {
      const { log, events } = run(scenario.events, scenario.app);
      const { stepEndX, width } = layoutTimeline(log, events);
      stepEndX.forEach((x, i) => expect(x).toBeGreaterThan(stepEndX[i - 1] ?? 0));
      expect(width).toBeGreaterThan(stepEndX.at(-1)!);
    }
  });

  test('colours the app lane foreground, then background, then suspended', () => {
    const { log, events } = run([
      { type: 'user.openApp' },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: 10_000 },
    ]);
    const app = layoutTimeline(log, events).bands.filter((b) => b.lane === lane('app'));
    expect(app.map((b) => b.kind)).toEqual(['notRunning', 'foreground', 'background', 'suspended']);
    app.slice(1).forEach((band, i) => expect(band.x0).toBe(app[i]!.x1));
  });

  test('draws a transfer as a bar whose length follows the time it ran', () => {
    const length = (bytes: number) => {
      const { log, events } = run([
        { type: 'user.openApp' },
        { type: 'app.startUploads', count: 1, bytes },
        { type: 'clock.advance', ms: 60_000 },
      ]);
      const bars = layoutTimeline(log, events, 2).bands.filter((b) => b.kind === 'transfer');
      expect(bars).toHaveLength(1);
      expect(bars[0]!.label).toContain('upload-1');
      return bars[0]!.x1 - bars[0]!.x0;
    };
    // 2 MB more is 20 s more at 4 px a second.
    expect(length(4_000_000) - length(2_000_000)).toBeCloseTo(20 * ZOOM_LEVELS[2], 5);
  });

  test('shows a BGTask window in the scheduler lane while the task runs', () => {
    const { scenario } = scenarios.find((s) => s.file === 'refresh-never-completed.json')!;
    const { log, events } = run(scenario.events, scenario.app);
    const windows = layoutTimeline(log, events).bands.filter((b) => b.kind === 'bgTask');
    expect(windows).toHaveLength(1);
    expect(windows[0]!.lane).toBe(lane('scheduler'));
    expect(windows[0]!.label).toBe('com.example.refresh runs (expired)');
  });

  test('draws the messages of a tap as arrows from the user to the system to the app', () => {
    const { log, events } = run([{ type: 'user.openApp' }]);
    const arrows = layoutTimeline(log, events).arrows.map((a) => [a.fromLane, a.toLane]);
    expect(arrows).toEqual([
      [lane('user'), lane('system')],
      [lane('system'), lane('app')],
    ]);
  });

  test('breaks the axis over a long idle stretch and labels what it skips', () => {
    const { log, events } = run([
      { type: 'user.openApp' },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: 3 * 86_400_000 },
    ]);
    const { breaks, ticks, width } = layoutTimeline(log, events);
    // The app is suspended half a second in; the rest of the three days is one break.
    expect(breaks.map((b) => b.ms)).toEqual([3 * 86_400_000 - 500]);
    expect(ticks.map((t) => t.label)).toEqual(['0 ms', '+3 d', '3 d']);
    expect(width).toBeLessThan(400);
  });

  const lengths = [1000, 10_000, 60_000, 600_000, 3_600_000, 16 * 3_600_000, 3 * 86_400_000];
  test.each(lengths)('never lets tick labels overlap in a run of %i ms', (ms) => {
    const { log, events } = run([
      { type: 'user.openApp' },
      { type: 'app.startUploads', count: 3, bytes: 4_000_000 },
      { type: 'user.goHome' },
      { type: 'clock.advance', ms: ms / 2 },
      { type: 'user.openApp' },
      { type: 'clock.advance', ms: ms / 2 },
    ]);
    ZOOM_LEVELS.forEach((_, zoom) => {
      const { ticks, width } = layoutTimeline(log, events, zoom);
      expect(ticks.length).toBeGreaterThan(1);
      ticks.forEach((tick, i) => {
        const next = ticks[i + 1];
        expect(tick.x + labelWidth(tick.label)).toBeLessThanOrEqual(next ? next.x : width + 200);
      });
    });
  });
});
