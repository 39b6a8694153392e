import type { SandboxLike, SandboxSession } from '../environment/validate';
import type { SessionOptions, StateChange } from '../kernel/calls';
import type { State } from '../kernel/state';
import type { StateSnapshot } from './snapshot';

/**
 * What the studio's sandbox offers beyond SandboxLike: snapshots made once for many sessions, and
 * sessions that report the rows tools changed. Such a sandbox serialises what it is given, so a
 * caller need not copy a state before opening a session on it.
 */
export type TrackingSandbox = SandboxLike & {
  snapshot(state: State): StateSnapshot;
  openSession(state: State | StateSnapshot, opts?: SessionOptions): Promise<TrackingSession>;
};

export type TrackingSession = SandboxSession & { changes(): Promise<StateChange[]> };

/** Other sandboxes (tests' fakes, a user's SandboxLike) are asked for the whole state instead. */
export const isTracking = (sandbox: SandboxLike): sandbox is TrackingSandbox => typeof (sandbox as Partial<TrackingSandbox>).snapshot === 'function';
