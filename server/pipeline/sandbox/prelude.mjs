// The code a session runs inside its QuickJS context, once, before any tool. It is written as a real
// function (so it is parsed and linted like the rest of the worker) and shipped into QuickJS as
// source text via `toString()`: it must not refer to anything outside itself.
//
// It returns the session's plumbing: `call(fn, argsJson)` runs one compiled tool on the session's
// database, `dump()` gives the database as JSON, `describe(error)` turns any thrown value into a
// tagged string. Everything crosses the QuickJS boundary as one string with a one-letter tag, so the
// host makes one getString per call and never walks guest objects:
//   'r' + JSON   the tool returned a JSON value
//   'u'          the tool returned undefined (or something JSON.stringify drops, like a function)
//   'o' + N      the JSON of the result has N characters, over the output limit (not sent)
//   'e' + JSON   the tool threw: {"name", "message", "stack", "isNull"}
// A tool that returns a promise gets a promise of one of these strings.

function prelude(stateJson, seed, now, outputLimit) {
  'use strict';
  // Captured before any tool runs, so a tool that overwrites JSON, Math, Reflect or Error in its own
  // session cannot break the plumbing of later calls.
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const imul = Math.imul;
  const construct = Reflect.construct;
  const defineProperty = Object.defineProperty;
  const RealDate = Date;
  const ErrorClass = Error;
  const PromiseClass = Promise;
  const hidden = (value) => ({ value, writable: true, configurable: true, enumerable: false });

  // Determinism 1: Math.random is mulberry32 seeded by the session seed, one sequence per session.
  let s = seed >>> 0;
  defineProperty(
    Math,
    'random',
    hidden(function random() {
      let t = (s = (s + 0x6d2b79f5) | 0);
      t = imul(t ^ (t >>> 15), t | 1);
      t ^= t + imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }),
  );

  // Determinism 2: the clock stands still at `now`. `new Date()`, `Date()` and `Date.now()` read it;
  // `new Date(x)` with arguments is the real constructor. The prototype is shared, so `instanceof
  // Date`, subclassing and every Date method keep working.
  function FixedDate(...args) {
    if (new.target === undefined) return new RealDate(now).toString();
    return construct(RealDate, args.length === 0 ? [now] : args, new.target);
  }
  defineProperty(FixedDate, 'name', { value: 'Date' });
  defineProperty(FixedDate, 'length', { value: 7 });
  FixedDate.prototype = RealDate.prototype;
  defineProperty(RealDate.prototype, 'constructor', hidden(FixedDate));
  defineProperty(FixedDate, 'now', hidden(() => now));
  defineProperty(FixedDate, 'parse', hidden(RealDate.parse));
  defineProperty(FixedDate, 'UTC', hidden(RealDate.UTC));
  defineProperty(globalThis, 'Date', hidden(FixedDate));

  // Generated tools often log; a missing console would turn that into a ReferenceError. Output is
  // dropped: nothing leaves the sandbox except the result.
  const noop = function () {};
  const quiet = {};
  for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'assert', 'count', 'time', 'timeEnd', 'group', 'groupEnd']) quiet[k] = noop;
  defineProperty(globalThis, 'console', hidden(quiet));

  // The database lives in this closure: tools get it as their first argument and can change it in
  // place, but cannot replace it or reach the plumbing.
  const db = parse(stateJson);

  const clip = (text, max) => (text.length > max ? text.slice(0, max) + '…' : text);

  function encode(value) {
    const json = stringify(value);
    if (json === undefined) return 'u';
    // Characters ≤ UTF-8 bytes, so this bound never lets an oversized result through; the host
    // checks the exact byte length of what passes.
    if (json.length > outputLimit) return 'o' + json.length;
    return 'r' + json;
  }

  function describe(error) {
    let name = 'Error';
    let message;
    let stack = '';
    try {
      if (error instanceof ErrorClass) {
        name = String(error.name);
        message = String(error.message);
        if (typeof error.stack === 'string') stack = error.stack;
      } else if (typeof error === 'string') {
        message = error;
      } else if (error !== null && typeof error === 'object') {
        try {
          message = stringify(error);
        } catch (_) {
          // cyclic or not JSON: fall back to String below
        }
        if (message === undefined) message = String(error);
      } else {
        message = String(error);
      }
    } catch (_) {
      message = 'the tool threw a value that could not be read';
    }
    // QuickJS throws null when it runs out of memory while building an error; the host tells that
    // apart from a tool's own `throw null` by looking at the instance's memory.
    return 'e' + stringify({ name, message: clip(message, 4000), stack: clip(stack, 2000), isNull: error === null });
  }

  function isThenable(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
  }

  return {
    call(fn, argsJson) {
      try {
        const value = fn(db, argsJson === undefined ? undefined : parse(argsJson));
        if (isThenable(value)) return PromiseClass.resolve(value).then(encode).then(undefined, describe);
        return encode(value);
      } catch (error) {
        return describe(error);
      }
    },
    dump() {
      return stringify(db);
    },
    describe,
  };
}

/** QuickJS parses this for every session (bytecode cannot be carried from one runtime to the next
 *  in this build), so comment lines and indentation, a third of the text, are left out. */
export const PRELUDE_SOURCE = `(${prelude.toString()})`
  .split('\n')
  .filter((line) => !/^\s*\/\//.test(line))
  .map((line) => line.trimStart())
  .join('\n');
