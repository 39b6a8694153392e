// One session = one QuickJS runtime and context, in a QuickJS instance of its own (quickjs.mjs),
// holding one database. Plain JavaScript: it runs in the worker thread, which loads it from disk
// without TypeScript (see worker.mjs).

import { clipError, FATAL_KINDS, hostFailure, internal, memoryError, outputError, STACK_BYTES, stackError, timeout, toolError } from './outcomes.mjs';
import { PRELUDE_SOURCE } from './prelude.mjs';
import { baseText, changesBetween, changesFromDelta } from './base.mjs';
import { acquireInstance, BASE_BYTES, dropInstance, MAX_BYTES, releaseInstance } from './quickjs.mjs';

/** Time allowed to load a state or dump it (not tool code, but still bounded). */
const BULK_MS = 30_000;
/** Compiled tools kept per session; a session sees a few dozen distinct tools at most. */
const CACHE_SIZE = 256;
/** The database's JSON is kept (up to this many characters) while no tool has run since it was
 *  loaded or dumped: only tool code changes the database, and none runs between requests. */
const JSON_CACHE_CHARS = 1 << 20;
/** Room for the parsed state as a multiple of its JSON size: a first guess (most states need 3-6×),
 *  then a generous one if the state did not fit. */
const STATE_FACTOR = 8;
const STATE_FACTOR_RETRY = 64;
/** Room a lazily loaded session needs beyond the parsed state: a table's text, lines and JSON while
 *  it is read (a multiple of the state's JSON size), its keys, indexes and records of touched rows,
 *  and for a large table each row's getter and setter (bytes per row). */
const LAZY_OVERHEAD_FACTOR = 4;
const LAZY_ROW_BYTES = 512;

/** An expected failure of setup (a state that does not load, a dump of a cyclic database): reported
 *  to the caller as such. */
export class SetupError extends Error {}
class StateTooBig extends SetupError {}

export class VmSession {
  /**
   * Loads a state into a new runtime and context, in an instance (new or a spare) whose memory is
   * capped at QuickJS's base, plus room for the state, plus `memoryBytes` for the tools: the memory
   * limit is headroom above the state. A spare's cap may be up to reuseSlack() above that.
   * With `base` (base.mjs) instead of `stateJson`, the state is loaded lazily: the cap is what the
   * whole state took when loaded once (measureLoad), plus room for loading it lazily, plus
   * `memoryBytes`, since what the tools will read is not known yet. Tools that read little of a
   * large state may use the room the rest would have taken.
   * @param {{ stateJson?: string, base?: import('./base.mjs').Base, seed: number, now: number, limits: { timeMs: number, memoryBytes: number, outputBytes: number } }} opts
   */
  static async open(opts) {
    const { stateJson, base, limits } = opts;
    if (base) {
      const instance = await acquireInstance(
        Math.min(MAX_BYTES, base.loadedBytes + LAZY_OVERHEAD_FACTOR * base.chars + LAZY_ROW_BYTES * base.rows + limits.memoryBytes),
      );
      try {
        return new VmSession(instance, opts);
      } catch (err) {
        dropInstance();
        throw err;
      }
    }
    const estimate = (factor) => Math.min(MAX_BYTES, BASE_BYTES + factor * stateJson.length + limits.memoryBytes);
    let maxBytes = estimate(STATE_FACTOR);
    let measured = false;
    for (;;) {
      let vm;
      const instance = await acquireInstance(maxBytes);
      try {
        vm = new VmSession(instance, opts);
      } catch (err) {
        // Whatever the instance was half-way through, it is not used again.
        dropInstance();
        if (!(err instanceof StateTooBig) || measured || maxBytes === MAX_BYTES) throw err;
        maxBytes = estimate(STATE_FACTOR_RETRY);
        continue;
      }
      // When the guess was off — too little headroom left, or far too much after the generous
      // retry — load once more with a cap measured from what the state really took. Most states
      // (small, or not dense) never get here.
      const used = vm.memory.buffer.byteLength;
      const headroom = vm.maxBytes - used;
      const firstGuess = maxBytes <= estimate(STATE_FACTOR);
      if (measured || maxBytes === MAX_BYTES || (headroom >= limits.memoryBytes && (firstGuess || headroom <= estimate(STATE_FACTOR)))) return vm;
      vm.release();
      maxBytes = Math.min(MAX_BYTES, used + limits.memoryBytes);
      measured = true;
    }
  }

  /**
   * The memory a state takes once loaded whole, as the cap of lazily loaded sessions starts from it
   * (measured once per state and worker; the instance is dropped after).
   * @param {string} stateJson
   */
  static async measureLoad(stateJson) {
    const vm = await VmSession.open({ stateJson, seed: 0, now: 0, limits: { timeMs: BULK_MS, memoryBytes: 1024 * 1024, outputBytes: 1024 } });
    const used = vm.memory.buffer.byteLength;
    vm.dispose();
    return used;
  }

  /** @param {import('./quickjs.mjs').Instance} instance */
  constructor(instance, { stateJson, base, seed, now, limits }) {
    this.limits = limits;
    this.instance = instance;
    this.memory = instance.memory;
    /** The instance's cap: the session's own, or up to reuseSlack() above it on a spare. */
    this.maxBytes = instance.capBytes;
    /** Handles to free before the runtime, when the session closes cleanly. */
    this.handles = [];
    /** @type {Map<string, import('quickjs-emscripten').QuickJSHandle>} */
    this.cache = new Map();
    // A spare comes with its runtime and context made ahead of time (release()); else make them.
    const { runtime, context, gate, factory } = instance.prepared ?? prepare(instance);
    instance.prepared = undefined;
    this.runtime = runtime;
    this.context = context;
    this.gate = gate;

    const ctx = this.context;
    this.deadline = performance.now() + BULK_MS;
    /** The lazily loaded starting state (base.mjs), or the JSON the session was loaded from. */
    this.base = base;
    this.startJson = base ? undefined : stateJson;
    const args = [ctx.newString(base ? base.namesJson : stateJson), ctx.newNumber(seed), ctx.newNumber(now), ctx.newNumber(limits.outputBytes)];
    if (base) {
      // The prelude's only way to the worker: text of this session's own starting state (base.mjs
      // baseText), by table and row number; anything else gives undefined. Captured in the
      // prelude's closure, never reachable by tools.
      const fetch = ctx.newFunction('fetch', (table, i) => {
        if (ctx.typeof(table) !== 'string' || ctx.typeof(i) !== 'number') return ctx.undefined;
        const text = baseText(base, ctx.getString(table), ctx.getNumber(i));
        return text === undefined ? ctx.undefined : ctx.newString(text);
      });
      args.push(fetch);
    }
    const result = ctx.callFunction(factory, ctx.undefined, args);
    factory.dispose();
    for (const a of args) a.dispose();
    this.api = this.setup(result, 'the state could not be loaded');
    this.callFn = ctx.getProp(this.api, 'call');
    this.dumpFn = ctx.getProp(this.api, 'dump');
    this.deltaFn = ctx.getProp(this.api, 'delta');
    this.describeFn = ctx.getProp(this.api, 'describe');
    this.handles.push(this.api, this.callFn, this.dumpFn, this.deltaFn, this.describeFn);
    this.deadline = Infinity;
    /** The database's JSON as of now, while known without asking QuickJS (see JSON_CACHE_CHARS). A
     *  rollout reads the state after every call and once more at the end, when nothing ran since. */
    this.json = !base && stateJson.length <= JSON_CACHE_CHARS ? stateJson : undefined;
    /** No tool has run yet: nothing has changed. */
    this.pristine = true;
  }

  /** When the current call or bulk step must stop (read by the interrupt handler). */
  get deadline() {
    return this.gate.deadline;
  }

  set deadline(value) {
    this.gate.deadline = value;
  }

  /** QuickJS was told to stop (the deadline passed). */
  get interrupted() {
    return this.gate.interrupted;
  }

  set interrupted(value) {
    this.gate.interrupted = value;
  }

  /** Unwraps a setup step, or throws a SetupError saying why it failed. */
  setup(result, what) {
    if (!result.error) return result.value;
    const detail = this.interrupted ? `took longer than ${BULK_MS} ms` : safeDump(this.context, result.error);
    result.error.dispose();
    if (/out of memory/.test(detail)) throw new StateTooBig(`${what}: it does not fit in the sandbox`);
    throw new SetupError(`${what}: ${detail}`);
  }

  /**
   * Runs one tool. Returns a wire outcome: { ok: true, json, ms } or { ok: false, error, ms }.
   * @param {string} code  @param {string | undefined} argsJson
   */
  call(code, argsJson) {
    const started = performance.now();
    this.json = undefined;
    this.pristine = false;
    this.deadline = started + this.limits.timeMs;
    this.interrupted = false;
    let outcome;
    try {
      outcome = this.run(code, argsJson);
      // Once QuickJS was told to stop, whatever came back (an error, a promise left pending by a
      // job the interrupt killed) is an effect of the timeout.
      if (this.interrupted) outcome = timeout(this.limits.timeMs);
    } catch (err) {
      // The instance itself failed: V8's native stack ran out under deep native recursion, or
      // WebAssembly trapped. Its memory is not trusted any more; the caller drops the session.
      outcome = hostFailure(err);
    }
    this.deadline = Infinity;
    return { ...outcome, ms: Math.round((performance.now() - started) * 1000) / 1000 };
  }

  run(code, argsJson) {
    const ctx = this.context;
    const fn = this.compile(code);
    if ('error' in fn) return fn;
    const args = argsJson === undefined ? ctx.undefined : ctx.newString(argsJson);
    const result = ctx.callFunction(this.callFn, ctx.undefined, fn.handle, args);
    args.dispose();
    if (result.error) return this.failure(result.error);
    let outcome;
    if (ctx.typeof(result.value) === 'string') outcome = this.decode(ctx.getString(result.value));
    else outcome = this.settle(result.value);
    result.value.dispose();
    // Promise callbacks a synchronous tool left behind still run now, inside the same deadline, so
    // their effects on the database are deterministic and never leak into the next call.
    if (outcome.ok || !FATAL_KINDS.has(outcome.error.kind)) return this.drainJobs() ?? outcome;
    return outcome;
  }

  /** A tool that returned a promise: run the job queue until it settles. */
  settle(promise) {
    const ctx = this.context;
    const failed = this.drainJobs();
    if (failed) return failed;
    const state = ctx.getPromiseState(promise);
    if (state.type === 'pending') {
      return toolError('the tool returned a promise that never settled (the sandbox has no timers or I/O to wait for)');
    }
    if (state.type === 'rejected') return this.failure(state.error);
    const value = state.value;
    const outcome = ctx.typeof(value) === 'string' ? this.decode(ctx.getString(value)) : internal('the tool result could not be read');
    if (!state.notAPromise) value.dispose();
    return outcome;
  }

  /** Runs pending jobs; returns an outcome only if one of them hit a limit. */
  drainJobs() {
    while (this.runtime.hasPendingJob()) {
      const r = this.runtime.executePendingJobs();
      if (!r.error) continue;
      // A stray job that threw is the tool's own business; only the limits matter here.
      const outcome = this.failure(r.error);
      if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) return outcome;
    }
    return undefined;
  }

  compile(code) {
    const cached = this.cache.get(code);
    if (cached) return { handle: cached };
    const ctx = this.context;
    // `(` + code + `\n)`: the source is one function expression; the newline lets it end in a line
    // comment and keeps QuickJS's line numbers those of the source. Trailing semicolons are a
    // common slip in generated code and are dropped. (Code that closes the parenthesis itself only
    // runs inside this sandbox, under the same limits.)
    const source = '(' + code.replace(/[\s;]+$/, '') + '\n)';
    const result = ctx.evalCode(source, 'tool.js', { type: 'global' });
    if (result.error) return this.failure(result.error, true);
    const type = ctx.typeof(result.value);
    if (type !== 'function') {
      result.value.dispose();
      return {
        ok: false,
        error: { kind: 'syntax', message: `the tool code must be one function expression like (db, args) => result; it evaluated to a ${type}` },
      };
    }
    if (this.cache.size >= CACHE_SIZE) {
      const [oldest, handle] = this.cache.entries().next().value;
      this.cache.delete(oldest);
      handle.dispose();
    }
    this.cache.set(code, result.value);
    return { handle: result.value };
  }

  /** An exception that reached the host (disposes it). */
  failure(errorHandle, compiling = false) {
    if (this.interrupted) {
      errorHandle.dispose();
      return timeout(this.limits.timeMs);
    }
    const ctx = this.context;
    const described = ctx.callFunction(this.describeFn, ctx.undefined, errorHandle);
    errorHandle.dispose();
    if (described.error) {
      described.error.dispose();
      // describe() allocates; when even that fails the heap is exhausted or the clock ran out.
      return this.interrupted ? timeout(this.limits.timeMs) : memoryError(this.limits.memoryBytes);
    }
    const text = ctx.getString(described.value);
    described.value.dispose();
    return this.decode(text, compiling);
  }

  /** Turns a tagged string from the prelude into a wire outcome. */
  decode(text, compiling = false) {
    if (this.interrupted) return timeout(this.limits.timeMs);
    const tag = text[0];
    if (tag === 'r') {
      const json = text.slice(1);
      const bytes = Buffer.byteLength(json, 'utf8');
      return bytes > this.limits.outputBytes ? outputError(bytes, this.limits.outputBytes) : { ok: true, json };
    }
    if (tag === 'u') return { ok: true, json: undefined };
    if (tag === 'o') return outputError(Number(text.slice(1)), this.limits.outputBytes, true);
    if (tag === 'e') return this.classify(JSON.parse(text.slice(1)), compiling);
    return internal(`unexpected reply from the sandbox: ${text.slice(0, 40)}`);
  }

  /** Which kind of failure a described error is. */
  classify({ name, message, stack, isNull }, compiling) {
    if (name === 'InternalError' && /^(out of memory|string too long)$/.test(message)) return memoryError(this.limits.memoryBytes);
    if (isNull && this.nearlyFull()) return memoryError(this.limits.memoryBytes);
    if (/^(stack overflow|Maximum call stack size exceeded)$/.test(message)) return stackError();
    if (compiling && name === 'SyntaxError') {
      const at = /tool\.js:(\d+):(\d+)/.exec(stack);
      const where = at ? ` (line ${at[1]}, column ${Number(at[2]) - (at[1] === '1' ? 1 : 0)})` : '';
      return { ok: false, error: { kind: 'syntax', message: `SyntaxError: ${message}${where}` } };
    }
    return toolError(message);
  }

  /** The instance's memory has grown to (almost) its cap: Emscripten grows it in steps. */
  nearlyFull() {
    return this.memory.buffer.byteLength >= 0.9 * this.maxBytes;
  }

  /** The database as JSON (throws a SetupError if a tool left something JSON cannot hold). */
  dump() {
    if (this.json !== undefined) return this.json;
    const json = this.bulk(this.dumpFn);
    if (json.length <= JSON_CACHE_CHARS) this.json = json;
    return json;
  }

  /**
   * The rows that differ from the state the session started with, as JSON text
   * `[{table, key, before?, after?}]` (no `before`: added; no `after`: removed). A lazily loaded
   * session compares only the rows its tools touched (prelude.mjs delta()); one loaded whole
   * compares every row. Throws a SetupError like dump() if the database cannot be read.
   */
  changes() {
    if (this.pristine) return '[]';
    if (!this.base) return changesBetween(this.startJson, this.dump());
    return changesFromDelta(this.base, this.bulk(this.deltaFn));
  }

  /** Calls one of the prelude's bulk functions (dump, delta) under the bulk deadline. */
  bulk(fn) {
    const ctx = this.context;
    this.deadline = performance.now() + BULK_MS;
    this.interrupted = false;
    try {
      const result = ctx.callFunction(fn, ctx.undefined);
      if (result.error) {
        const detail = this.interrupted ? `took longer than ${BULK_MS} ms` : safeDump(ctx, result.error);
        result.error.dispose();
        throw new SetupError(`the state could not be read: ${detail}`);
      }
      return result.value.consume((h) => ctx.getString(h));
    } finally {
      this.deadline = Infinity;
    }
  }

  /**
   * Drops the session with its instance (after a fatal outcome, or any failure outside a tool). Its
   * WebAssembly memory is freed with it when V8 collects it, so nothing inside needs freeing first,
   * and a broken instance is never called into again.
   */
  dispose() {
    if (this.instance) dropInstance();
    this.forget();
  }

  /** Lets go of the runtime, context and handles, without touching the instance. */
  forget() {
    this.cache.clear();
    this.handles = [];
    this.json = this.startJson = this.base = undefined;
    this.runtime = this.context = this.api = this.callFn = this.dumpFn = this.deltaFn = this.describeFn = this.memory = this.instance = undefined;
  }

  /**
   * Ends a session that is in a clean state (between calls, no fatal outcome): frees its context and
   * runtime inside the instance and hands the instance back, for a later session if it is whole
   * (quickjs.mjs releaseInstance). If freeing fails, the instance is dropped.
   */
  release() {
    const { instance, runtime, context } = this;
    const handles = [...this.cache.values(), ...this.handles];
    this.forget();
    if (!instance) return;
    try {
      for (const h of handles) if (h.alive) h.dispose();
      context.dispose();
      runtime.dispose();
    } catch {
      // e.g. QuickJS asserting on an object still referenced: the instance goes.
      dropInstance();
      return;
    }
    // If the instance is kept, the next session's runtime and context are made now, after the
    // reply to close() has gone (worker.mjs), rather than while the next open() waits.
    releaseInstance(instance, () => {
      instance.prepared = prepare(instance);
    });
  }
}

/**
 * A fresh QuickJS runtime and context in `instance`, with the prelude evaluated but no state given
 * to it yet: the same steps whether made when a session opens or ahead of time for a spare, so a
 * session cannot tell which. Throws a SetupError if the prelude fails (it never should).
 * @param {import('./quickjs.mjs').Instance} instance
 */
function prepare(instance) {
  const gate = { deadline: performance.now() + BULK_MS, interrupted: false };
  const runtime = instance.quickjs.newRuntime();
  runtime.setMaxStackSize(STACK_BYTES);
  // Polled by QuickJS every few thousand bytecodes (also inside regexps): the only way to stop
  // `while (true) {}`. Interrupts are uncatchable inside QuickJS, so the tool cannot swallow them.
  runtime.setInterruptHandler(() => {
    if (performance.now() > gate.deadline) gate.interrupted = true;
    return gate.interrupted;
  });
  const context = runtime.newContext();
  const result = context.evalCode(PRELUDE_SOURCE, 'prelude.js', { type: 'global', strict: true });
  gate.deadline = Infinity;
  if (result.error) {
    const detail = gate.interrupted ? `took longer than ${BULK_MS} ms` : safeDump(context, result.error);
    result.error.dispose();
    throw new SetupError(`the sandbox prelude failed: ${detail}`);
  }
  return { runtime, context, gate, factory: result.value };
}

/** For setup errors only (our own code failed): a readable line, never throwing. */
function safeDump(ctx, handle) {
  const copy = handle.dup();
  try {
    const v = ctx.dump(copy);
    return clipError(typeof v === 'object' && v !== null && 'message' in v ? `${String(v.name ?? 'Error').slice(0, 200)}: ${v.message}` : String(v));
  } catch {
    return 'unknown error';
  } finally {
    if (copy.alive) copy.dispose();
  }
}
