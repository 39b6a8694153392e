// Entry of a sandbox worker thread. Plain JavaScript on purpose: the pool starts it with
// `new Worker(path)` from disk, under tsx and vitest as well as inside the Next.js production
// server, where no TypeScript loader exists. Keep it (and the other .mjs files beside it)
// dependency-free apart from quickjs-emscripten, which Node resolves from node_modules above it.
//
// Untrusted tool code runs only inside QuickJS (WebAssembly) here; this thread's own realm runs
// nothing but these files. The protocol (mirrored in protocol.ts): the pool sends one request at a
// time, `{ id, op, ... }`, and gets exactly one reply `{ id, outcome?, stateJson?, failure? }`.

import './utc.mjs';
import { parentPort } from 'node:worker_threads';
import { FATAL_KINDS } from './outcomes.mjs';
import { SetupError, VmSession } from './vm.mjs';

/** @type {Map<number, VmSession>} */
const sessions = new Map();

parentPort.on('message', async (msg) => {
  let reply;
  try {
    reply = await handle(msg);
  } catch (err) {
    // Setup failures are expected (a state that does not load); anything else means a session's
    // instance failed outside a tool call. Either way that session is not used again.
    if (!(err instanceof SetupError)) drop(msg.sid);
    const message = err instanceof SetupError ? err.message : `the sandbox failed: ${String(err?.message ?? err)}`;
    reply = msg.op === 'call' || msg.op === 'run' ? { id: msg.id, outcome: { ok: false, error: { kind: 'internal', message }, ms: 0 } } : { id: msg.id, failure: message };
  }
  parentPort.postMessage(reply);
});

function drop(sid) {
  sessions.get(sid)?.dispose();
  sessions.delete(sid);
}

async function handle(msg) {
  switch (msg.op) {
    case 'open': {
      sessions.set(msg.sid, await VmSession.open(msg));
      return { id: msg.id };
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
    case 'state': {
      const vm = sessions.get(msg.sid);
      if (!vm) return { id: msg.id, failure: 'no such session in the sandbox worker' };
      return { id: msg.id, stateJson: vm.dump() };
    }
    case 'close': {
      drop(msg.sid);
      return { id: msg.id };
    }
    case 'run': {
      // One-shot: a session that lives for one call, in one round trip.
      const vm = await VmSession.open(msg);
      try {
        const outcome = vm.call(msg.code, msg.argsJson);
        if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) return { id: msg.id, outcome };
        try {
          return { id: msg.id, outcome, stateJson: vm.dump() };
        } catch (err) {
          if (!(err instanceof SetupError)) throw err;
          // e.g. the tool made the database cyclic: its fault, reported like a thrown error.
          return { id: msg.id, outcome: { ok: false, error: { kind: 'tool', message: err.message }, ms: outcome.ms } };
        }
      } finally {
        vm.dispose();
      }
    }
    default:
      return { id: msg.id, failure: `unknown sandbox request ${JSON.stringify(msg.op)}` };
  }
}
