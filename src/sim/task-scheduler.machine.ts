/**
 * Task scheduler machine: BGTaskScheduler, which decides when to launch the app for its
 * BGTasks.
 *
 * Three independent regions, one per kind of task:
 *   appRefresh           none | pending | running   (one pending request; resubmitting replaces it)
 *   processing           none | pending | running   (only while the device is idle)
 *   continuedProcessing  none | running             (iOS 26, started from the foreground)
 *
 * The requests, their earliestBeginDate and their conditions are plain data in the
 * coordinator; after every step it reports each region's mode with `scheduler.update`.
 *
 * Events: scheduler.update {appRefresh, processing, continuedProcessing}.
 *
 * Used by: the Background App Refresh, processing and continued-processing guides.
 */
import { setup } from 'xstate';

export type TaskMode = 'none' | 'pending' | 'running';

export type TaskSchedulerEvent = {
  type: 'scheduler.update';
  appRefresh: TaskMode;
  processing: TaskMode;
  continuedProcessing: 'none' | 'running';
};

type Region = 'appRefresh' | 'processing' | 'continuedProcessing';

const region = (name: Region, modes: readonly TaskMode[]) => ({
  initial: 'none' as const,
  states: Object.fromEntries(modes.map((mode) => [mode, {}])),
  on: {
    'scheduler.update': modes.map((mode) => ({
      guard: { type: 'modeIs' as const, params: { region: name, mode } },
      target: `.${mode}`,
    })),
  },
});

export const taskSchedulerMachine = setup({
  types: {
    events: {} as TaskSchedulerEvent,
  },
  guards: {
    modeIs: ({ event }, params: { region: Region; mode: TaskMode }) =>
      event[params.region] === params.mode,
  },
}).createMachine({
  id: 'scheduler',
  type: 'parallel',
  states: {
    appRefresh: region('appRefresh', ['none', 'pending', 'running']),
    processing: region('processing', ['none', 'pending', 'running']),
    continuedProcessing: region('continuedProcessing', ['none', 'running']),
  },
});
