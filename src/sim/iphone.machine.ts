/**
 * iPhone machine: the root of the actor system. It starts the device, the app process and the
 * system daemons, each under its system id; `addressee` says which of them a scenario event is
 * for (the simulation hands it straight there), and the actors then talk to one another by
 * events.
 */
import { setup } from 'xstate';
import { appProcessMachine } from './app-process.machine.ts';
import { deviceMachine } from './device.machine.ts';
import { pushServiceMachine } from './push-service.machine.ts';
import { taskSchedulerMachine } from './task-scheduler.machine.ts';
import { transferDaemonMachine } from './transfer-daemon.machine.ts';
import type { AppCode, ScenarioEvent } from './types.ts';

export type ActorEvent = Exclude<ScenarioEvent, { type: 'clock.advance' }>;

/** Which actor a scenario event is addressed to. */
export function addressee(type: ActorEvent['type']): 'device' | 'app' | 'push' | 'scheduler' {
  if (type === 'push.silent') return 'push';
  if (
    type === 'debugger.simulateLaunch' ||
    type === 'debugger.simulateExpiration' ||
    type === 'user.stopContinuedProcessing'
  ) {
    return 'scheduler';
  }
  if (type.startsWith('app.') || type === 'system.memoryPressure') return 'app';
  return 'device';
}

export const iphoneMachine = setup({
  types: {
    context: {} as { code: AppCode; seed: number },
    events: {} as ActorEvent,
    input: {} as { code: AppCode; seed: number },
  },
  actors: {
    device: deviceMachine,
    app: appProcessMachine,
    transferDaemon: transferDaemonMachine,
    scheduler: taskSchedulerMachine,
    push: pushServiceMachine,
  },
}).createMachine({
  id: 'iphone',
  context: ({ input }) => ({ code: input.code, seed: input.seed }),
  invoke: [
    { id: 'device', systemId: 'device', src: 'device' },
    { id: 'app', systemId: 'app', src: 'app', input: ({ context }) => ({ code: context.code }) },
    {
      id: 'transferDaemon',
      systemId: 'transferDaemon',
      src: 'transferDaemon',
      input: ({ context }) => ({ seed: context.seed }),
    },
    {
      id: 'scheduler',
      systemId: 'scheduler',
      src: 'scheduler',
      input: ({ context }) => ({ code: context.code, seed: context.seed }),
    },
    {
      id: 'push',
      systemId: 'push',
      src: 'push',
      input: ({ context }) => ({ seed: context.seed }),
    },
  ],
});
