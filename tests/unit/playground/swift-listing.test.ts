import { describe, expect, test } from 'vitest';
import { CALLBACK } from '../../../src/sim/index.ts';
import {
  lineShown,
  listingChoices,
  listingTemplate,
} from '../../../src/playground/swift-listing.ts';

const template = listingTemplate();

function variant(app: Record<string, unknown>) {
  return template.filter((line) => lineShown(line, app));
}

describe('Swift listing', () => {
  test('has a method for every callback the simulation delivers, in the lifecycle that sees it', () => {
    const sceneOnly = new Set<string>([
      CALLBACK.sceneWillConnect,
      CALLBACK.sceneWillEnterForeground,
      CALLBACK.sceneDidBecomeActive,
      CALLBACK.sceneWillResignActive,
      CALLBACK.sceneDidEnterBackground,
      CALLBACK.sceneDidDisconnect,
      CALLBACK.configurationForConnecting,
    ]);
    const appDelegateOnly = new Set<string>([
      CALLBACK.applicationWillEnterForeground,
      CALLBACK.applicationDidBecomeActive,
      CALLBACK.applicationWillResignActive,
      CALLBACK.applicationDidEnterBackground,
    ]);
    for (const name of Object.values(CALLBACK)) {
      const lifecycles = sceneOnly.has(name)
        ? ['scene']
        : appDelegateOnly.has(name)
          ? ['appDelegate']
          : ['scene', 'appDelegate'];
      for (const lifecycle of lifecycles) {
        const lines = variant({ lifecycle }).filter((line) =>
          line.methods.some((method) => method === name || method.startsWith(`${name}#`)),
        );
        expect(lines.length, `${name} in the ${lifecycle} listing`).toBeGreaterThan(0);
      }
    }
  });

  test('shows one alternative of each choice, never both', () => {
    const recommended = variant({})
      .map((line) => line.text)
      .join('\n');
    expect(recommended).toContain('URLSessionConfiguration.background(withIdentifier:');
    expect(recommended).toContain('uploadTask(with: request, fromFile: file)');
    expect(recommended).not.toContain('uploadTask(with: request, from: body)');
    expect(recommended).toContain('final class SceneDelegate');
    expect(recommended).not.toContain('func applicationDidEnterBackground');

    const broken = variant({
      sessionKind: 'default',
      uploadSource: 'data',
      callsCompletionHandler: false,
      lifecycle: 'appDelegate',
    })
      .map((line) => line.text)
      .join('\n');
    expect(broken).toContain('URLSession(configuration: .default');
    expect(broken).toContain('uploadTask(with: request, from: body)');
    expect(broken).not.toContain('self.backgroundCompletionHandler?()');
    expect(broken).toContain('func applicationDidEnterBackground');
    expect(broken).not.toContain('final class SceneDelegate');
  });

  test('recreates the background session at launch only in the app that owns one session', () => {
    const reattach = '_ = UploadManager.shared.session';
    const text = (app: Record<string, unknown>) =>
      variant(app)
        .map((line) => line.text)
        .join('\n');
    expect(text({})).toContain(reattach);
    expect(text({ sessionOwner: 'screen' })).not.toContain(reattach);
    expect(text({ sessionKind: 'default' })).not.toContain(reattach);
    expect(text({ sessionKind: 'default' })).not.toContain('handleEventsForBackgroundURLSession');
  });

  test('knows every app code choice the simulation has', () => {
    expect(Object.keys(listingChoices).sort()).toEqual(
      [
        'beginsTaskOnBackground',
        'callsCompletionHandler',
        'callsSetTaskCompleted',
        'callsFetchCompletionHandler',
        'expirationHandlerEndsTask',
        'registersTasksAtLaunch',
        'releasesFileLocks',
        'reportsProgress',
        'lifecycle',
        'sessionKind',
        'sessionOwner',
        'uploadSource',
      ].sort(),
    );
  });
});
