import type { State } from '../kernel/state';
import type { LoadRequest, WireOutcome } from './protocol';
import { WorkerLost } from './pool';
import { DEFAULT_LIMITS, DEFAULT_NOW, DEFAULT_SEED, type CallOutcome, type SandboxLimits, type SessionOptions } from '../kernel/calls';

/** Generous bound on loading or dumping a state (the worker enforces its own 30 s first). */
export const BULK_WATCHDOG_MS = 45_000;

/** Checks a state and its options and puts them in the form the worker loads. Misuse throws. */
export function prepareLoad(state: State, opts: SessionOptions): LoadRequest {
  const options = prepareOptions(opts);
  const stateJson = toJson(state, 'state');
  if (stateJson === undefined || typeof state !== 'object' || state === null) throw new TypeError('state must be an object of tables');
  return { stateJson, ...options };
}

/** Checks a session's options and fills in the defaults. Misuse throws. */
export function prepareOptions(opts: SessionOptions): Omit<LoadRequest, 'stateJson'> {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(opts.limits ?? {}) as [keyof SandboxLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new TypeError(`unknown sandbox limit ${key}`);
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new TypeError(`limit ${key} must be a positive number, got ${value}`);
    limits[key] = value;
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new TypeError(`seed must be a finite number, got ${seed}`);
  const now = Date.parse(opts.now ?? DEFAULT_NOW);
  if (Number.isNaN(now)) throw new TypeError(`now must be a date string, got ${opts.now}`);
  return { seed: Math.trunc(seed), now, limits };
}

/** Values cross to the worker as JSON text; anything JSON cannot hold is the caller's mistake. */
export function toJson(value: unknown, what: string): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new TypeError(`${what} must be JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** The worker's outcome with its result parsed (the JSON text never reaches callers). */
export function fromWire(wire: WireOutcome): CallOutcome {
  if (!wire.ok) return wire;
  return { ok: true, result: wire.json === undefined ? undefined : JSON.parse(wire.json), ms: wire.ms };
}

/** The outcome of a call whose worker stopped under it: 'timeout' if the watchdog stopped it. */
export function lostOutcome(err: unknown, limits: SandboxLimits, started: number): CallOutcome {
  if (!(err instanceof WorkerLost)) throw err;
  const ms = Math.round(performance.now() - started);
  if (err.timedOut) return { ok: false, error: { kind: 'timeout', message: `the tool ran longer than ${limits.timeMs} ms (its worker was stopped)` }, ms };
  return { ok: false, error: { kind: 'internal', message: err.message }, ms };
}
