import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { State } from '../environment/model';
import { FATAL_KINDS, type LoadRequest, type WireOutcome } from './protocol';
import { WorkerLost, WorkerPool, type WorkerSlot } from './pool';
import { DEFAULT_LIMITS, DEFAULT_NOW, DEFAULT_SEED, type CallOutcome, type SandboxLimits, type SessionOptions } from './types';
import { resolveWorkerPath } from './worker-path';

/**
 * The sandbox for tool code. Untrusted code never runs in this realm: each tool runs inside QuickJS
 * (WebAssembly) inside a worker thread (pool.ts, worker.mjs, vm.mjs). Every session is its own
 * QuickJS instance with its own capped WebAssembly memory (quickjs.mjs explains why), so sessions
 * share nothing, not even a heap.
 *
 * - A Session holds one database in one QuickJS context for its whole life, so a trajectory or a
 *   validation run moves only args and results across the thread boundary, and each distinct code
 *   string is compiled once per session.
 * - Outcomes never throw for anything the code does: a thrown Error is kind 'tool', and the limits
 *   give 'timeout', 'memory', 'stack', 'output' or 'syntax'. Only misuse (args or state that are
 *   not JSON, bad options, a closed sandbox) rejects.
 * - After a fatal outcome (timeout, memory, stack, internal) the worker has already disposed the
 *   session's context, because a context stopped half-way through a tool is not trusted; the
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
};

export interface Session {
  /** Runs `code` — one function expression `(db, args) => result` — against the session's database. */
  call(code: string, args: unknown): Promise<CallOutcome>;
  /** The database as it is now. Rejects if the session is broken, lost or closed. */
  state(): Promise<State>;
  close(): Promise<void>;
}

export type RunOutcome = CallOutcome & { state?: State };

/** Generous bound on loading or dumping a state (the worker enforces its own 30 s first). */
const BULK_WATCHDOG_MS = 45_000;

export class Sandbox {
  private readonly size: number;
  private pool: WorkerPool | undefined;
  private closed = false;

  constructor(private readonly opts: SandboxOptions = {}) {
    this.size = opts.workers ?? Math.min(2, os.availableParallelism());
    if (!Number.isInteger(this.size) || this.size < 1) throw new TypeError(`workers must be a positive integer, got ${opts.workers}`);
    pools.set(this, () => this.pool);
  }

  /** Loads `state` into a fresh context on the least busy worker. */
  async openSession(state: State, opts: SessionOptions = {}): Promise<Session> {
    const load = prepareLoad(state, opts);
    const pool = this.getPool();
    const slot = pool.forSession();
    const sid = pool.newSessionId();
    const generation = slot.generation;
    slot.sessions++;
    let failure: string | undefined;
    try {
      failure = (await slot.request({ op: 'open', sid, ...load }, BULK_WATCHDOG_MS)).failure;
    } catch (err) {
      failure = (err as Error).message;
    }
    if (failure !== undefined) {
      if (slot.generation === generation) slot.sessions--;
      throw new Error(failure);
    }
    return new SandboxSession(slot, generation, sid, load.limits, pool.graceMs);
  }

  /** One shot: state in, one call, result and new state out, in a single round trip. `state` is
   *  absent when the outcome is fatal (the context was not trusted to give it). */
  async run(code: string, state: State, args: unknown, opts: SessionOptions = {}): Promise<RunOutcome> {
    const load = prepareLoad(state, opts);
    const argsJson = toJson(args, 'args');
    const slot = this.getPool().forRun();
    const started = performance.now();
    let reply;
    try {
      reply = await slot.request({ op: 'run', code, argsJson, ...load }, BULK_WATCHDOG_MS + load.limits.timeMs);
    } catch (err) {
      return lostOutcome(err, load.limits, started);
    }
    if (reply.failure !== undefined) throw new Error(reply.failure);
    const outcome = fromWire(reply.outcome!);
    return reply.stateJson === undefined ? outcome : { ...outcome, state: JSON.parse(reply.stateJson) as State };
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

class SandboxSession implements Session {
  /** Why calls are refused, once they are. */
  private refused: string | undefined;

  constructor(
    readonly slot: WorkerSlot,
    private readonly generation: number,
    private readonly sid: number,
    private readonly limits: SandboxLimits,
    private readonly graceMs: number,
  ) {
    // A session dropped without close() would keep its context in the worker for good.
    leaks.register(this, { slot, generation, sid }, this);
  }

  async call(code: string, args: unknown): Promise<CallOutcome> {
    const argsJson = toJson(args, 'args');
    const refused = this.refusal();
    if (refused) return { ok: false, error: { kind: 'internal', message: refused }, ms: 0 };
    const started = performance.now();
    let reply;
    try {
      reply = await this.slot.request({ op: 'call', sid: this.sid, code, argsJson }, this.limits.timeMs + this.graceMs);
    } catch (err) {
      this.refused = 'the session was lost: its sandbox worker stopped; open a new session';
      return lostOutcome(err, this.limits, started);
    }
    const outcome = fromWire(reply.outcome!);
    if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) {
      this.refused = `the session was reset after a ${outcome.error.kind} error (${outcome.error.message}); open a new session`;
    }
    return outcome;
  }

  async state(): Promise<State> {
    const refused = this.refusal();
    if (refused) throw new Error(refused);
    let reply;
    try {
      reply = await this.slot.request({ op: 'state', sid: this.sid }, BULK_WATCHDOG_MS);
    } catch (err) {
      this.refused = 'the session was lost: its sandbox worker stopped; open a new session';
      throw new Error(`${this.refused} (${(err as Error).message})`);
    }
    if (reply.failure !== undefined) throw new Error(reply.failure);
    return JSON.parse(reply.stateJson!) as State;
  }

  async close(): Promise<void> {
    if (this.refused === 'the session is closed') return;
    this.refused = 'the session is closed';
    leaks.unregister(this);
    await closeInWorker(this.slot, this.generation, this.sid);
  }

  private refusal(): string | undefined {
    if (!this.refused && this.slot.generation !== this.generation) {
      this.refused = 'the session was lost: its sandbox worker stopped; open a new session';
    }
    return this.refused;
  }
}

/** Frees a session's context unless its worker (generation) is already gone. Never throws. */
async function closeInWorker(slot: WorkerSlot, generation: number, sid: number): Promise<void> {
  if (slot.generation !== generation) return;
  slot.sessions--;
  await slot.request({ op: 'close', sid }, BULK_WATCHDOG_MS).catch(() => undefined);
}

const leaks = new FinalizationRegistry<{ slot: WorkerSlot; generation: number; sid: number }>((held) => {
  void closeInWorker(held.slot, held.generation, held.sid);
});

function prepareLoad(state: State, opts: SessionOptions): LoadRequest {
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
  const stateJson = toJson(state, 'state');
  if (stateJson === undefined || typeof state !== 'object' || state === null) throw new TypeError('state must be an object of tables');
  return { stateJson, seed: Math.trunc(seed), now, limits };
}

function toJson(value: unknown, what: string): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new TypeError(`${what} must be JSON: ${(err as Error).message}`);
  }
}

function fromWire(wire: WireOutcome): CallOutcome {
  if (!wire.ok) return wire;
  return { ok: true, result: wire.json === undefined ? undefined : JSON.parse(wire.json), ms: wire.ms };
}

function lostOutcome(err: unknown, limits: SandboxLimits, started: number): CallOutcome {
  if (!(err instanceof WorkerLost)) throw err;
  const ms = Math.round(performance.now() - started);
  if (err.timedOut) return { ok: false, error: { kind: 'timeout', message: `the tool ran longer than ${limits.timeMs} ms (its worker was stopped)` }, ms };
  return { ok: false, error: { kind: 'internal', message: err.message }, ms };
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
};
