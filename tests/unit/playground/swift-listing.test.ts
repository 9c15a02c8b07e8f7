import { describe, expect, test } from 'vitest';
import { CALLBACK } from '../../../src/sim/index.ts';
import {
  lineShown,
  listingChoices,
  listingTemplate,
} from '../../../src/playground/swift-listing.ts';
import { layoutMachine } from '../../../src/playground/statechart-layout.ts';
import { machineDefinitions } from '../../../src/sim/index.ts';

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

describe('statechart layout', () => {
  test('places every state of every machine, inside its parent and within the width', () => {
    for (const [id, machine] of Object.entries(machineDefinitions)) {
      const chart = layoutMachine(id, id, machine.root, 520);
      expect(chart.nodes.length).toBeGreaterThan(0);
      const byPath = new Map(chart.nodes.map((node) => [node.path, node]));
      for (const node of chart.nodes) {
        const parentPath = node.path.split('.').slice(0, -1).join('.');
        const parent = byPath.get(parentPath);
        if (parent) {
          expect(node.x).toBeGreaterThanOrEqual(parent.x);
          expect(node.y).toBeGreaterThanOrEqual(parent.y);
          expect(node.x + node.w).toBeLessThanOrEqual(parent.x + parent.w);
          expect(node.y + node.h).toBeLessThanOrEqual(parent.y + parent.h);
        }
        expect(node.x + node.w).toBeLessThanOrEqual(chart.width);
      }
    }
  });

  test('draws the paths the simulation reports as active', () => {
    const chart = layoutMachine('device', 'Device', machineDefinitions.device.root);
    const paths = chart.nodes.map((node) => node.path);
    expect(paths).toEqual(
      expect.arrayContaining(['screen.home', 'network.online', 'debugger.attached']),
    );
  });

  test('lays out the same machine the same way every time', () => {
    const a = layoutMachine('app', 'App', machineDefinitions.app.root);
    const b = layoutMachine('app', 'App', machineDefinitions.app.root);
    expect(a).toEqual(b);
  });
});
