/**
 * App process machine: Apple's five app states for one process, from launch to termination.
 *
 * The process is launched into the foreground (by the person) or into the background (by the
 * system, for a URL-session event, a BGTask or a silent push). In the background it runs code
 * until the system suspends it; a beginBackgroundTask assertion keeps it running until the
 * app-wide budget (timing.backgroundTaskBudget) runs out, at which point the expiration handlers
 * are called and the state is `background.expiring` until the tasks end or the watchdog kills
 * the process. Suspension is only possible from `background.running`, so an assertion always
 * prevents it. The coordinator (simulation.ts) decides *when* (it owns the clock) and what each
 * transition delivers to the app's delegates.
 *
 * States: notRunning, foreground.inactive, foreground.active, background.running,
 *   background.assertionHeld, background.expiring, suspended.
 *
 * Events: process.launch {foreground}, scene.activate, scene.resignActive,
 *   scene.enterBackground, scene.enterForeground, assertions.changed {held, expiring},
 *   process.suspend, process.resume, process.terminate.
 *
 * Used by: the lifecycle, background-task and URLSession guides and their playgrounds.
 */
import { setup } from 'xstate';

export type AppProcessEvent =
  | { type: 'process.launch'; foreground: boolean }
  | { type: 'scene.activate' }
  | { type: 'scene.resignActive' }
  | { type: 'scene.enterBackground' }
  | { type: 'scene.enterForeground' }
  | { type: 'assertions.changed'; held: boolean; expiring: boolean }
  | { type: 'process.suspend' }
  | { type: 'process.resume' }
  | { type: 'process.terminate' };

export const appProcessMachine = setup({
  types: {
    events: {} as AppProcessEvent,
  },
  guards: {
    launchedByPerson: ({ event }) => event.type === 'process.launch' && event.foreground,
    timeIsUp: ({ event }) => event.type === 'assertions.changed' && event.held && event.expiring,
    assertionHeld: ({ event }) => event.type === 'assertions.changed' && event.held,
  },
}).createMachine({
  id: 'app',
  initial: 'notRunning',
  states: {
    notRunning: {
      on: {
        'process.launch': [
          { guard: 'launchedByPerson', target: 'foreground' },
          { target: 'background' },
        ],
      },
    },
    foreground: {
      initial: 'inactive',
      states: {
        inactive: { on: { 'scene.activate': 'active' } },
        active: { on: { 'scene.resignActive': 'inactive' } },
      },
      on: {
        'scene.enterBackground': 'background',
        'process.terminate': 'notRunning',
      },
    },
    background: {
      initial: 'running',
      states: {
        running: { on: { 'process.suspend': '#app.suspended' } },
        assertionHeld: {},
        expiring: {},
      },
      on: {
        'assertions.changed': [
          { guard: 'timeIsUp', target: '.expiring' },
          { guard: 'assertionHeld', target: '.assertionHeld' },
          { target: '.running' },
        ],
        'scene.enterForeground': 'foreground',
        'process.terminate': 'notRunning',
      },
    },
    suspended: {
      on: {
        'process.resume': 'background',
        'scene.enterForeground': 'foreground',
        'process.terminate': 'notRunning',
      },
    },
  },
});
