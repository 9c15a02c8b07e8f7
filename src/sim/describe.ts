/** One line for the event log, for each scenario event. */
import { formatDuration } from './timing.ts';
import type { ScenarioEvent } from './types.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeEvent(event: ScenarioEvent): string {
  switch (event.type) {
    case 'user.openApp':
      return 'You tap the app.';
    case 'user.goHome':
      return 'You go to the Home Screen.';
    case 'user.openAppSwitcher':
      return 'You open the app switcher.';
    case 'user.forceQuit':
      return 'You swipe the app’s card away.';
    case 'user.lockDevice':
      return 'You lock the device.';
    case 'user.unlockDevice':
      return 'You unlock the device.';
    case 'system.memoryPressure':
      return 'The system needs memory.';
    case 'system.reboot':
      return 'The device restarts.';
    case 'app.crash':
      return 'The app crashes.';
    case 'debugger.attach':
      return 'Xcode attaches its debugger.';
    case 'debugger.detach':
      return 'Xcode detaches its debugger.';
    case 'network.offline':
      return 'The network goes offline.';
    case 'network.online':
      return 'The network comes back.';
    case 'power.connect':
      return 'The device is plugged in.';
    case 'power.disconnect':
      return 'The device is unplugged.';
    case 'settings.lowPowerMode':
      return `Low Power Mode is turned ${event.on ? 'on' : 'off'}.`;
    case 'settings.backgroundAppRefresh':
      return `Background App Refresh is turned ${event.on ? 'on' : 'off'}.`;
    case 'app.beginBackgroundTask':
      return `The app asks for background time${event.name ? ` ("${event.name}")` : ''}.`;
    case 'app.endBackgroundTask':
      return `The app ends its background task${event.name ? ` "${event.name}"` : ''}.`;
    case 'app.startUploads':
      return `The app starts ${plural(event.count, 'upload')} of ${event.bytes} bytes.`;
    case 'app.startDownloads':
      return `The app starts ${plural(event.count, 'download')} of ${event.bytes} bytes.`;
    case 'app.scheduleAppRefresh':
      return 'The app submits a BGAppRefreshTaskRequest.';
    case 'app.scheduleProcessing':
      return 'The app submits a BGProcessingTaskRequest.';
    case 'app.startContinuedProcessing':
      return 'The person taps Export: the app submits a BGContinuedProcessingTaskRequest.';
    case 'debugger.simulateLaunch':
      return `In LLDB: e -l objc -- (void)[[BGTaskScheduler sharedScheduler] _simulateLaunchForTaskWithIdentifier:@"${event.identifier}"]`;
    case 'debugger.simulateExpiration':
      return `In LLDB: e -l objc -- (void)[[BGTaskScheduler sharedScheduler] _simulateExpirationForTaskWithIdentifier:@"${event.identifier}"]`;
    case 'user.stopContinuedProcessing':
      return 'You tap Stop in the export’s Live Activity.';
    case 'push.silent':
      return 'A silent push arrives.';
    case 'clock.advance': {
      const span = formatDuration(event.ms);
      return `${span} ${/^1 [a-z]+$/.test(span) ? 'passes' : 'pass'}.`;
    }
  }
}
