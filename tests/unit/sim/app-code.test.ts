import { describe, expect, test } from 'vitest';
import { DEFAULT_APP_CODE, parseScenario } from '../../../src/sim/index.ts';

const parse = (value: unknown) => parseScenario(JSON.stringify(value));

describe('app code choices', () => {
  test('default to the correct code for the handler registration, file locks and progress', () => {
    expect(DEFAULT_APP_CODE).toMatchObject({
      registersTasksAtLaunch: true,
      releasesFileLocks: true,
      reportsProgress: true,
    });
  });

  test('accept the new choices and the Stop event, and still reject unknown keys and values', () => {
    const app = { registersTasksAtLaunch: false, releasesFileLocks: false, reportsProgress: false };
    const events = [{ type: 'user.stopContinuedProcessing' }];
    expect(parse({ version: 1, app, events })).toMatchObject({ ok: true, scenario: { app } });
    expect(parse({ version: 1, app: { registersTasksLate: true }, events: [] })).toEqual({
      ok: false,
      error: 'app.registersTasksLate is not a known app code choice',
    });
    expect(parse({ version: 1, app: { reportsProgress: 'sometimes' }, events: [] })).toEqual({
      ok: false,
      error: 'app.reportsProgress must be one of true, false',
    });
  });
});
