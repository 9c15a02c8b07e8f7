/**
 * How one actor addresses another: by the `systemId` it is registered under in the iPhone's
 * actor system. A plain id in XState's `sendTo` names a child of the sender, and the actors
 * here are siblings, so every machine looks its peers up in the system instead.
 */
import type { AnyActorRef } from 'xstate';

interface ActionArgs {
  system: { get: (systemId: string) => AnyActorRef | undefined };
}

/** A `sendTo` target: the actor registered as `systemId` (see iphone.machine.ts). */
export const systemActor =
  (systemId: string) =>
  ({ system }: ActionArgs) =>
    system.get(systemId) as AnyActorRef;
