/**
 * Transfer daemon machine: nsurlsessiond, the system process that carries out background
 * URLSession tasks and outlives the app.
 *
 * The daemon's per-transfer bookkeeping (bytes, retries, the 7-day resource timeout, the
 * resume rate limiter) lives in the coordinator's plain data; this chart shows the daemon's
 * mode, which the coordinator reports after every step with `daemon.update`.
 *
 * States:
 *   idle              no background transfers and nothing to tell the app
 *   transferring      at least one transfer is moving bytes
 *   waiting           transfers exist but none can move: offline, discretionary (waiting for
 *                     power), or held back by the resume rate limiter
 *   eventsPending     every transfer of the session has finished; the events wait for the app
 *                     to be resumed or relaunched (or, after a force quit, for the person to
 *                     open it)
 *   deliveringEvents  the app was woken with handleEventsForBackgroundURLSession and the daemon
 *                     waits for it to call the completion handler (or for the 0x2182bad3 kill)
 *
 * Events: daemon.update {mode}.
 *
 * Used by: the background URLSession guide, the force-quit and relaunch playgrounds.
 */
import { setup } from 'xstate';

export type DaemonMode = 'idle' | 'transferring' | 'waiting' | 'eventsPending' | 'deliveringEvents';

export type TransferDaemonEvent = { type: 'daemon.update'; mode: DaemonMode };

export const transferDaemonMachine = setup({
  types: {
    events: {} as TransferDaemonEvent,
  },
  guards: {
    modeIs: ({ event }, params: { mode: DaemonMode }) => event.mode === params.mode,
  },
}).createMachine({
  id: 'transferDaemon',
  initial: 'idle',
  states: {
    idle: {},
    transferring: {},
    waiting: {},
    eventsPending: {},
    deliveringEvents: {},
  },
  on: {
    'daemon.update': [
      { guard: { type: 'modeIs', params: { mode: 'transferring' } }, target: '.transferring' },
      { guard: { type: 'modeIs', params: { mode: 'waiting' } }, target: '.waiting' },
      { guard: { type: 'modeIs', params: { mode: 'eventsPending' } }, target: '.eventsPending' },
      {
        guard: { type: 'modeIs', params: { mode: 'deliveringEvents' } },
        target: '.deliveringEvents',
      },
      { target: '.idle' },
    ],
  },
});
