/**
 * How each app code choice a challenge offers reads on the page: a question about the app's
 * code and one answer per value, written as the Swift the reader would find in the project.
 */
import { DEFAULT_APP_CODE, type AppCode } from '../sim/index.ts';
import type { AppCodeKey } from './types.ts';

export interface AppChoiceText {
  legend: string;
  options: { value: string | boolean; label: string }[];
}

export const appChoiceText: Partial<Record<AppCodeKey, AppChoiceText>> = {
  sessionKind: {
    legend: 'How the app creates its URLSession',
    options: [
      { value: 'default', label: 'URLSessionConfiguration.default' },
      {
        value: 'background',
        label: 'URLSessionConfiguration.background(withIdentifier: "com.example.uploads")',
      },
    ],
  },
  uploadSource: {
    legend: 'What each upload task reads from',
    options: [
      { value: 'data', label: 'Data in memory: uploadTask(with:from:)' },
      { value: 'file', label: 'A file on disk: uploadTask(with:fromFile:)' },
    ],
  },
  callsCompletionHandler: {
    legend: 'When urlSessionDidFinishEvents(forBackgroundURLSession:) arrives, the app',
    options: [
      { value: false, label: 'updates its UI and returns' },
      {
        value: true,
        label:
          'updates its UI, then calls the completion handler it kept from application(_:handleEventsForBackgroundURLSession:completionHandler:)',
      },
    ],
  },
  expirationHandlerEndsTask: {
    legend: 'The background task’s expiration handler',
    options: [
      { value: false, label: 'logs “time is up” and returns' },
      { value: true, label: 'cancels the work and calls endBackgroundTask(_:)' },
    ],
  },
  beginsTaskOnBackground: {
    legend: 'In sceneDidEnterBackground(_:), the app',
    options: [
      { value: false, label: 'starts the upload’s last step and returns' },
      {
        value: true,
        label:
          'calls beginBackgroundTask(withName: "finish-upload", expirationHandler:), finishes the upload, then calls endBackgroundTask(_:)',
      },
    ],
  },
  callsSetTaskCompleted: {
    legend: 'The BGAppRefreshTask launch handler',
    options: [
      { value: false, label: 'fetches new content and returns' },
      { value: true, label: 'fetches new content, then calls setTaskCompleted(success: true)' },
    ],
  },
};

/** The value a choice has in a run: the scenario's, or the recommended default. */
export function choiceValue(app: Partial<AppCode>, key: AppCodeKey): string | boolean {
  return (app[key] ?? DEFAULT_APP_CODE[key]) as string | boolean;
}
