/**
 * The Swift the playground's app runs, one listing for every combination of app code choices.
 *
 * The template below holds every variant at once: `@@if key=value` / `@@else` / `@@end` pick
 * lines by an app code choice, and `@@method <callback>` / `@@endmethod` mark the lines of the
 * method the simulation names when it delivers that callback. The .astro wrapper highlights the
 * whole template once with Shiki at build time; the island shows the lines of the current
 * variant and lights the methods called in the current step. The Swift follows
 * /work/shared/reference/ios-facts.md §1, §2 and §5 (and §3–4 for the BGTask handlers).
 */

import { lineShown, listingChoices, opposite } from './listing-choices.ts';

export { lineShown, listingChoices };

/** One line of the template, with the choice that shows it and the methods it belongs to. */
export interface ListingLine {
  text: string;
  /** Shown only when every `app[key]` equals its value; always shown when absent. */
  when?: (readonly [string, string])[];
  /** Callback names (as the simulation names them) whose method contains this line. */
  methods: string[];
}

const TEMPLATE = String.raw`import UIKit
import BackgroundTasks

// One background session for the whole app, created once and kept for the process's life.
// nonisolated: the session calls its delegate on a queue of its own, not on the main actor.
// URLSessionDelegate requires Sendable; @unchecked because session is assigned once, in init,
// before anyone else sees the manager, and the completion handler belongs to the main actor.
nonisolated final class UploadManager: NSObject, URLSessionDownloadDelegate, @unchecked Sendable {
    static let shared = UploadManager()
    static let identifier = "com.example.uploads"
    @MainActor var backgroundCompletionHandler: (() -> Void)?
    private(set) var session: URLSession!

    override init() {
        super.init()
        // Made here rather than in a lazy var: lazy is not thread-safe, and two racing first
        // uses would make two sessions with one identifier.
@@if sessionKind=background
        let config = URLSessionConfiguration.background(withIdentifier: Self.identifier)
        config.sessionSendsLaunchEvents = true
        session = URLSession(configuration: config, delegate: self, delegateQueue: nil)
@@else
        // A default session lives inside the app's process: it stops when the app is suspended.
        session = URLSession(configuration: .default, delegate: self, delegateQueue: nil)
@@end
    }

    func startUploads(_ files: [URL], to server: URL) {
        for file in files {
            var request = URLRequest(url: server)
            request.httpMethod = "PUT"
@@if uploadSource=file
            session.uploadTask(with: request, fromFile: file).resume()
@@else
            // Uploads from memory: a background session refuses them.
            let body = try! Data(contentsOf: file)
            session.uploadTask(with: request, from: body).resume()
@@end
        }
    }

    func startDownloads(_ urls: [URL]) {
        for url in urls { session.downloadTask(with: url).resume() }
    }

@@method urlSession(_:downloadTask:didFinishDownloadingTo:)
    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask,
                    didFinishDownloadingTo location: URL) {
        // The file at location is deleted when this method returns: move it now, on this queue.
        let name = downloadTask.originalRequest?.url?.lastPathComponent ?? UUID().uuidString
        try? FileManager.default.moveItem(at: location, to: .documentsDirectory.appending(path: name))
    }
@@endmethod

@@method urlSession(_:task:didCompleteWithError:)
    func urlSession(_ session: URLSession, task: URLSessionTask,
                    didCompleteWithError error: Error?) {
        let id = task.taskIdentifier
        Task { @MainActor in Storage.record(taskIdentifier: id, error: error) }
    }
@@endmethod

@@method urlSessionDidFinishEvents(forBackgroundURLSession:)
    func urlSessionDidFinishEvents(forBackgroundURLSession session: URLSession) {
@@if callsCompletionHandler=true
        // Called on the session's queue; the handler must be called on the main thread.
        Task { @MainActor in
            self.backgroundCompletionHandler?()
            self.backgroundCompletionHandler = nil
        }
@@else
        // The stored completion handler is never called: the system waits, then kills the app.
@@end
    }
@@endmethod
}

final class UploadsViewController: UIViewController {
@@if sessionOwner=singleton
    let uploads = UploadManager.shared
@@else
    // A manager per screen: a second session with the same identifier,
    // and the first one leaked together with its delegate.
    let uploads = UploadManager()
@@end
    var finishTask: UIBackgroundTaskIdentifier = .invalid
@@if registersTasksAtLaunch=false

    override func viewDidLoad() {
        super.viewDidLoad()
        // Only a process that shows this screen registers: "No launch handler registered".
        Tasks.registerLaunchHandlers()
    }
@@end

@@method event:app.startUploads
    @IBAction func startUploadsTapped() {
        uploads.startUploads(Storage.pendingFiles, to: Storage.uploadEndpoint)
    }
@@endmethod

@@method event:app.startDownloads
    @IBAction func startDownloadsTapped() {
        uploads.startDownloads(Storage.pendingDownloads)
    }
@@endmethod

@@method event:app.beginBackgroundTask
    func beginFinishUpload() {
        finishTask = UIApplication.shared.beginBackgroundTask(withName: "finish-upload") {
@@method beginBackgroundTask(withName:expirationHandler:) expiration handler
@@if expirationHandlerEndsTask=true
            // Time is up: end the task now, or the watchdog ends the app.
            UIApplication.shared.endBackgroundTask(self.finishTask)
            self.finishTask = .invalid
@@else
            // Nothing here ends the task: the system kills the app (0x2182bad2).
            Log.info("background time expired")
@@end
@@endmethod
        }
    }
@@endmethod

@@method event:app.endBackgroundTask
    func endFinishUpload() {
        UIApplication.shared.endBackgroundTask(finishTask)
        finishTask = .invalid
    }
@@endmethod

@@method event:app.startContinuedProcessing
    @IBAction func exportTapped() {
        // iOS 26: user-initiated work that may continue after the app leaves the screen.
        let request = BGContinuedProcessingTaskRequest(
            identifier: "com.example.export.\(UUID().uuidString)",
            title: "Exporting uploads", subtitle: "Preparing files")
        try? BGTaskScheduler.shared.submit(request)
    }
@@endmethod
}

@main
final class AppDelegate: UIResponder, UIApplicationDelegate {
@@method application(_:willFinishLaunchingWithOptions:)
    func application(_ application: UIApplication,
                     willFinishLaunchingWithOptions options: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
        Log.info("launching")
        return true
    }
@@endmethod

@@method application(_:didFinishLaunchingWithOptions:)
    func application(_ application: UIApplication,
                     didFinishLaunchingWithOptions options: [UIApplication.LaunchOptionsKey: Any]?) -> Bool {
@@if sessionOwner=singleton
@@if sessionKind=background
        // Reattach to the background session at every launch.
        _ = UploadManager.shared.session
@@end
@@else
        // No session here: each upload screen makes its own when it loads, so a launch in
        // the background recreates none and the session's events have nowhere to go.
@@end
@@if registersTasksAtLaunch=true
        // Register every BGTask handler before launch ends, in every process.
        Tasks.registerLaunchHandlers()
@@else
        // No registration here: the uploads screen registers the handlers when it loads, and a
        // launch in the background for a task loads no screen, so the task finds no handler.
@@end
        return true
    }
@@endmethod

@@if lifecycle=scene
@@method application(_:configurationForConnecting:options:)
    func application(_ application: UIApplication,
                     configurationForConnecting session: UISceneSession,
                     options: UIScene.ConnectionOptions) -> UISceneConfiguration {
        UISceneConfiguration(name: "Default", sessionRole: session.role)
    }
@@endmethod
@@end

@@if sessionKind=background
@@method application(_:handleEventsForBackgroundURLSession:completionHandler:)
    func application(_ application: UIApplication,
                     handleEventsForBackgroundURLSession identifier: String,
                     completionHandler: @escaping () -> Void) {
        // Keep the handler; call it once urlSessionDidFinishEvents(forBackgroundURLSession:) arrives.
        UploadManager.shared.backgroundCompletionHandler = completionHandler
    }
@@endmethod
@@end

@@method application(_:didReceiveRemoteNotification:fetchCompletionHandler:)
    func application(_ application: UIApplication,
                     didReceiveRemoteNotification userInfo: [AnyHashable: Any],
                     fetchCompletionHandler completionHandler: @escaping (UIBackgroundFetchResult) -> Void) {
@@if callsFetchCompletionHandler=true
        Tasks.refreshInbox { completionHandler($0 ? .newData : .failed) }
@@else
        // completionHandler is never called: after 30 seconds the system kills the app.
        Tasks.refreshInbox { _ in Log.info("inbox refreshed") }
@@end
    }
@@endmethod

@@method application(_:didDiscardSceneSessions:)
    func application(_ application: UIApplication,
                     didDiscardSceneSessions sceneSessions: Set<UISceneSession>) {
        Storage.forgetRestorationState(for: sceneSessions)
    }
@@endmethod

@@method applicationWillTerminate(_:)
    func applicationWillTerminate(_ application: UIApplication) {
        Storage.saveNow()
    }
@@endmethod
@@if lifecycle=appDelegate

@@method applicationDidBecomeActive(_:)
    func applicationDidBecomeActive(_ application: UIApplication) {
        Storage.refreshUI()
    }
@@endmethod

@@method applicationWillResignActive(_:)
    func applicationWillResignActive(_ application: UIApplication) {
        Storage.pauseUI()
    }
@@endmethod

@@method applicationDidEnterBackground(_:)
    func applicationDidEnterBackground(_ application: UIApplication) {
@@if releasesFileLocks=true
        // Commits to the shared database before returning: no lock stays open at suspension.
        Storage.saveNow()
@@else
        // Starts the shared-database write and returns: its SQLite lock is still held when the
        // app is suspended, so the system kills the app (0xdead10cc).
        Task { await Storage.saveToSharedDatabase() }
@@end
@@if beginsTaskOnBackground=true
        Screens.uploads?.beginFinishUpload()
@@end
    }
@@endmethod

@@method applicationWillEnterForeground(_:)
    func applicationWillEnterForeground(_ application: UIApplication) {
        Storage.refreshUI()
    }
@@endmethod
@@end
}
@@if lifecycle=scene

final class SceneDelegate: UIResponder, UIWindowSceneDelegate {
    var window: UIWindow?

@@method scene(_:willConnectTo:options:)
    func scene(_ scene: UIScene, willConnectTo session: UISceneSession,
               options connectionOptions: UIScene.ConnectionOptions) {
        Screens.install(in: scene as! UIWindowScene, window: &window)
    }
@@endmethod

@@method sceneWillEnterForeground(_:)
    func sceneWillEnterForeground(_ scene: UIScene) {
        Storage.refreshUI()
    }
@@endmethod

@@method sceneDidBecomeActive(_:)
    func sceneDidBecomeActive(_ scene: UIScene) {
        Storage.resumeUI()
    }
@@endmethod

@@method sceneWillResignActive(_:)
    func sceneWillResignActive(_ scene: UIScene) {
        Storage.pauseUI()
    }
@@endmethod

@@method sceneDidEnterBackground(_:)
    func sceneDidEnterBackground(_ scene: UIScene) {
@@if releasesFileLocks=true
        // Commits to the shared database before returning: no lock stays open at suspension.
        Storage.saveNow()
@@else
        // Starts the shared-database write and returns: its SQLite lock is still held when the
        // app is suspended, so the system kills the app (0xdead10cc).
        Task { await Storage.saveToSharedDatabase() }
@@end
@@if beginsTaskOnBackground=true
        Screens.uploads?.beginFinishUpload()
@@end
    }
@@endmethod

@@method sceneDidDisconnect(_:)
    func sceneDidDisconnect(_ scene: UIScene) {
        Storage.releaseScreenResources()
    }
@@endmethod
}
@@end

// Main-actor code, like the launch handlers that call it: each Task below inherits the main
// actor, so the BGTask it captures never leaves it. The expiration handlers are @Sendable
// because nothing documents the queue the scheduler calls them on.
@MainActor
enum Tasks {
    // The closures are main-actor code, so they run on the main queue: with nil, the scheduler
    // would call them on a background queue and Swift 6's isolation check would stop the app.
    static func registerLaunchHandlers() {
        BGTaskScheduler.shared.register(forTaskWithIdentifier: "com.example.refresh", using: .main) { task in
            handleAppRefresh(task as! BGAppRefreshTask)
        }
        BGTaskScheduler.shared.register(forTaskWithIdentifier: "com.example.processing", using: .main) { task in
            handleProcessing(task as! BGProcessingTask)
        }
        BGTaskScheduler.shared.register(forTaskWithIdentifier: "com.example.export.*", using: .main) { task in
            handleExport(task as! BGContinuedProcessingTask)
        }
    }

@@method register(forTaskWithIdentifier:using:launchHandler:) launch handler#appRefresh
    static func handleAppRefresh(_ task: BGAppRefreshTask) {
        // A shipping app submits its next request here (each request runs once); this
        // sample leaves that to the Schedule refresh button so the run stays readable.
        let work = Task { await Inbox.refresh() }
@@method BGTask.expirationHandler#appRefresh
        task.expirationHandler = { @Sendable in work.cancel() }
@@endmethod
@@if callsSetTaskCompleted=true
        Task { _ = await work.value; task.setTaskCompleted(success: !work.isCancelled) }
@@else
        // Never calls task.setTaskCompleted(success:): the system terminates the app.
@@end
    }
@@endmethod

@@method event:app.scheduleAppRefresh
    static func scheduleAppRefresh() {
        let request = BGAppRefreshTaskRequest(identifier: "com.example.refresh")
        request.earliestBeginDate = Date(timeIntervalSinceNow: 15 * 60)
        try? BGTaskScheduler.shared.submit(request)
    }
@@endmethod

@@method register(forTaskWithIdentifier:using:launchHandler:) launch handler#processing
    static func handleProcessing(_ task: BGProcessingTask) {
        let work = Task { await Storage.compactDatabase() }
@@method BGTask.expirationHandler#processing
        task.expirationHandler = { @Sendable in work.cancel() }
@@endmethod
@@if callsSetTaskCompleted=true
        Task { _ = await work.value; task.setTaskCompleted(success: !work.isCancelled) }
@@else
        // Never calls task.setTaskCompleted(success:): the system terminates the app.
@@end
    }
@@endmethod

@@method event:app.scheduleProcessing
    static func scheduleProcessing() {
        let request = BGProcessingTaskRequest(identifier: "com.example.processing")
        request.requiresExternalPower = true
        request.requiresNetworkConnectivity = true
        try? BGTaskScheduler.shared.submit(request)
    }
@@endmethod

@@method register(forTaskWithIdentifier:using:launchHandler:) launch handler#continuedProcessing
    static func handleExport(_ task: BGContinuedProcessingTask) {
        let work = Task {
            for step in 1...100 {
                await Export.step(step)
@@if reportsProgress=true
                task.progress.completedUnitCount = Int64(step) // Report progress, or be expired.
@@else
                // task.progress never moves: the system sees no progress and expires the task.
@@end
            }
        }
        task.progress.totalUnitCount = 100
@@method BGTask.expirationHandler#continuedProcessing
        task.expirationHandler = { @Sendable in work.cancel() }
@@endmethod
        Task { _ = await work.value; task.setTaskCompleted(success: !work.isCancelled) }
    }
@@endmethod
}
`;

/** Parses the template into lines with the choices that show each and the methods it sits in. */
export function listingTemplate(): ListingLine[] {
  const lines: ListingLine[] = [];
  const methods: string[] = [];
  const conditions: [string, string][] = [];
  for (const raw of TEMPLATE.split('\n')) {
    const directive = /^@@(if|else|end|method|endmethod)\b ?(.*)$/.exec(raw);
    if (directive) {
      const [, kind, arg = ''] = directive;
      if (kind === 'if') {
        const [key = '', value = ''] = arg.split('=');
        conditions.push([key, value]);
      } else if (kind === 'else') {
        const top = conditions.pop();
        if (top) conditions.push([top[0], opposite(top[0], top[1])]);
      } else if (kind === 'end') {
        conditions.pop();
      } else if (kind === 'method') {
        methods.push(arg.trim());
      } else if (kind === 'endmethod') {
        methods.pop();
      }
      continue;
    }
    const line: ListingLine = { text: raw, methods: [...methods] };
    if (conditions.length > 0) line.when = conditions.map(([k, v]) => [k, v] as const);
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1]!.text === '') lines.pop();
  return lines;
}
