// A fresh QuickJS WebAssembly instance per session, with its own capped linear memory.
//
// Why not one module per worker with QuickJS's runtime.setMemoryLimit? Under Emscripten, QuickJS
// cannot see block sizes (malloc_usable_size is 0), so its limit bounds each single allocation, not
// the total: a loop of 1 MB allocations grows the module to its 2 GB ceiling without an error
// (quickjs-emscripten issues #255, #271). The only hard bound is the WebAssembly.Memory maximum,
// and that is per instance. An instance per session also means a session that failed badly (a
// trap, an abort, a native stack overflow) takes nothing else down: dropping the instance frees
// all of it. Instantiating from an already compiled module costs about a millisecond.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';

const PAGE = 64 * 1024;
/** The release-sync build declares 256 pages (16 MB) of initial memory: static data, the C stack
 *  (stack-first, so an overflow traps instead of corrupting data) and the start of the heap. */
export const BASE_BYTES = 256 * PAGE;
/** The build's own ceiling (2 GB). */
const MAX_PAGES = 32768;
export const MAX_BYTES = MAX_PAGES * PAGE;

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
 * A new QuickJS module whose whole memory (QuickJS itself included) can never exceed `maxBytes`.
 * @param {number} maxBytes
 * @returns {Promise<import('quickjs-emscripten').QuickJSWASMModule>}
 */
export function newQuickJS(maxBytes) {
  const pages = Math.min(MAX_PAGES, Math.max(BASE_BYTES / PAGE, Math.ceil(maxBytes / PAGE)));
  const wasmMemory = new WebAssembly.Memory({ initial: BASE_BYTES / PAGE, maximum: pages });
  const wasmModule = compiledModule();
  return newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, wasmModule ? { wasmModule, wasmMemory } : { wasmMemory }));
}
