/** Limits on one tool call. */
export type SandboxLimits = {
  /** Wall time of one call, ms (default 1000). */
  timeMs: number;
  /** QuickJS heap, bytes (default 64 MB). */
  memoryBytes: number;
  /** Size of the JSON of the result, bytes (default 1 MB). */
  outputBytes: number;
};

export const DEFAULT_LIMITS: SandboxLimits = { timeMs: 1000, memoryBytes: 64 * 1024 * 1024, outputBytes: 1024 * 1024 };

export type SandboxErrorKind = 'tool' | 'syntax' | 'timeout' | 'memory' | 'stack' | 'output' | 'internal';

export type CallOutcome = { ok: true; result: unknown; ms: number } | { ok: false; error: { kind: SandboxErrorKind; message: string }; ms: number };

/**
 * Determinism: every session gets a seeded Math.random and a fixed clock (Date.now() and new Date()
 * give `now` and do not advance), so the same code, args and state always give the same outcome.
 */
export type SessionOptions = { seed?: number; now?: string; limits?: Partial<SandboxLimits> };

/** Session defaults: the seed of Math.random and the instant the clock stands at. */
export const DEFAULT_SEED = 42;
export const DEFAULT_NOW = '2025-01-01T00:00:00Z';

/** A row that differs from a session's starting state: no `before` when it was added, no `after`
 *  when it was removed. */
export type StateChange = { table: string; key: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
