/**
 * The learning path: challenges in the order a new team member meets them, from the lifecycle
 * to extra time, background transfers, BGTaskScheduler and silent push.
 *
 * Each starting scenario is a plain version-1 scenario; the reader adds steps from the
 * challenge's controls or flips its app code choices, and `check` judges the whole run's
 * summary. The checks use states, reasons and CALLBACK names only, and no solution depends on
 * the exact moment the system grants a task: solutions wait generously (a day for a refresh).
 */
import { CALLBACK, type Scenario, type ScenarioEvent } from '../sim/index.ts';
import { controls as c, durations, REFRESH_EARLIEST_MS } from './controls.ts';
import {
  callbackCount,
  plural,
  scheduledCompleted,
  stateWords,
  terminatedBy,
  uploads,
  uploadsCompleted,
} from './summary-facts.ts';
import type { Challenge } from './types.ts';

const { MINUTE, HOUR, DAY } = durations;

function scenario(app: Scenario['app'], events: ScenarioEvent[]): Scenario {
  return { version: 1, app, events };
}

const ev = {
  openApp: c.openApp.event,
  goHome: c.goHome.event,
  openSwitcher: c.openSwitcher.event,
  forceQuit: c.forceQuit.event,
  lock: c.lock.event,
  memoryPressure: c.memoryPressure.event,
  attachDebugger: c.attachDebugger.event,
  detachDebugger: c.detachDebugger.event,
  plugIn: c.plugIn.event,
  refreshOff: { type: 'settings.backgroundAppRefresh', on: false },
  refreshOn: c.refreshOn.event,
  startUploads: c.startUploads.event,
  scheduleRefresh: c.scheduleRefresh.event,
  scheduleProcessing: c.scheduleProcessing.event,
  startExport: c.startExport.event,
  silentPush: c.silentPush.event,
  beginTask: { type: 'app.beginBackgroundTask', name: 'upload' },
  wait: (ms: number): ScenarioEvent => ({ type: 'clock.advance', ms }),
} satisfies Record<string, ScenarioEvent | ((ms: number) => ScenarioEvent)>;

/** Three uploads started, the app sent home and then reclaimed by the system. */
const uploadsThenSystemKill: ScenarioEvent[] = [
  ev.openApp,
  ev.startUploads,
  ev.goHome,
  ev.wait(10_000),
  ev.memoryPressure,
  ev.wait(10 * MINUTE),
];

const guides = {
  lifecycle: { slug: 'app-lifecycle', title: 'The app lifecycle' },
  extraTime: { slug: 'extra-time', title: 'Extra time to finish' },
  testing: { slug: 'testing-and-debugging', title: 'Testing and debugging background code' },
  transfers: { slug: 'background-transfers', title: 'Background transfers with URLSession' },
  refresh: {
    slug: 'background-app-refresh',
    title: 'Background App Refresh with BGAppRefreshTask',
  },
  processing: { slug: 'processing-tasks', title: 'Processing tasks with BGProcessingTask' },
  continued: {
    slug: 'continued-processing',
    title: 'Continued processing with BGContinuedProcessingTask',
  },
  push: { slug: 'background-modes-and-silent-push', title: 'Background modes and silent push' },
} as const;

const pitfalls = {
  willTerminate: {
    slug: 'will-terminate-not-called',
    title: 'Saving state in applicationWillTerminate',
  },
  taskNeverEnded: {
    slug: 'background-task-never-ended',
    title: 'A background task that is never ended',
  },
  debugger: {
    slug: 'debugger-hides-suspension',
    title: 'Trusting a test run with the debugger attached',
  },
  uploadsFromData: {
    slug: 'uploads-from-data',
    title: 'Uploading from Data in a background session',
  },
  completionHandler: {
    slug: 'completion-handler-not-called',
    title: 'Not calling the background session completion handler',
  },
  forceQuitTesting: {
    slug: 'testing-relaunch-with-force-quit',
    title: 'Testing background relaunch by force quitting',
  },
  periodic: {
    slug: 'expecting-periodic-execution',
    title: 'Expecting background work to run on a schedule',
  },
  workAfterForceQuit: {
    slug: 'work-after-force-quit',
    title: 'Expecting work to continue after a force quit',
  },
} as const;

const sources = {
  lifeCycle: {
    title: 'Apple: Managing your app’s life cycle',
    url: 'https://developer.apple.com/documentation/uikit/managing-your-app-s-life-cycle',
  },
  willTerminate: {
    title: 'Apple: applicationWillTerminate(_:)',
    url: 'https://developer.apple.com/documentation/uikit/uiapplicationdelegate/applicationwillterminate(_:)',
  },
  beginBackgroundTask: {
    title: 'Apple: beginBackgroundTask(withName:expirationHandler:)',
    url: 'https://developer.apple.com/documentation/uikit/uiapplication/beginbackgroundtask(withname:expirationhandler:)',
  },
  cancellationReasons: {
    title: 'Apple: URL Session Background Task Cancellation Reasons',
    url: 'https://developer.apple.com/documentation/foundation/url-session-background-task-cancellation-reasons',
  },
  earliestBeginDate: {
    title: 'Apple: BGTaskRequest.earliestBeginDate',
    url: 'https://developer.apple.com/documentation/backgroundtasks/bgtaskrequest/earliestbegindate',
  },
  processingRequest: {
    title: 'Apple: BGProcessingTaskRequest',
    url: 'https://developer.apple.com/documentation/backgroundtasks/bgprocessingtaskrequest',
  },
  remoteNotification: {
    title: 'Apple: application(_:didReceiveRemoteNotification:fetchCompletionHandler:)',
    url: 'https://developer.apple.com/documentation/uikit/uiapplicationdelegate/application(_:didreceiveremotenotification:fetchcompletionhandler:)',
  },
} as const;

export const challenges: readonly Challenge[] = [
  {
    slug: 'leave-the-screen',
    title: 'Leave the screen',
    topic: 'The app lifecycle',
    teaches:
      'What a scene-based app hears when the person goes to the Home Screen, and that it is suspended soon after.',
    goal: 'The person goes to the Home Screen, and the app ends up suspended: still in memory, running none of its code.',
    start: scenario({}, [ev.openApp, ev.goHome]),
    controls: [c.openApp, c.goHome, c.wait10s],
    appChoices: [],
    check: (s) => ({
      solved: s.app.state === 'suspended' && callbackCount(s, CALLBACK.sceneDidEnterBackground) > 0,
      status: `The app is ${stateWords(s)}.`,
    }),
    hints: [
      'In this simulation time stands still until you move it: suspension is something that happens a moment after the app leaves the screen.',
      'Press “Wait 10 seconds”.',
    ],
    solution: scenario({}, [ev.openApp, ev.goHome, ev.wait(10_000)]),
    guide: guides.lifecycle,
    prediction: {
      beforeStep: 1,
      question:
        'The app is on screen. The person swipes up to the Home Screen. What does the app’s code see next?',
      choices: [
        { id: 'scene', label: 'sceneWillResignActive(_:), then sceneDidEnterBackground(_:)' },
        { id: 'appDelegate', label: 'applicationDidEnterBackground(_:) on the app delegate' },
        { id: 'terminate', label: 'applicationWillTerminate(_:)' },
        { id: 'nothing', label: 'Nothing: the app is suspended at once' },
      ],
      answer: 'scene',
      explanation:
        'An app that uses scenes hears about it from its scene delegate: the scene first resigns active, then enters the background. That second call is the moment to save what the person would miss and hide anything private before the system takes the snapshot for the app switcher. UIKit does not call the app delegate’s applicationDidEnterBackground(_:) in a scene-based app. Shortly after the callbacks return, the system suspends the app.',
      source: sources.lifeCycle,
    },
  },
  {
    slug: 'come-back',
    title: 'Come back without a launch',
    topic: 'The app lifecycle',
    teaches:
      'A suspended app resumes where it was: no second launch, only its scene coming back to the foreground.',
    goal: 'The person returns to the app after a minute away, and it is on screen again without having launched a second time.',
    start: scenario({}, [ev.openApp, ev.goHome, ev.wait(MINUTE)]),
    controls: [c.openApp, c.goHome, c.wait1m],
    appChoices: [],
    check: (s) => ({
      solved:
        s.app.state === 'active' &&
        s.app.launches.length === 1 &&
        s.app.terminations.length === 0 &&
        callbackCount(s, CALLBACK.sceneWillEnterForeground) >= 2,
      status: `The app is ${stateWords(s)}, launched ${plural(s.app.launches.length, 'time')}.`,
    }),
    hints: [
      'The app is suspended, not gone: its memory is still there.',
      'Open the app again and watch which callbacks run, and which do not.',
    ],
    solution: scenario({}, [ev.openApp, ev.goHome, ev.wait(MINUTE), ev.openApp]),
    guide: guides.lifecycle,
  },
  {
    slug: 'killed-while-suspended',
    title: 'Killed while suspended',
    topic: 'The app lifecycle',
    teaches:
      'An app the system reclaims while suspended runs no code on the way out, so the next tap is a fresh launch: save state when the app leaves the screen.',
    goal: 'After the system reclaims the suspended app, the person taps its icon and the app starts from scratch: it is launched a second time and is on screen.',
    start: scenario({}, [ev.openApp, ev.goHome, ev.wait(10_000), ev.memoryPressure]),
    controls: [c.openApp, c.goHome, c.wait10s],
    appChoices: [],
    check: (s) => {
      const byPerson = s.app.launches.filter((l) => l.reason === 'user').length;
      return {
        solved: terminatedBy(s, 'memoryPressure') && byPerson >= 2 && s.app.state === 'active',
        status: `The app is ${stateWords(s)}; the person has launched it ${plural(byPerson, 'time')}.`,
      };
    },
    hints: [
      'Nothing in the app ran when it was reclaimed. What does the person do next?',
      'Open the app, and compare its callbacks with those of the first launch.',
    ],
    solution: scenario({}, [ev.openApp, ev.goHome, ev.wait(10_000), ev.memoryPressure, ev.openApp]),
    guide: guides.lifecycle,
    pitfall: pitfalls.willTerminate,
    prediction: {
      beforeStep: 3,
      question:
        'The app has been suspended for 10 seconds. The system needs its memory and reclaims it. Which of the app’s methods runs?',
      choices: [
        { id: 'willTerminate', label: 'applicationWillTerminate(_:)' },
        { id: 'background', label: 'sceneDidEnterBackground(_:), once more' },
        { id: 'none', label: 'None: a suspended app is ended without running any of its code' },
        { id: 'memoryWarning', label: 'applicationDidReceiveMemoryWarning(_:)' },
      ],
      answer: 'none',
      explanation:
        'A suspended app cannot run code, so the system simply removes the process. Apple’s documentation says applicationWillTerminate(_:) may be called when the system ends an app that is running in the background, not suspended; a suspended app hears nothing. Anything the person would miss has to be saved earlier, when the scene enters the background.',
      source: sources.willTerminate,
    },
  },
  {
    slug: 'debugger-keeps-it-awake',
    title: 'What Xcode hides',
    topic: 'The app lifecycle',
    teaches:
      'An attached debugger keeps the app from being suspended, which is why background code that works from Xcode fails for users.',
    goal: 'See the app as a person’s phone runs it: after the person leaves it, the app ends up suspended instead of staying awake in the background.',
    start: scenario({}, [ev.openApp, ev.attachDebugger, ev.goHome, ev.wait(MINUTE)]),
    controls: [c.openApp, c.goHome, c.attachDebugger, c.detachDebugger, c.wait10s],
    appChoices: [],
    check: (s) => ({
      solved: s.app.state === 'suspended',
      status: `The app is ${stateWords(s)}.`,
    }),
    hints: [
      'A minute has passed and the app is still running in the background. What is different from a phone in a person’s pocket?',
      'Detach the debugger, then let a little time pass.',
    ],
    solution: scenario({}, [
      ev.openApp,
      ev.attachDebugger,
      ev.goHome,
      ev.wait(MINUTE),
      ev.detachDebugger,
      ev.wait(10_000),
    ]),
    guide: guides.testing,
    pitfall: pitfalls.debugger,
  },
  {
    slug: 'ask-for-extra-time',
    title: 'Ask for extra time',
    topic: 'Extra time',
    teaches:
      'beginBackgroundTask(withName:expirationHandler:) keeps the app running after it leaves the screen, until the app calls endBackgroundTask(_:).',
    goal: 'The app finishes its work after the person leaves: it holds a background task while it works, ends it itself, and is then suspended, never killed.',
    start: scenario({}, [ev.openApp, ev.goHome, ev.wait(MINUTE)]),
    controls: [c.openApp, c.goHome, c.wait1m],
    appChoices: ['beginsTaskOnBackground'],
    check: (s) => {
      const ended = s.backgroundTasks.filter((t) => t.state === 'ended').length;
      return {
        solved: ended > 0 && s.app.terminations.length === 0 && s.app.state === 'suspended',
        status:
          s.backgroundTasks.length === 0
            ? `The app asked for no extra time; it is ${stateWords(s)}.`
            : `${plural(ended, 'background task')} ended by the app; it is ${stateWords(s)}.`,
      };
    },
    hints: [
      'Without a background task, the app is suspended as soon as its background callback returns, in the middle of its work.',
      'Change the app’s code so that it begins a background task when it leaves the foreground.',
    ],
    solution: scenario({ beginsTaskOnBackground: true }, [ev.openApp, ev.goHome, ev.wait(MINUTE)]),
    guide: guides.extraTime,
  },
  {
    slug: 'end-what-you-begin',
    title: 'End what you begin',
    topic: 'Extra time',
    teaches:
      'When background time runs out, the expiration handler must end the task; a task left running gets the app killed.',
    goal: 'The app’s background time runs out while it is still uploading, and the app survives: its expiration handler ends the task and the app is not killed.',
    start: scenario({ expirationHandlerEndsTask: false }, [
      ev.openApp,
      ev.beginTask,
      ev.goHome,
      ev.wait(MINUTE),
    ]),
    controls: [c.wait1m],
    appChoices: ['expirationHandlerEndsTask'],
    check: (s) => {
      const expired = callbackCount(s, CALLBACK.backgroundTaskExpiration) > 0;
      const killed = terminatedBy(s, 'watchdog');
      return {
        solved:
          expired &&
          !killed &&
          s.app.terminations.length === 0 &&
          s.backgroundTasks.length > 0 &&
          s.backgroundTasks.every((t) => t.state !== 'running'),
        status: killed
          ? 'The watchdog killed the app for holding its background task too long.'
          : expired
            ? `The expiration handler ran and the app is ${stateWords(s)}.`
            : `The app’s background time has not run out yet; it is ${stateWords(s)}.`,
      };
    },
    hints: [
      'The expiration handler runs. Look at what it does, and what it leaves undone.',
      'Change the app’s code so that the expiration handler calls endBackgroundTask(_:).',
    ],
    solution: scenario({ expirationHandlerEndsTask: true }, [
      ev.openApp,
      ev.beginTask,
      ev.goHome,
      ev.wait(MINUTE),
    ]),
    guide: guides.extraTime,
    pitfall: pitfalls.taskNeverEnded,
    prediction: {
      beforeStep: 3,
      question:
        'The app began a background task named “upload” and went to the Home Screen. A minute passes; its background time runs out long before that, and its expiration handler does not end the task. What does iOS do?',
      choices: [
        { id: 'kill', label: 'It calls the expiration handler, then kills the app' },
        { id: 'keep', label: 'It lets the task run until the app ends it' },
        { id: 'suspend', label: 'It ends the task for the app and suspends it quietly' },
        { id: 'refuse', label: 'Nothing: the task was refused when the app left the screen' },
      ],
      answer: 'kill',
      explanation:
        'The expiration handler is called shortly before the time runs out, and it is the app’s last chance to end the task. Apple’s documentation is plain about the rest: failing to end the task gets the app terminated. The crash report names the reason; Apple’s EXC_CRASH (SIGKILL) page lists the codes.',
      source: sources.beginBackgroundTask,
    },
  },
  {
    slug: 'uploads-survive-a-kill',
    title: 'Uploads that survive the app',
    topic: 'Background transfers',
    teaches:
      'A background URLSession hands its transfers to the system, which carries them on after the app is killed and wakes the app when they are done.',
    goal: 'After the system kills the app, the three uploads still finish, and the app, woken in the background, hears it in urlSessionDidFinishEvents(forBackgroundURLSession:) and shows “Uploads finished”.',
    start: scenario({ sessionKind: 'default' }, uploadsThenSystemKill),
    controls: [c.wait10m],
    appChoices: ['sessionKind'],
    check: (s) => {
      const done = uploadsCompleted(s);
      return {
        solved:
          uploads(s).length === 3 &&
          done === 3 &&
          terminatedBy(s, 'memoryPressure') &&
          callbackCount(s, CALLBACK.didFinishEvents) > 0,
        status: `${done} of ${plural(uploads(s).length, 'upload')} finished.`,
      };
    },
    hints: [
      'The uploads die with the app. Who carries out a transfer in each kind of session?',
      'Make the app create its session with URLSessionConfiguration.background(withIdentifier:).',
    ],
    solution: scenario({ sessionKind: 'background' }, uploadsThenSystemKill),
    guide: guides.transfers,
  },
  {
    slug: 'upload-from-a-file',
    title: 'Upload from a file',
    topic: 'Background transfers',
    teaches:
      'A background session uploads only from a file: an upload from in-memory Data raises an exception and crashes the app.',
    goal: 'The person starts three uploads and leaves; the app does not crash and all three uploads finish.',
    start: scenario({ uploadSource: 'data' }, [
      ev.openApp,
      ev.startUploads,
      ev.goHome,
      ev.wait(10 * MINUTE),
    ]),
    controls: [c.openApp, c.startUploads, c.goHome, c.wait10m],
    appChoices: ['uploadSource'],
    check: (s) => {
      const done = uploadsCompleted(s);
      const crashed = terminatedBy(s, 'crash');
      return {
        solved: !crashed && uploads(s).length >= 3 && done === uploads(s).length,
        status: crashed
          ? 'The app crashed when it started the uploads.'
          : `${done} of ${plural(uploads(s).length, 'upload')} finished.`,
      };
    },
    hints: [
      'The crash happens the moment the uploads start. Which argument does the upload task get?',
      'Write the body to a file first and upload with uploadTask(with:fromFile:).',
    ],
    solution: scenario({ uploadSource: 'file' }, [
      ev.openApp,
      ev.startUploads,
      ev.goHome,
      ev.wait(10 * MINUTE),
    ]),
    guide: guides.transfers,
    pitfall: pitfalls.uploadsFromData,
  },
  {
    slug: 'call-the-completion-handler',
    title: 'Say you are done',
    topic: 'Background transfers',
    teaches:
      'An app woken for its background session must call the completion handler it was given, or the system treats it as stuck.',
    goal: 'The uploads finish while the app is gone; the app is woken to hear about them, calls the handler it was given, and is not killed.',
    start: scenario({ callsCompletionHandler: false }, uploadsThenSystemKill),
    controls: [c.wait10m],
    appChoices: ['callsCompletionHandler'],
    check: (s) => {
      const woken = s.app.launches.some((l) => l.reason === 'backgroundURLSession');
      const killed = terminatedBy(s, 'watchdog');
      return {
        solved: woken && uploadsCompleted(s) === 3 && !killed,
        status: killed
          ? 'The uploads finished, then the watchdog killed the app woken for them.'
          : woken
            ? `The app was woken for its session and is ${stateWords(s)}.`
            : 'The app has not been woken for its session yet.',
      };
    },
    hints: [
      'The uploads are fine. Look at what happens to the app after it is woken.',
      'Make the app call the completion handler from application(_:handleEventsForBackgroundURLSession:completionHandler:), once urlSessionDidFinishEvents(forBackgroundURLSession:) arrives.',
    ],
    solution: scenario({ callsCompletionHandler: true }, uploadsThenSystemKill),
    guide: guides.transfers,
    pitfall: pitfalls.completionHandler,
  },
  {
    slug: 'uploads-after-force-quit',
    title: 'Uploads after a force quit',
    topic: 'Background transfers',
    teaches:
      'Nothing brings back transfers after the person swipes the app away: force quit cancels them, on purpose.',
    goal: 'The person swipes the app away while three uploads are running. Without the person opening the app again, the three uploads finish.',
    start: scenario({}, [
      ev.openApp,
      ev.startUploads,
      ev.openSwitcher,
      ev.forceQuit,
      ev.wait(10 * MINUTE),
    ]),
    controls: [c.wait1h, c.plugIn, c.reboot, c.unlock, c.silentPush],
    appChoices: ['sessionKind', 'uploadSource'],
    check: (s) => {
      const done = uploadsCompleted(s);
      const byPerson = s.app.launches.filter((l) => l.reason === 'user').length;
      return {
        solved: uploads(s).length === 3 && done === 3 && byPerson === 1,
        status: `${done} of ${plural(uploads(s).length, 'upload')} finished.`,
      };
    },
    hints: [
      'Try a background session, more time, the charger, a restart. What state are the uploads in?',
      'Read the uploads’ error: the system cancelled them, and it says why.',
    ],
    solution: scenario({}, [
      ev.openApp,
      ev.startUploads,
      ev.openSwitcher,
      ev.forceQuit,
      ev.wait(10 * MINUTE),
      c.reboot.event,
      ev.wait(HOUR),
    ]),
    guide: guides.transfers,
    pitfall: pitfalls.workAfterForceQuit,
    impossible: {
      why: 'Swiping an app away is how a person says “stop”. iOS respects it: the system cancels the app’s background-session tasks (their error carries the reason userForceQuitApplication) and does not launch the app in the background again until the person opens it. No session kind, no amount of time, no charger or restart changes that, and an app should not try to get around it. What the app can do is recover when it is opened next: it recreates its session, hears about the cancelled tasks in urlSession(_:task:didCompleteWithError:) and starts them again. And because force quit stops background work, it is the wrong way to test a relaunch in the background: let the system reclaim the app instead.',
      source: sources.cancellationReasons,
    },
  },
  {
    slug: 'refresh-needs-permission',
    title: 'A refresh the system may run',
    topic: 'BGTaskScheduler',
    teaches:
      'submit(_:) throws .unavailable while Background App Refresh is off; once it is on, a refresh runs at a moment the system picks, after its earliest begin date.',
    goal: 'While the app sits in the background, the system runs its refresh task and the task completes, so the person finds fresh content the next time they open the app.',
    start: scenario({}, [ev.refreshOff, ev.openApp, ev.scheduleRefresh, ev.goHome, ev.wait(DAY)]),
    controls: [c.refreshOn, c.openApp, c.scheduleRefresh, c.goHome, c.wait1d],
    appChoices: [],
    check: (s) => {
      const done = scheduledCompleted(s, 'appRefresh');
      const refused = s.refused.some((r) => r.type === 'app.scheduleAppRefresh');
      return {
        solved: done > 0,
        status:
          done > 0
            ? 'The refresh task ran and completed.'
            : refused
              ? 'The refresh request was refused, so nothing is scheduled.'
              : 'The refresh task has not run yet.',
      };
    },
    hints: [
      'Look at the step that submitted the request: it was refused, and the reason is given.',
      'Turn Background App Refresh on, then open the app so that it submits its request again, leave it, and give the system a day.',
    ],
    solution: scenario({}, [
      ev.refreshOff,
      ev.openApp,
      ev.scheduleRefresh,
      ev.goHome,
      ev.wait(DAY),
      ev.refreshOn,
      ev.openApp,
      ev.scheduleRefresh,
      ev.goHome,
      ev.wait(DAY),
    ]),
    guide: guides.refresh,
    pitfall: pitfalls.periodic,
  },
  {
    slug: 'refresh-is-not-a-timer',
    title: 'A refresh is not a timer',
    topic: 'BGTaskScheduler',
    teaches:
      'Each refresh request runs at most once: an app that wants another refresh submits the next request itself.',
    goal: 'The refresh task completes twice, on two different days.',
    start: scenario({}, [ev.openApp, ev.scheduleRefresh, ev.goHome, ev.wait(DAY), ev.wait(DAY)]),
    controls: [c.openApp, c.scheduleRefresh, c.goHome, c.wait1d],
    appChoices: [],
    check: (s) => {
      const done = scheduledCompleted(s, 'appRefresh');
      return {
        solved: done >= 2,
        status: `The refresh task has completed ${plural(done, 'time')}.`,
      };
    },
    hints: [
      'After the first run, is any refresh request still pending?',
      'Submit a new request after the first one has run (a real app does it from its launch handler), then give the system another day.',
    ],
    solution: scenario({}, [
      ev.openApp,
      ev.scheduleRefresh,
      ev.goHome,
      ev.wait(DAY),
      ev.wait(DAY),
      ev.openApp,
      ev.scheduleRefresh,
      ev.goHome,
      ev.wait(DAY),
    ]),
    guide: guides.refresh,
    pitfall: pitfalls.periodic,
    prediction: {
      beforeStep: 4,
      question: `The app submitted one refresh request, earliest in ${REFRESH_EARLIEST_MS / MINUTE} minutes, and the task has run once. The app submitted nothing since. Another day passes. What happens?`,
      choices: [
        { id: 'once', label: 'Nothing: the request has been used, and none is pending' },
        { id: 'every15', label: 'It runs again every 15 minutes' },
        { id: 'daily', label: 'It runs again once a day' },
        { id: 'charging', label: 'It runs again the next time the phone charges' },
      ],
      answer: 'once',
      explanation:
        'A BGAppRefreshTaskRequest is one request for one run, and its earliest begin date is only a lower bound: the system picks the moment, often much later. To keep refreshing, the app submits the next request, typically from the launch handler of the one that is running.',
      source: sources.earliestBeginDate,
    },
  },
  {
    slug: 'complete-the-task',
    title: 'Complete the task',
    topic: 'BGTaskScheduler',
    teaches:
      'A BGTask launch handler must call setTaskCompleted(success:) before its time is up, or the system expires the task and ends the app.',
    goal: 'The system runs the app’s refresh task, the task completes, and the app is not killed.',
    start: scenario({ callsSetTaskCompleted: false }, [
      ev.openApp,
      ev.scheduleRefresh,
      ev.goHome,
      ev.wait(DAY),
    ]),
    controls: [c.wait1d],
    appChoices: ['callsSetTaskCompleted'],
    check: (s) => {
      const done = scheduledCompleted(s, 'appRefresh');
      const killed = terminatedBy(s, 'watchdog');
      return {
        solved: done > 0 && !killed,
        status: killed
          ? 'The task expired and the app was killed.'
          : done > 0
            ? 'The refresh task completed.'
            : 'The refresh task has not completed.',
      };
    },
    hints: [
      'The launch handler runs and does its work. What does it never tell the system?',
      'Change the app’s code so that the launch handler calls setTaskCompleted(success:).',
    ],
    solution: scenario({ callsSetTaskCompleted: true }, [
      ev.openApp,
      ev.scheduleRefresh,
      ev.goHome,
      ev.wait(DAY),
    ]),
    guide: guides.refresh,
  },
  {
    slug: 'overnight-processing',
    title: 'Overnight clean-up',
    topic: 'BGTaskScheduler',
    teaches:
      'A processing task runs only when the phone is idle and meets the request’s conditions, such as being on power.',
    goal: 'The app’s database clean-up, a processing task that requires power, runs overnight and completes.',
    start: scenario({}, [ev.openApp, ev.scheduleProcessing, ev.goHome, ev.lock, ev.wait(8 * HOUR)]),
    controls: [c.plugIn, c.unplug, c.lock, c.unlock, c.wait1h, c.wait8h],
    appChoices: [],
    check: (s) => {
      const done = scheduledCompleted(s, 'processing');
      const pending = s.scheduledTasks.some(
        (t) => t.kind === 'processing' && t.state === 'pending',
      );
      return {
        solved: done > 0,
        status:
          done > 0
            ? 'The processing task completed.'
            : pending
              ? 'The processing task is still pending.'
              : 'No processing task has completed.',
      };
    },
    hints: [
      'The request says requiresExternalPower. What is the phone running on?',
      'Plug in the charger while the phone is locked, and let the night go on.',
    ],
    solution: scenario({}, [
      ev.openApp,
      ev.scheduleProcessing,
      ev.goHome,
      ev.lock,
      ev.wait(8 * HOUR),
      ev.plugIn,
      ev.wait(8 * HOUR),
    ]),
    guide: guides.processing,
    prediction: {
      beforeStep: 4,
      question:
        'The app submitted a processing request with requiresExternalPower set. The person locks the phone and sleeps for 8 hours; the phone stays on battery. What does the scheduler do?',
      choices: [
        { id: 'wait', label: 'It keeps the task pending: the request’s condition is not met' },
        { id: 'run', label: 'It runs the task once the phone has been locked a while' },
        { id: 'short', label: 'It runs the task, but for 30 seconds only' },
        { id: 'throw', label: 'Nothing: submit(_:) threw because the phone was on battery' },
      ],
      answer: 'wait',
      explanation:
        'With requiresExternalPower, the system launches the app for the task only while the device is connected to power. The request was accepted; it simply waits. Processing tasks are also meant for moments when the person is not using the phone, which is why a locked phone on its charger at night is the usual time they run.',
      source: sources.processingRequest,
    },
  },
  {
    slug: 'export-keeps-going',
    title: 'An export that keeps going',
    topic: 'BGTaskScheduler',
    teaches:
      'iOS 26’s continued-processing task carries a job the person started past the moment they leave, shown as a Live Activity; it starts only from the foreground.',
    goal: 'The person taps Export, leaves the app, and the export still completes while they are elsewhere.',
    start: scenario({}, [ev.openApp, ev.goHome, ev.startExport, ev.wait(HOUR)]),
    controls: [c.openApp, c.goHome, c.startExport, c.wait10m, c.wait1h],
    appChoices: [],
    check: (s) => {
      const done = scheduledCompleted(s, 'continuedProcessing');
      const refused = s.refused.some((r) => r.type === 'app.startContinuedProcessing');
      return {
        solved: done > 0,
        status:
          done > 0
            ? 'The export completed.'
            : refused
              ? 'Starting the export was refused.'
              : 'The export has not completed yet.',
      };
    },
    hints: [
      'The export was refused. Read the reason: where must the app be when it submits the request?',
      'Open the app, tap Export while it is on screen, then leave and wait.',
    ],
    solution: scenario({}, [
      ev.openApp,
      ev.goHome,
      ev.startExport,
      ev.wait(HOUR),
      ev.openApp,
      ev.startExport,
      ev.goHome,
      ev.wait(HOUR),
    ]),
    guide: guides.continued,
  },
  {
    slug: 'silent-push-after-force-quit',
    title: 'A push the app never hears',
    topic: 'Silent push',
    teaches:
      'A silent push can wake an app in the background, but not one the person swiped away until they open it again.',
    goal: 'A silent push from your server reaches the app’s code: application(_:didReceiveRemoteNotification:fetchCompletionHandler:) runs.',
    start: scenario({}, [
      ev.openApp,
      ev.openSwitcher,
      ev.forceQuit,
      ev.silentPush,
      ev.wait(MINUTE),
    ]),
    controls: [c.openApp, c.goHome, c.silentPush, c.wait1m, c.wait1h],
    appChoices: [],
    check: (s) => {
      const heard = callbackCount(s, CALLBACK.didReceiveRemoteNotification);
      return {
        solved: heard > 0,
        status:
          heard > 0
            ? 'The app’s code received the silent push.'
            : 'No silent push has reached the app’s code.',
      };
    },
    hints: [
      'The push was sent after the person swiped the app away. What does the system do with background work for such an app?',
      'Have the person open the app and leave it, then send the push and give it an hour: silent pushes are delivered when the system sees fit.',
    ],
    solution: scenario({}, [
      ev.openApp,
      ev.openSwitcher,
      ev.forceQuit,
      ev.silentPush,
      ev.wait(MINUTE),
      ev.openApp,
      ev.goHome,
      ev.silentPush,
      ev.wait(HOUR),
    ]),
    guide: guides.push,
    pitfall: pitfalls.workAfterForceQuit,
    prediction: {
      beforeStep: 3,
      question:
        'The person swiped the app away in the app switcher. Now your server sends it a silent push. What happens?',
      choices: [
        {
          id: 'nothing',
          label: 'Nothing reaches the app until the person opens it again',
        },
        {
          id: 'launch',
          label: 'The system launches the app in the background to handle it',
        },
        { id: 'alert', label: 'The push is shown to the person as an alert instead' },
        { id: 'unlock', label: 'It is delivered the next time the person unlocks the phone' },
      ],
      answer: 'nothing',
      explanation:
        'Apple’s documentation says the system does not launch an app the person force quit to deliver a silent push: the person has to open the app again (or restart the phone) first. Even then silent pushes are low priority: the system may hold them, coalesce them, or drop them.',
      source: sources.remoteNotification,
    },
  },
];

/** The challenge with this slug, if there is one. */
export function challengeBySlug(slug: string): Challenge | undefined {
  return challenges.find((ch) => ch.slug === slug);
}
