import type { SandboxErrorKind, SandboxLimits } from '../kernel/calls';

/**
 * Messages between the pool and worker.mjs. The worker is plain JavaScript, so these types are the
 * only statement of the protocol on the TypeScript side: keep both in step.
 *
 * Values cross as JSON strings (state, args, result): the worker hands them to QuickJS as strings
 * and the host never walks guest objects.
 */
export type LoadRequest = { stateJson: string; seed: number; now: number; limits: SandboxLimits };

/** A state loaded lazily from the worker's copy of it (base.mjs), known by the hash of its JSON;
 *  `json` is sent only to a worker not known to have it. */
export type BaseRef = { hash: string; chars: number; json?: string };
export type LazyLoadRequest = { base: BaseRef; seed: number; now: number; limits: SandboxLimits };

export type WorkerRequest =
  | ({ id: number; op: 'open'; sid: number } & (LoadRequest | LazyLoadRequest))
  | { id: number; op: 'changes'; sid: number }
  | { id: number; op: 'call'; sid: number; code: string; argsJson: string | undefined }
  | { id: number; op: 'state'; sid: number }
  | { id: number; op: 'callWithState'; sid: number; code: string; argsJson: string | undefined }
  | { id: number; op: 'close'; sid: number }
  | { id: number; op: 'stats' };

/** Distributes over the union, so a request can be built without its id. */
export type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** A call's outcome as the worker sends it: the result still as JSON text. */
export type WireOutcome = { ok: true; json: string | undefined; ms: number } | { ok: false; error: { kind: SandboxErrorKind; message: string }; ms: number };

export type WorkerReply = {
  id: number;
  /**
   * Not the answer yet: callWithState's call has ended and the dump begins. The watchdog then
   * gives the dump its own budget (`then` of the request), so the call keeps its short one.
   */
  phase?: 'dumping';
  /** call, callWithState and run */
  outcome?: WireOutcome;
  /** state, run when the context stayed reliable, and callWithState when the call changed the
   *  database (or the worker did not know the database as it was before the call) */
  stateJson?: string;
  /** callWithState: the database's JSON after the call is the same string as before it */
  unchanged?: boolean;
  /** changes: the rows that differ from the starting state, `[{table, key, before?, after?}]` */
  changesJson?: string;
  /** open: the worker does not have the lazily loaded state named; send it again with its JSON */
  missingBase?: true;
  /** open, state or changes refused (state not loadable or not readable); callWithState whose call ran but
   *  whose state could not be read */
  failure?: string;
  /** stats (tests and benchmarks) */
  stats?: InstanceStats;
};

/** A worker's QuickJS instances so far (quickjs.mjs): made, reused by a later session, kept as a
 *  spare after a clean close, dropped (fatal outcome, grown or not whole, too many spares). */
export type InstanceStats = { created: number; reused: number; kept: number; dropped: number; spares: number };

/** Kinds after which the worker has dropped the session's context (see outcomes.mjs FATAL_KINDS). */
export const FATAL_KINDS: ReadonlySet<SandboxErrorKind> = new Set(['timeout', 'memory', 'stack', 'internal']);
