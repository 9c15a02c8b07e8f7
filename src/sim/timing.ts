/**
 * Every duration the simulation uses, in one place, with the public source it comes from.
 * Where sources disagree, `range` holds the spread and `ms` is the current behaviour we model.
 * Guides quote these values through `formatDuration`, so the text and the demos never disagree.
 */

export interface Duration {
  /** The value the model uses, in virtual milliseconds. */
  readonly ms: number;
  /** What the value means, in one phrase a reader understands. */
  readonly what: string;
  /** Public source (URL) for the value. */
  readonly source: string;
  /** Where sources disagree or the system varies: the lowest and highest value reported. */
  readonly range?: readonly [number, number];
  /** True where the value is a modelling choice rather than a documented number. */
  readonly modelled?: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const timing = {
  didEnterBackgroundDeadline: {
    ms: 5 * SECOND,
    what: 'time sceneDidEnterBackground(_:) or applicationDidEnterBackground(_:) has to do its work and return',
    source:
      'https://developer.apple.com/documentation/uikit/extending-your-app-s-background-execution-time',
  },
  suspendAfterCallbacks: {
    ms: 500,
    what: 'how soon after its background callbacks return an app with nothing holding it is suspended (Apple says only “shortly after”)',
    source:
      'https://developer.apple.com/documentation/uikit/extending-your-app-s-background-execution-time',
    modelled: true,
  },
  appRefreshDelay: {
    ms: 3 * HOUR,
    what: 'how long after its earliest begin date the system may wait before it launches an app refresh (Apple: the delay “can be many hours”; the range is a modelling choice)',
    source:
      'https://developer.apple.com/documentation/backgroundtasks/starting-and-terminating-tasks-during-development',
    range: [10 * MINUTE, 16 * HOUR],
    modelled: true,
  },
  silentPushBudgetWindow: {
    ms: 1 * HOUR,
    what: 'the window over which the system budgets silent-push wakes (Apple: “don’t try to send more than two or three per hour”)',
    source:
      'https://developer.apple.com/documentation/usernotifications/pushing-background-updates-to-your-app',
    modelled: true,
  },
  discretionaryStart: {
    ms: 1 * HOUR,
    what: 'how long a discretionary task created on battery may wait before the system starts it without power (Apple: the system “might delay transferring large files until the device is plugged in”; the range is a modelling choice)',
    source:
      'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/isdiscretionary',
    range: [10 * MINUTE, 6 * HOUR],
    modelled: true,
  },
  heldPushDelay: {
    ms: 10 * MINUTE,
    what: 'how long after the silent-push budget returns the system delivers a push it held back (Apple: the system throttles and delivers at its discretion; the range is a modelling choice)',
    source:
      'https://developer.apple.com/documentation/usernotifications/pushing-background-updates-to-your-app',
    range: [1 * MINUTE, 30 * MINUTE],
    modelled: true,
  },
  backgroundTaskBudget: {
    ms: 30 * SECOND,
    what: 'background time granted to all of an app’s beginBackgroundTask assertions together (Quinn: “about 30 seconds” on current systems; the range is older reports: 15 s from one developer, 10 min on iOS 4 to 6)',
    source: 'https://developer.apple.com/forums/thread/85066',
    range: [15 * SECOND, 10 * MINUTE],
  },
  expirationHandlerGrace: {
    ms: 1 * SECOND,
    what: 'time an expiration handler has to end its task before the watchdog steps in',
    source: 'https://developer.apple.com/forums/thread/85066',
    range: [1 * SECOND, 5 * SECOND],
  },
  willTerminateBudget: {
    ms: 5 * SECOND,
    what: 'time applicationWillTerminate(_:) has to return',
    source:
      'https://developer.apple.com/documentation/uikit/uiapplicationdelegate/applicationwillterminate(_:)',
  },
  appRefreshRuntime: {
    ms: 30 * SECOND,
    what: 'longest runtime of a BGAppRefreshTask (Apple: “up to 30 seconds”) before its expiration handler is called',
    source:
      'https://developer.apple.com/documentation/backgroundtasks/choosing-background-strategies-for-your-app',
  },
  processingRuntime: {
    ms: 5 * MINUTE,
    what: 'runtime of a BGProcessingTask while the device stays idle (Apple says only “minutes”; the range is a modelling choice, no source gives one)',
    source: 'https://developer.apple.com/documentation/backgroundtasks/bgprocessingtask',
    range: [1 * MINUTE, 10 * MINUTE],
    modelled: true,
  },
  processingIdleAfterLock: {
    ms: 5 * MINUTE,
    what: 'how long the device must sit locked and on power before the scheduler treats it as idle (Apple gives no number)',
    source: 'https://developer.apple.com/documentation/backgroundtasks/bgprocessingtask',
    modelled: true,
  },
  silentPushRuntime: {
    ms: 30 * SECOND,
    what: 'time an app woken by a silent push has to call the fetch completion handler',
    source:
      'https://developer.apple.com/documentation/uikit/uiapplicationdelegate/application(_:didreceiveremotenotification:fetchcompletionhandler:)',
  },
  backgroundLaunchRuntime: {
    ms: 30 * SECOND,
    what: 'time an app relaunched for background URLSession events has before it must call the completion handler',
    source: 'https://developer.apple.com/documentation/xcode/sigkill',
    modelled: true,
  },
  requestTimeout: {
    ms: 60 * SECOND,
    what: 'default timeoutIntervalForRequest: idle time between packets before a retry',
    source:
      'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/timeoutintervalforrequest',
  },
  resourceTimeout: {
    ms: 7 * DAY,
    what: 'default timeoutIntervalForResource: the whole life of a transfer, retries included',
    source:
      'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/timeoutintervalforresource',
  },
  resumeRateLimiterFirstDelay: {
    ms: 60 * SECOND,
    what: 'first delay of the resume rate limiter, as one developer measured it on iOS 12.4; it doubles with each background resume that work it held back causes',
    source: 'https://forums.developer.apple.com/forums/thread/128813',
  },
  continuedProcessingStallLimit: {
    ms: 60 * SECOND,
    what: 'how long a continued-processing task may go without reporting progress before the system expires it',
    source: 'https://developer.apple.com/documentation/backgroundtasks/bgcontinuedprocessingtask',
    modelled: true,
  },
  transferMegabyte: {
    ms: 10 * SECOND,
    what: 'time one transfer takes to move a megabyte (1,000,000 bytes) on the simulated network (no source gives a throughput; the range is a modelling choice)',
    source:
      'https://developer.apple.com/documentation/foundation/downloading-files-in-the-background',
    range: [100, 60 * SECOND],
    modelled: true,
  },
  appRefreshWork: {
    ms: 2 * SECOND,
    what: 'time the sample app’s refresh handler works before it calls setTaskCompleted(success:)',
    source: 'https://developer.apple.com/documentation/backgroundtasks/bgapprefreshtask',
    modelled: true,
  },
  processingWork: {
    ms: 2 * MINUTE,
    what: 'time the sample app’s processing handler works before it calls setTaskCompleted(success:)',
    source: 'https://developer.apple.com/documentation/backgroundtasks/bgprocessingtask',
    modelled: true,
  },
  continuedProcessingWork: {
    ms: 2 * MINUTE,
    what: 'time the sample app’s continued-processing export takes, reporting progress as it goes',
    source: 'https://developer.apple.com/documentation/backgroundtasks/bgcontinuedprocessingtask',
    modelled: true,
  },
  pushFetchWork: {
    ms: 2 * SECOND,
    what: 'time the sample app’s silent-push handler works before it calls the fetch completion handler',
    source:
      'https://developer.apple.com/documentation/usernotifications/pushing-background-updates-to-your-app',
    modelled: true,
  },
} as const satisfies Record<string, Duration>;

export type TimingKey = keyof typeof timing;

/** Formats a duration the way the guides say it: "5 seconds", "7 days", "14 minutes 55 seconds". */
export function formatDuration(ms: number): string {
  const units: readonly [number, string][] = [
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
    [SECOND, 'second'],
  ];
  const count = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;
  const index = units.findIndex(([size]) => ms >= size);
  const [size, name] = units[index] ?? [SECOND, 'second'];
  if (index < 0 || (size === SECOND && ms % SECOND !== 0)) return `${ms / SECOND} seconds`;
  const whole = Math.floor(ms / size);
  const next = units[index + 1];
  const rest = next ? Math.round((ms - whole * size) / next[0]) : 0;
  if (!next || rest === 0) return count(whole, name);
  // Rounding the smaller unit up can make a whole larger one (59.6 seconds is a minute), which
  // may itself be a whole unit bigger still (59 minutes 59.6 seconds is an hour).
  if (rest * next[0] === size) return formatDuration((whole + 1) * size);
  return `${count(whole, name)} ${count(rest, next[1])}`;
}
