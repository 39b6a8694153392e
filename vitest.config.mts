import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    maxWorkers: 2,
    // --no-wasm-code-gc: Node 24's V8 can free a PGlite (WebAssembly) import wrapper twice when Wasm code GC races a
    // tier-up, aborting the test process ("Check failed: jit_page_->allocations_.erase(addr) == 1",
    // nodejs/node#66366; it killed a CI run). Test processes are short-lived: keep dead Wasm code.
    execArgv: ['--no-wasm-code-gc'],
    projects: [
      {
        extends: true,
        // Quiet, most unit tests take milliseconds; a loaded 2-core CI machine can stretch the sandbox ones many times.
        test: {
          name: 'unit',
          testTimeout: 60_000,
          include: ['server/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        // Each integration file opens real databases (PGlite, and Postgres when TEST_DATABASE_URL is set);
        // limits sized for a loaded 2-core CI machine, where a PGlite test can take three times its quiet time.
        // The CLI and worker entry points are bundled once per run for the processes the tests start.
        // --liftoff-only: Node 24 spends about two seconds of CPU at the exit of every process that
        // opened PGlite, waiting on optimising compiles of its WebAssembly (measured: a `cli domains`
        // took 5.8 s and 940 MB, 2.9 s and 360 MB with Liftoff only; ToolBench's import 14 s → 9 s).
        // Integration files and the CLI processes they start are short-lived, so the baseline
        // compiler alone is faster there. Unit tests open no database, and the sandbox's QuickJS
        // (WebAssembly too) runs about 10% faster optimised: they keep the default.
        test: {
          name: 'integration',
          execArgv: ['--liftoff-only', '--no-wasm-code-gc'],
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          globalSetup: ['server/testing/prebuilt-entries.ts'],
        },
      },
    ],
  },
});
