import { createHash } from 'node:crypto';
import type { State } from '../kernel/state';
import { toJson } from './convert';

/**
 * A state made ready once for many sessions: its JSON, the hash a worker keeps it under
 * (base.mjs), and whether it can be loaded lazily (every table an object of rows). A replay opens
 * one session per task on the same starting state; with a snapshot the state is stringified and
 * hashed once, sent to each worker once, and each session loads only the rows its tools read.
 * The snapshot is a copy: changing the state afterwards does not change it.
 */
export class StateSnapshot {
  private constructor(
    readonly json: string,
    readonly hash: string,
    readonly tabular: boolean,
  ) {}

  static of(state: State): StateSnapshot {
    const json = toJson(state, 'state');
    if (json === undefined || typeof state !== 'object' || state === null || Array.isArray(state)) throw new TypeError('state must be an object of tables');
    return new StateSnapshot(json, StateSnapshot.hashOf(json), StateSnapshot.isTabular(state));
  }

  static hashOf(json: string): string {
    return createHash('sha256').update(json).digest('base64url');
  }

  /** Every table is an object of rows (not an array, not a scalar): the shape lazy loading serves. */
  static isTabular(state: State): boolean {
    for (const rows of Object.values(state)) if (rows === null || typeof rows !== 'object' || Array.isArray(rows)) return false;
    return true;
  }
}
