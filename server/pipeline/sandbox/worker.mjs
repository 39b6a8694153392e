// Entry of a sandbox worker thread. Plain JavaScript on purpose: the pool starts it with
// `new Worker(path)` from disk, under tsx and vitest as well as inside the Next.js production
// server, where no TypeScript loader exists. Keep it (and the other .mjs files beside it)
// dependency-free apart from quickjs-emscripten, which Node resolves from node_modules above it.
//
// Untrusted tool code runs only inside QuickJS (WebAssembly) here; this thread's own realm runs
// nothing but these files. The protocol (mirrored in protocol.ts): the pool sends one request at a
// time, `{ id, op, ... }`, and gets exactly one reply `{ id, outcome?, stateJson?, changesJson?, unchanged?,
// missingBase?, failure? }`.

import './utc.mjs';
import { parentPort } from 'node:worker_threads';
import { findBase, rememberBase } from './base.mjs';
import { clipError, FATAL_KINDS } from './outcomes.mjs';
import { instanceStats, spareCount } from './quickjs.mjs';
import { SetupError, VmSession } from './vm.mjs';

/** @type {Map<number, VmSession>} */
const sessions = new Map();

parentPort.on('message', async (msg) => {
  let reply;
  // Sessions that ended cleanly, released once the reply is on its way: freeing a runtime and
  // readying the instance for the next session takes a little while, and the caller need not wait.
  /** @type {VmSession[]} */
  const ended = [];
  try {
    reply = await handle(msg, ended);
  } catch (err) {
    // Setup failures are expected (a state that does not load); anything else means a session's
    // instance failed outside a tool call. Either way that session is not used again.
    if (!(err instanceof SetupError)) drop(msg.sid);
    const message = err instanceof SetupError ? err.message : `the sandbox failed: ${String(err?.message ?? err)}`;
    reply =
      msg.op === 'call' || msg.op === 'callWithState'
        ? { id: msg.id, outcome: { ok: false, error: { kind: 'internal', message }, ms: 0 } }
        : { id: msg.id, failure: message };
  }
  // Every message leaves capped, whichever path made it (a tool error inside a state that could not be read, a setup failure).
  if (reply.failure !== undefined) reply.failure = clipError(reply.failure);
  if (reply.outcome?.error) reply.outcome.error.message = clipError(reply.outcome.error.message);
  parentPort.postMessage(reply);
  for (const vm of ended) {
    try {
      vm.release();
    } catch {
      // release() drops the instance on any failure; nothing here may take the worker down.
    }
  }
});

/** Drops a session with its instance: after a fatal outcome or a failure outside a tool. */
function drop(sid) {
  sessions.get(sid)?.dispose();
  sessions.delete(sid);
}

/** @param {VmSession[]} ended  sessions to release after the reply (see above) */
async function handle(msg, ended) {
  switch (msg.op) {
    case 'open': {
      // A lazily loaded state comes as its hash, with its JSON only when the host has not sent it
      // to this worker before (or this worker let it go: then it asks for it).
      if (msg.base) {
        let base = msg.base.json === undefined ? findBase(msg.base.hash) : undefined;
        if (!base && msg.base.json === undefined) return { id: msg.id, missingBase: true };
        // Loading it whole once (a SetupError if it does not load) measures the room it takes.
        base ??= rememberBase(msg.base.hash, msg.base.json, await VmSession.measureLoad(msg.base.json));
        sessions.set(msg.sid, await VmSession.open({ ...msg, base }));
        return { id: msg.id };
      }
      sessions.set(msg.sid, await VmSession.open(msg));
      return { id: msg.id };
    }
    case 'changes': {
      const vm = sessions.get(msg.sid);
      if (!vm) return { id: msg.id, failure: 'no such session in the sandbox worker' };
      return { id: msg.id, changesJson: vm.changes() };
    }
    case 'call': {
      const vm = sessions.get(msg.sid);
      if (!vm) return { id: msg.id, outcome: { ok: false, error: { kind: 'internal', message: 'no such session in the sandbox worker' }, ms: 0 } };
      const outcome = vm.call(msg.code, msg.argsJson);
      // After a timeout, out-of-memory or stack overflow the context may be half-way through
      // anything: drop it, and with it all it allocated. The pool marks the session broken.
      if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) drop(msg.sid);
      return { id: msg.id, outcome };
    }
    case 'callWithState': {
      // A call and the state after it in one round trip. The dump before the call is known (the
      // session's JSON cache, vm.mjs) after an open, a state read or an earlier callWithState; when
      // the dump after it is the same string, only `unchanged` crosses the thread boundary.
      const vm = sessions.get(msg.sid);
      if (!vm) return { id: msg.id, outcome: { ok: false, error: { kind: 'internal', message: 'no such session in the sandbox worker' }, ms: 0 } };
      const prior = vm.json;
      const outcome = vm.call(msg.code, msg.argsJson);
      if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) {
        drop(msg.sid);
        return { id: msg.id, outcome };
      }
      parentPort.postMessage({ id: msg.id, phase: 'dumping' });
      let json;
      try {
        json = vm.dump();
      } catch (err) {
        if (!(err instanceof SetupError)) throw err;
        // As for a state request: the session stays, the state cannot be read.
        return { id: msg.id, outcome, failure: err.message };
      }
      return prior !== undefined && json === prior ? { id: msg.id, outcome, unchanged: true } : { id: msg.id, outcome, stateJson: json };
    }
    case 'state': {
      const vm = sessions.get(msg.sid);
      if (!vm) return { id: msg.id, failure: 'no such session in the sandbox worker' };
      return { id: msg.id, stateJson: vm.dump() };
    }
    case 'close': {
      // Between requests a session is always in a clean state (a fatal outcome dropped it already):
      // its instance may serve a later session (quickjs.mjs).
      const vm = sessions.get(msg.sid);
      sessions.delete(msg.sid);
      if (vm) ended.push(vm);
      return { id: msg.id };
    }
    case 'stats':
      return { id: msg.id, stats: { ...instanceStats, spares: spareCount() } };
    default:
      return { id: msg.id, failure: `unknown sandbox request ${JSON.stringify(msg.op)}` };
  }
}
