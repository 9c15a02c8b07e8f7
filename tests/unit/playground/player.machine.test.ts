import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { playerMachine, type PlayerInput } from '../../../src/playground/player.machine.ts';
import type { ScenarioEvent } from '../../../src/sim/types.ts';

const open: ScenarioEvent = { type: 'user.openApp' };
const upload: ScenarioEvent = { type: 'app.startUploads', count: 2, bytes: 1000 };
const home: ScenarioEvent = { type: 'user.goHome' };
const wait: ScenarioEvent = { type: 'clock.advance', ms: 10_000 };

function start(input: PlayerInput = { events: [open, upload, home, wait] }) {
  return createActor(playerMachine, { input }).start();
}

describe('player machine', () => {
  test('opens at the end of the run unless told where', () => {
    expect(start().getSnapshot().context.cursor).toBe(4);
    expect(start({ events: [open, upload], cursor: 1 }).getSnapshot().context.cursor).toBe(1);
    expect(start({}).getSnapshot().context).toEqual({
      app: {},
      events: [],
      cursor: 0,
      fork: null,
    });
  });

  test('clamps a cursor outside the run to its ends', () => {
    expect(start({ events: [open], cursor: 9 }).getSnapshot().context.cursor).toBe(1);
    expect(start({ events: [open], cursor: -3 }).getSnapshot().context.cursor).toBe(0);
  });

  test('steps back and forward one event at a time without losing the future', () => {
    const actor = start();
    actor.send({ type: 'player.back' });
    actor.send({ type: 'player.back' });
    expect(actor.getSnapshot().context.cursor).toBe(2);
    expect(actor.getSnapshot().context.events).toHaveLength(4);
    actor.send({ type: 'player.step' });
    expect(actor.getSnapshot().context.cursor).toBe(3);
  });

  test('does not step past either end', () => {
    const actor = start({ events: [open], cursor: 0 });
    actor.send({ type: 'player.back' });
    expect(actor.getSnapshot().context.cursor).toBe(0);
    expect(actor.getSnapshot().can({ type: 'player.back' })).toBe(false);
    actor.send({ type: 'player.step' });
    actor.send({ type: 'player.step' });
    expect(actor.getSnapshot().context.cursor).toBe(1);
    expect(actor.getSnapshot().can({ type: 'player.step' })).toBe(false);
  });

  test('jumps to any event, clamped to the run', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 1 });
    expect(actor.getSnapshot().context.cursor).toBe(1);
    actor.send({ type: 'player.jump', to: 99 });
    expect(actor.getSnapshot().context.cursor).toBe(4);
    actor.send({ type: 'player.jump', to: -1 });
    expect(actor.getSnapshot().context.cursor).toBe(0);
  });

  test('appends a new event at the end of the run', () => {
    const actor = start({ events: [open] });
    actor.send({ type: 'player.send', event: upload });
    expect(actor.getSnapshot().context).toMatchObject({ events: [open, upload], cursor: 2 });
  });

  test('truncates the future when a new event is sent after rewinding', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 2 });
    actor.send({ type: 'player.send', event: { type: 'user.forceQuit' } });
    expect(actor.getSnapshot().context.events).toEqual([open, upload, { type: 'user.forceQuit' }]);
    expect(actor.getSnapshot().context.cursor).toBe(3);
  });

  test('keeps the run a fork dropped steps from, and undo brings it back', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 2 });
    actor.send({ type: 'player.send', event: { type: 'user.forceQuit' } });
    expect(actor.getSnapshot().context.fork).toEqual({
      dropped: 2,
      events: [open, upload, home, wait],
      cursor: 2,
    });
    actor.send({ type: 'player.undo' });
    expect(actor.getSnapshot().context).toMatchObject({
      events: [open, upload, home, wait],
      cursor: 2,
      fork: null,
    });
    expect(actor.getSnapshot().can({ type: 'player.undo' })).toBe(false);
  });

  test('undoes the fork even after more steps were added to the new branch', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 3 });
    actor.send({ type: 'player.send', event: { type: 'user.forceQuit' } });
    actor.send({ type: 'player.send', event: open });
    actor.send({ type: 'player.undo' });
    expect(actor.getSnapshot().context).toMatchObject({
      events: [open, upload, home, wait],
      cursor: 3,
    });
  });

  test('is not a fork to send at the end of the run or to change the app code', () => {
    const actor = start();
    actor.send({ type: 'player.send', event: open });
    actor.send({ type: 'player.jump', to: 1 });
    actor.send({ type: 'player.setAppCode', app: { sessionKind: 'default' } });
    expect(actor.getSnapshot().context.fork).toBeNull();
    expect(actor.getSnapshot().can({ type: 'player.undo' })).toBe(false);
  });

  test('forks when playing from a rewound step, and undo stops the clock', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 1 });
    actor.send({ type: 'player.play' });
    actor.send({ type: 'player.tick', ms: 1000 });
    expect(actor.getSnapshot().context.fork?.dropped).toBe(3);
    actor.send({ type: 'player.undo' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.events).toEqual([open, upload, home, wait]);
  });

  test('a loaded or reset run has nothing to undo', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 1 });
    actor.send({ type: 'player.send', event: home });
    actor.send({ type: 'player.reset' });
    expect(actor.getSnapshot().context.fork).toBeNull();
    actor.send({ type: 'player.load', app: {}, events: [open, home], cursor: 0 });
    actor.send({ type: 'player.send', event: upload });
    actor.send({ type: 'player.load', app: {}, events: [open], cursor: 1 });
    expect(actor.getSnapshot().context.fork).toBeNull();
  });

  test('carries the scenario seed through a load', () => {
    expect(start({ events: [open], seed: 7 }).getSnapshot().context.seed).toBe(7);
    const actor = start();
    actor.send({ type: 'player.load', app: {}, events: [open], cursor: 1, seed: 42 });
    expect(actor.getSnapshot().context.seed).toBe(42);
  });

  test('changes the app code without moving the cursor', () => {
    const actor = start();
    actor.send({ type: 'player.jump', to: 2 });
    actor.send({ type: 'player.setAppCode', app: { sessionKind: 'default' } });
    expect(actor.getSnapshot().context).toMatchObject({
      app: { sessionKind: 'default' },
      cursor: 2,
    });
    expect(actor.getSnapshot().context.events).toHaveLength(4);
  });

  test('loads a whole run, as a share link does', () => {
    const actor = start();
    actor.send({
      type: 'player.load',
      app: { lifecycle: 'appDelegate' },
      events: [open],
      cursor: 0,
    });
    expect(actor.getSnapshot().context).toEqual({
      app: { lifecycle: 'appDelegate' },
      events: [open],
      cursor: 0,
      fork: null,
    });
  });

  test('resets to the user at the home screen with nothing done', () => {
    const actor = start({ app: { sessionKind: 'default' }, events: [open] });
    actor.send({ type: 'player.reset' });
    expect(actor.getSnapshot().context).toEqual({
      app: { sessionKind: 'default' },
      events: [],
      cursor: 0,
      fork: null,
    });
  });

  test('merges the ticks of playing into one clock.advance', () => {
    const actor = start({ events: [open] });
    actor.send({ type: 'player.play' });
    expect(actor.getSnapshot().value).toBe('playing');
    actor.send({ type: 'player.tick', ms: 1000 });
    actor.send({ type: 'player.tick', ms: 1000 });
    actor.send({ type: 'player.tick', ms: 500 });
    expect(actor.getSnapshot().context.events).toEqual([open, { type: 'clock.advance', ms: 2500 }]);
    expect(actor.getSnapshot().context.cursor).toBe(2);
  });

  test('ignores ticks while paused', () => {
    const actor = start({ events: [open] });
    actor.send({ type: 'player.tick', ms: 1000 });
    expect(actor.getSnapshot().context.events).toEqual([open]);
  });

  test('stops playing when the reader moves through the history', () => {
    const actor = start();
    actor.send({ type: 'player.play' });
    actor.send({ type: 'player.back' });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.cursor).toBe(3);
    actor.send({ type: 'player.play' });
    actor.send({ type: 'player.pause' });
    expect(actor.getSnapshot().value).toBe('paused');
  });

  test('starts a fresh clock.advance after rewinding while playing', () => {
    const actor = start({ events: [open, wait], cursor: 1 });
    actor.send({ type: 'player.play' });
    actor.send({ type: 'player.tick', ms: 1000 });
    expect(actor.getSnapshot().context.events).toEqual([open, { type: 'clock.advance', ms: 1000 }]);
  });
});
