import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { State } from '../kernel/state';
import { BULK_WATCHDOG_MS, lostOutcome, prepareLoad, prepareOptions } from './convert';
import { WorkerLost, WorkerPool, type WorkerSlot } from './pool';
import { FATAL_KINDS, type InstanceStats, type LazyLoadRequest, type LoadRequest, type RequestBody, type WorkerReply } from './protocol';
import { SandboxSession } from './session';
import { StateSnapshot } from './snapshot';
import type { CallOutcome, SandboxLimits, SessionOptions, StateChange } from '../kernel/calls';
import { resolveWorkerPath } from './worker-path';

/**
 * The sandbox for tool code. Untrusted code never runs in this realm: each tool runs inside QuickJS
 * (WebAssembly) inside a worker thread (pool.ts, worker.mjs, vm.mjs). Every session has a QuickJS
 * instance with its own capped WebAssembly memory to itself (quickjs.mjs explains why), and a fresh
 * runtime and context in it; an instance whose session closed cleanly, and left nothing behind, may
 * serve a later session on the same worker (quickjs.mjs, "Reuse").
 *
 * - A Session holds one database in one QuickJS context for its whole life, so a trajectory or a
 *   validation run moves only args and results across the thread boundary, and each distinct code
 *   string is compiled once per session.
 * - Large states are loaded lazily (base.mjs): each worker keeps a state it was sent, by hash, and a
 *   session on it parses only the tables and rows its tools read; changes() then compares only the
 *   rows they touched. snapshot() readies a state once for many sessions (a replay's tasks).
 * - Outcomes never throw for anything the code does: a thrown Error is kind 'tool', and the limits
 *   give 'timeout', 'memory', 'stack', 'output' or 'syntax'. Only misuse (args or state that are
 *   not JSON, bad options, a closed sandbox) rejects.
 * - After a fatal outcome (timeout, memory, stack, internal) the worker has already dropped the
 *   session's instance, because a context stopped half-way through a tool is not trusted; the
 *   session is broken and later calls get kind 'internal', "the session was reset after a timeout
 *   error …". It does not restore itself silently: the caller decides what a lost state means
 *   (open a new session from the last good state). Other sessions and the worker carry on.
 * - If a worker thread dies, its sessions are lost the same way, its pending requests fail with
 *   'internal' (or 'timeout' for the request the watchdog stopped), and the pool starts a new one.
 * - Limits (types.ts): timeMs per call (QuickJS interrupt handler; a watchdog stops the worker if a
 *   native operation overruns by watchdogGraceMs); memoryBytes is the headroom tools get above the
 *   loaded state (the instance's memory cap; approximate, since room for the state is estimated from
 *   its JSON size); outputBytes bounds the JSON of a result; the stack is fixed at 256 KB of QuickJS
 *   stack (about 1,500 frames).
 */

export type SandboxOptions = {
  /** Worker threads (default min(2, available parallelism)). */
  workers?: number;
  /** The worker entry; default resolveWorkerPath() (see worker-path.ts). */
  workerPath?: string;
  /** How far past its time limit a call may run (in a native operation that QuickJS does not
   *  interrupt) before its worker is stopped; default 2000 ms. */
  watchdogGraceMs?: number;
  /** States whose JSON has at least this many characters, and whose tables are all objects of
   *  rows, are loaded lazily (base.mjs); default 64 K. 0 loads every such state lazily. */
  lazyStateChars?: number;
};

/** Below this a state is parsed whole: it takes well under a millisecond. */
const LAZY_STATE_CHARS = 64 * 1024;

export interface Session {
  /** Runs `code` — one function expression `(db, args) => result` — against the session's database. */
  call(code: string, args: unknown): Promise<CallOutcome>;
  /** The database as it is now. Rejects if the session is broken, lost or closed. */
  state(): Promise<State>;
  /** The rows that differ from the state the session was opened with (no `before`: added; no
   *  `after`: removed), compared inside the worker: for a lazily loaded state only the rows tools
   *  touched cross the thread boundary. Rejects like state(). */
  changes(): Promise<StateChange[]>;
  /** call() and then the state after it, in one round trip: what call() and state() give, except
   *  that when the call left the database's JSON exactly as it was before the call, the state is
   *  not sent (`unchanged`). A fatal outcome (or a refused call) gives no state and breaks the
   *  session as call() does. Rejects like state() when the call ran but its state cannot be read. */
  callWithState(code: string, args: unknown): Promise<CallWithState>;
  close(): Promise<void>;
}

export type RunOutcome = CallOutcome & { state?: State };

/** What callWithState() gives: the outcome, and unless it is fatal, the state after the call as
 *  JSON text (parse it only if needed), or `unchanged` when it is the same as before the call. */
export type CallWithState = { outcome: CallOutcome; stateJson?: string; unchanged?: true };

export class Sandbox {
  private readonly size: number;
  private pool: WorkerPool | undefined;
  private closed = false;

  constructor(private readonly opts: SandboxOptions = {}) {
    this.size = opts.workers ?? Math.min(2, os.availableParallelism());
    if (!Number.isInteger(this.size) || this.size < 1) throw new TypeError(`workers must be a positive integer, got ${opts.workers}`);
    pools.set(this, () => this.pool);
  }

  /** A state readied once for many sessions (see StateSnapshot); misuse throws. */
  snapshot(state: State): StateSnapshot {
    return StateSnapshot.of(state);
  }

  /** Loads `state` (or a snapshot of one) into a fresh context on the least busy worker. */
  async openSession(state: State | StateSnapshot, opts: SessionOptions = {}): Promise<Session> {
    const load = this.prepareOpen(state, opts);
    const pool = this.getPool();
    const slot = pool.forSession();
    const sid = pool.newSessionId();
    const generation = slot.generation;
    slot.sessions++;
    let failure: string | undefined;
    let lost: unknown;
    try {
      failure = (await openIn(slot, sid, load)).failure;
    } catch (err) {
      failure = (err as Error).message;
      lost = err;
    }
    if (failure !== undefined) {
      if (slot.generation === generation) slot.sessions--;
      throw new Error(failure, lost ? { cause: lost } : undefined);
    }
    return new SandboxSession(slot, generation, sid, load.limits, pool.graceMs);
  }

  /**
   * One shot: state in, one call, result and new state out. It runs as a session of one call, so
   * the call has a call's watchdog (timeMs plus the grace) as in a rollout, not a bulk load's.
   * `state` is absent when the outcome is fatal (the context was not trusted to give it).
   */
  async run(code: string, state: State, args: unknown, opts: SessionOptions = {}): Promise<RunOutcome> {
    const started = performance.now();
    let session: Session;
    try {
      session = await this.openSession(state, opts);
    } catch (err) {
      // A worker that could not start or died under the load is an outcome; a state that does not load is the caller's error.
      if ((err as Error).cause instanceof WorkerLost) return lostOutcome((err as Error).cause, prepareOptions(opts).limits, started);
      throw err;
    }
    try {
      let r: CallWithState;
      try {
        r = await session.callWithState(code, args);
      } catch (err) {
        // The state after the call could not be read (the tool made it cyclic, or unreadable): the tool's fault.
        return { ok: false, error: { kind: 'tool', message: (err as Error).message }, ms: Math.round(performance.now() - started) };
      }
      if (!r.outcome.ok && FATAL_KINDS.has(r.outcome.error.kind)) return r.outcome;
      return { ...r.outcome, state: r.unchanged ? structuredClone(state) : (JSON.parse(r.stateJson!) as State) };
    } finally {
      await session.close().catch(() => {});
    }
  }

  /** Loaded lazily when large and made of tables of rows (base.mjs), else whole. */
  private prepareOpen(state: State | StateSnapshot, opts: SessionOptions): LoadRequest | (LazyLoadRequest & { json: string }) {
    const min = this.opts.lazyStateChars ?? LAZY_STATE_CHARS;
    if (state instanceof StateSnapshot) {
      const options = prepareOptions(opts);
      if (state.tabular && state.json.length >= min)
        return { ...withLoadTime(options, state.json.length), base: { hash: state.hash, chars: state.json.length }, json: state.json };
      return { ...options, stateJson: state.json };
    }
    const load = prepareLoad(state, opts);
    if (load.stateJson.length < min || Array.isArray(state) || !StateSnapshot.isTabular(state)) return load;
    const { stateJson, ...options } = load;
    return { ...withLoadTime(options, stateJson.length), base: { hash: StateSnapshot.hashOf(stateJson), chars: stateJson.length }, json: stateJson };
  }

  /** Stops the workers; open sessions and pending calls end with 'internal'. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }

  private getPool(): WorkerPool {
    if (this.closed) throw new Error('the sandbox is closed');
    return (this.pool ??= new WorkerPool(this.size, this.opts.workerPath ?? resolveWorkerPath(), this.opts.watchdogGraceMs));
  }
}

/** Characters of state JSON a lazily loaded session may parse per millisecond beyond its time limit. */
const LOAD_CHARS_PER_MS = 10_000;

/**
 * A lazily loaded session parses rows inside the tool's call, as the tool reads them: a tool that
 * reads a whole 45 MB table is not a runaway, so its limit grows with the state (100 ms per MB),
 * and the watchdog's with it.
 */
function withLoadTime<T extends { limits: SandboxLimits }>(options: T, chars: number): T {
  return { ...options, limits: { ...options.limits, timeMs: options.limits.timeMs + Math.ceil(chars / LOAD_CHARS_PER_MS) } };
}

/** Opens a session in a worker. A lazily loaded state goes without its JSON to a worker that was
 *  sent it before; if that worker has let it go since, it is sent again. */
async function openIn(slot: WorkerSlot, sid: number, load: LoadRequest | (LazyLoadRequest & { json: string })): Promise<WorkerReply> {
  if (!('base' in load)) return slot.request({ op: 'open', sid, ...load }, BULK_WATCHDOG_MS);
  const { json, ...lazy } = load;
  const send = (withJson: boolean) =>
    slot.request({ op: 'open', sid, ...lazy, base: { ...lazy.base, ...(withJson ? { json } : {}) } } as RequestBody, BULK_WATCHDOG_MS);
  // Marked before the reply: requests to a worker run in order, so a later open finds it there.
  const known = slot.bases.has(lazy.base.hash);
  slot.bases.add(lazy.base.hash);
  const reply = await send(!known);
  return reply.missingBase ? send(true) : reply;
}

// --- the process-wide instance ---------------------------------------------------------------

// Next.js bundles route handlers and instrumentation separately, so a module-level variable would
// exist once per bundle; the process-wide instance lives on globalThis instead (as in studio.ts).
const KEY = Symbol.for('environment-studio.sandbox');
type Global = typeof globalThis & { [KEY]?: Sandbox };

/** The process's sandbox, created on first use and closed when the process exits. */
export function getSandbox(): Sandbox {
  const g = globalThis as Global;
  if (!g[KEY]) {
    const sandbox = new Sandbox();
    g[KEY] = sandbox;
    // Idle workers are unref'd, so they never hold the process open; this only tidies up.
    process.once('exit', () => void sandbox.close());
  }
  return g[KEY];
}

// --- test access ------------------------------------------------------------------------------

const pools = new WeakMap<Sandbox, () => WorkerPool | undefined>();

/** For tests only: the worker threads behind a sandbox or a session (to kill them). */
export const sandboxTesting = {
  workers(sandbox: Sandbox): Worker[] {
    return (pools.get(sandbox)?.()?.slots ?? []).flatMap((s) => (s.worker ? [s.worker] : []));
  },
  workerOf(session: Session): Worker | undefined {
    return session instanceof SandboxSession ? session.slot.worker : undefined;
  },
  /** QuickJS instances made and reused, summed over the sandbox's running workers. */
  async instanceStats(sandbox: Sandbox): Promise<InstanceStats> {
    const total: InstanceStats = { created: 0, reused: 0, kept: 0, dropped: 0, spares: 0 };
    for (const slot of pools.get(sandbox)?.()?.slots ?? []) {
      if (!slot.worker) continue;
      const { stats } = await slot.request({ op: 'stats' }, BULK_WATCHDOG_MS);
      for (const key of Object.keys(total) as (keyof InstanceStats)[]) total[key] += stats?.[key] ?? 0;
    }
    return total;
  },
};
