// QuickJS WebAssembly instances, each with its own capped linear memory, one session at a time.
//
// Why not one module per worker with QuickJS's runtime.setMemoryLimit? Under Emscripten, QuickJS
// cannot see block sizes (malloc_usable_size is 0), so its limit bounds each single allocation, not
// the total: a loop of 1 MB allocations grows the module to its 2 GB ceiling without an error
// (quickjs-emscripten issues #255, #271). The only hard bound is the WebAssembly.Memory maximum,
// and that is per instance. A session that failed badly (a trap, an abort, a native stack overflow,
// any fatal outcome) takes nothing else down: its instance is dropped, and all of it with it.
//
// Reuse. Instantiating costs a few milliseconds (a 16 MB memory, the module's start-up code), about
// two thirds of opening a session. So an instance whose session closed cleanly is kept as a spare, once
// the session's runtime and context are freed inside it (vm.mjs release()), for the next session
// whose cap it fits. An instance is only kept if nothing of the session is left in it:
//  - its memory never grew past the initial 16 MB (a session that needed more, and the pages it
//    touched, go with the instance; a reused instance starts exactly as big as a new one, so the
//    memory checks in vm.mjs read it the same way), and
//  - its heap is whole again: one block as large as the empty heap of a new instance can still be
//    allocated without growing, so nothing the session allocated (leaked) is left anywhere in it.
// The next session gets a fresh QuickJS runtime and context (vm.mjs makes them as soon as the
// instance is kept): no globals, prototypes, atoms or compiled code survive. What does survive is the WebAssembly memory's maximum, fixed when the
// instance was made: a spare serves a session whose own cap it exceeds by at most reuseSlack() (and
// is never below). Freed blocks are not zeroed; reading them would take a memory-safety bug in QuickJS.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';

const PAGE = 64 * 1024;
/** The release-sync build declares 256 pages (16 MB) of initial memory: static data, the C stack
 *  and the start of the heap. */
export const BASE_BYTES = 256 * PAGE;
/** The build's own ceiling (2 GB). */
const MAX_PAGES = 32768;
export const MAX_BYTES = MAX_PAGES * PAGE;

/** How far above a session's own cap a reused instance's cap may be: 4 MB, or 1/8 of the cap if
 *  that is more. Never below it. */
export const reuseSlack = (capBytes) => Math.max(4 * 1024 * 1024, Math.floor(capBytes / 8));
/** Spares kept per worker (each reserves BASE_BYTES but, having served small sessions, has only
 *  touched about 1 MB of it), and how long an unused one is kept. */
const MAX_SPARES = 8;
const SPARE_IDLE_MS = 30_000;

let compiled;

/** The WebAssembly module, compiled once per worker; undefined lets the variant load it itself. */
function compiledModule() {
  if (compiled === undefined) {
    try {
      // Resolved through quickjs-emscripten, whose dependency the variant package is.
      const fromQuickjs = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
      compiled = new WebAssembly.Module(fs.readFileSync(fromQuickjs.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

/**
 * One QuickJS WebAssembly instance.
 * `prepared` is what vm.mjs made ready in it for the next session, if anything.
 * @typedef {{ quickjs: import('quickjs-emscripten').QuickJSWASMModule, memory: WebAssembly.Memory, capBytes: number, heapBytes: number, blockGrowth: boolean, prepared?: any }} Instance
 */

/** @type {Instance[]} Spares, oldest first. */
const spares = [];
let idleTimer;
/** Counters for tests and benchmarks. */
export const instanceStats = { created: 0, reused: 0, kept: 0, dropped: 0 };

/**
 * An instance whose memory (QuickJS itself included) can never exceed a cap of at least `maxBytes`
 * and at most reuseSlack(maxBytes) more: a spare if one fits, else a new instance.
 * @param {number} maxBytes
 * @returns {Promise<Instance>}
 */
export async function acquireInstance(maxBytes) {
  const want = capFor(maxBytes);
  let best = -1;
  for (let i = 0; i < spares.length; i++) {
    const cap = spares[i].capBytes;
    if (cap >= want && cap <= want + reuseSlack(want) && (best < 0 || cap < spares[best].capBytes)) best = i;
  }
  if (best >= 0) {
    const [instance] = spares.splice(best, 1);
    instanceStats.reused++;
    return instance;
  }
  return newInstance(want);
}

/**
 * Takes back an instance whose runtime and contexts were all freed; keeps it as a spare if nothing
 * of its last session is left in it (see the top of this file), else drops it. `prepare` readies
 * a kept instance for its next session (vm.mjs: a new runtime and context); if it throws, the
 * instance is dropped.
 * @param {Instance} instance
 * @param {() => void} [prepare]
 */
export function releaseInstance(instance, prepare) {
  if (!isPristine(instance)) {
    instanceStats.dropped++;
    return;
  }
  try {
    prepare?.();
  } catch {
    instanceStats.dropped++;
    return;
  }
  if (spares.length >= MAX_SPARES) {
    spares.shift();
    instanceStats.dropped++;
  }
  spares.push(instance);
  instanceStats.kept++;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    instanceStats.dropped += spares.length;
    spares.splice(0);
  }, SPARE_IDLE_MS);
  idleTimer.unref?.();
}

/** Lets an instance go for good (after a fatal outcome, or a failure while it was in use). */
export function dropInstance() {
  instanceStats.dropped++;
}

export const spareCount = () => spares.length;

/** The cap an instance made for `maxBytes` gets: whole pages, within the build's bounds. */
function capFor(maxBytes) {
  return Math.min(MAX_PAGES, Math.max(BASE_BYTES / PAGE, Math.ceil(maxBytes / PAGE))) * PAGE;
}

/** @returns {Promise<Instance>} */
async function newInstance(capBytes) {
  const memory = new WebAssembly.Memory({ initial: BASE_BYTES / PAGE, maximum: capBytes / PAGE });
  const wasmModule = compiledModule();
  const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, wasmModule ? { wasmModule, wasmMemory: memory } : { wasmMemory: memory }));
  /** @type {Instance} */
  const instance = { quickjs, memory, capBytes, heapBytes: 0, blockGrowth: false, prepared: undefined };
  // Emscripten grows the heap only through this method (its resize_heap import catches the throw
  // and reports an allocation failure), so the probes below can ask "does it fit as it is?".
  const grow = memory.grow;
  memory.grow = function (delta) {
    if (instance.blockGrowth) throw GROWTH_BLOCKED;
    return grow.call(this, delta);
  };
  try {
    instance.heapBytes = withHeap(instance, ({ largest, malloc, free }) => {
      // The allocator takes memory for its heap in steps, as it needs it: take all of the initial
      // memory once, so that the heap is one block as large as it can be, the size isPristine()
      // checks for. That size is the same for every new instance: measured once per worker.
      const held = [];
      for (let size = 8 * 1024 * 1024; size >= PAGE; size /= 2) {
        for (let p = malloc(size); p; p = malloc(size)) held.push(p);
      }
      for (const p of held) free(p);
      return (emptyHeapBytes ??= largest());
    });
  } catch {
    // Not the build this expects (the allocator is reached through quickjs-emscripten internals):
    // the instance serves its session and is never reused.
    instance.heapBytes = 0;
  }
  instanceStats.created++;
  return instance;
}

/** What an empty heap of a new instance can allocate in one block (see newInstance). */
let emptyHeapBytes;
/** Thrown (without a stack trace to build) when the probes ask the memory to grow. */
const GROWTH_BLOCKED = Object.freeze({ blocked: true });

/** Still its initial size, and the heap one free block as large as when the instance was new. */
function isPristine(instance) {
  if (instance.memory.buffer.byteLength !== BASE_BYTES || instance.heapBytes <= 0) return false;
  try {
    return withHeap(instance, ({ malloc, free }) => {
      const p = malloc(instance.heapBytes);
      if (p) free(p);
      return p !== 0 && instance.memory.buffer.byteLength === BASE_BYTES;
    });
  } catch {
    return false;
  }
}

/** Runs `fn` with the instance's allocator while its memory may not grow. */
function withHeap(instance, fn) {
  /** @type {{ _malloc(n: number): number, _free(p: number): void }} */
  const em = /** @type {any} */ (instance.quickjs).module;
  const malloc = (n) => em._malloc(n);
  const free = (p) => em._free(p);
  const largest = () => {
    let lo = 0;
    let hi = instance.memory.buffer.byteLength;
    while (hi - lo > 16) {
      const mid = Math.floor((lo + hi) / 2);
      const p = malloc(mid);
      if (p) {
        free(p);
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  instance.blockGrowth = true;
  try {
    return fn({ largest, malloc, free });
  } finally {
    instance.blockGrowth = false;
  }
}
