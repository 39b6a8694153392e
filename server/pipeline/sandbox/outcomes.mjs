// The outcomes a call can have, as the worker sends them (protocol.ts WireOutcome), and the
// wording callers see.

/** QuickJS's own stack limit (~1,500 plain JS frames). The C stack of the build is several MB, and
 *  the worker thread gets a 32 MB native stack (pool.ts) for the interpreter's native frames. */
export const STACK_BYTES = 256 * 1024;

/** The longest error message (characters) that leaves the sandbox, like the output cap for results:
 *  the prelude clips a tool's own errors to it, and the worker every message it replies with (a
 *  state that could not be read names the tool's error too). */
export const ERROR_CHARS = 4000;

export const clipError = (text) =>
  typeof text === 'string' && text.length > ERROR_CHARS ? `${text.slice(0, ERROR_CHARS)}… [${text.length - ERROR_CHARS} more characters]` : text;

/** Kinds after which the context is not trusted again: the session is dropped. */
export const FATAL_KINDS = new Set(['timeout', 'memory', 'stack', 'internal']);

/** An exception from the instance itself (not from tool code): V8's native stack ran out under
 *  deep native recursion, or WebAssembly trapped. */
export function hostFailure(err) {
  const message = String(err?.message ?? err);
  if (err instanceof RangeError && /call stack/i.test(message)) return stackError();
  return internal(`the sandbox instance failed: ${message}`);
}

export const toolError = (message) => ({ ok: false, error: { kind: 'tool', message } });
export const internal = (message) => ({ ok: false, error: { kind: 'internal', message } });
export const timeout = (ms) => ({ ok: false, error: { kind: 'timeout', message: `the tool ran longer than ${ms} ms` } });
export const memoryError = (bytes) => ({ ok: false, error: { kind: 'memory', message: `the tool used more than ${formatBytes(bytes)} of memory` } });
export const stackError = () => ({ ok: false, error: { kind: 'stack', message: `the tool recursed too deeply (stack overflow at ${STACK_BYTES / 1024} KB)` } });
export const outputError = (bytes, limit, atLeast = false) => ({
  ok: false,
  error: { kind: 'output', message: `the result is ${atLeast ? 'at least ' : ''}${formatBytes(bytes)} of JSON, over the limit of ${formatBytes(limit)}` },
});

function formatBytes(n) {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
