/**
 * The Swift names of every callback the app's code can see, as they appear in the summary's
 * `callbacks` list and in the event log. Guides and tests refer to these constants.
 */
export const CALLBACK = {
  willFinishLaunching: 'application(_:willFinishLaunchingWithOptions:)',
  didFinishLaunching: 'application(_:didFinishLaunchingWithOptions:)',
  configurationForConnecting: 'application(_:configurationForConnecting:options:)',
  sceneWillConnect: 'scene(_:willConnectTo:options:)',
  sceneWillEnterForeground: 'sceneWillEnterForeground(_:)',
  sceneDidBecomeActive: 'sceneDidBecomeActive(_:)',
  sceneWillResignActive: 'sceneWillResignActive(_:)',
  sceneDidEnterBackground: 'sceneDidEnterBackground(_:)',
  sceneDidDisconnect: 'sceneDidDisconnect(_:)',
  applicationWillEnterForeground: 'applicationWillEnterForeground(_:)',
  applicationDidBecomeActive: 'applicationDidBecomeActive(_:)',
  applicationWillResignActive: 'applicationWillResignActive(_:)',
  applicationDidEnterBackground: 'applicationDidEnterBackground(_:)',
  didDiscardSceneSessions: 'application(_:didDiscardSceneSessions:)',
  willTerminate: 'applicationWillTerminate(_:)',
  handleEventsForBackgroundURLSession:
    'application(_:handleEventsForBackgroundURLSession:completionHandler:)',
  didFinishDownloading: 'urlSession(_:downloadTask:didFinishDownloadingTo:)',
  didComplete: 'urlSession(_:task:didCompleteWithError:)',
  didFinishEvents: 'urlSessionDidFinishEvents(forBackgroundURLSession:)',
  backgroundTaskExpiration: 'beginBackgroundTask(withName:expirationHandler:) expiration handler',
  bgTaskLaunch: 'register(forTaskWithIdentifier:using:launchHandler:) launch handler',
  bgTaskExpiration: 'BGTask.expirationHandler',
  didReceiveRemoteNotification:
    'application(_:didReceiveRemoteNotification:fetchCompletionHandler:)',
} as const;

export type CallbackName = (typeof CALLBACK)[keyof typeof CALLBACK];
