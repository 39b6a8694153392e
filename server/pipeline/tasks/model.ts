import { z } from 'zod';
import type { State } from '../kernel/state';

/**
 * A task is a gold run through one environment version: a seeded initial state, the calls a
 * perfect agent makes (found by a random walk on the domain's directed graph, each really executed
 * in the sandbox), the state they leave, and the user's intent in words. Everything a rollout and
 * its verification need, so a trajectory can always be reproduced and explained.
 */

export const goldCall = z.object({
  toolId: z.string(),
  /** The tool's function name, as the agent sees it. */
  name: z.string(),
  op: z.enum(['read', 'write']),
  arguments: z.record(z.string(), z.unknown()),
  /** What the tool returned on the gold run. */
  result: z.unknown(),
  /**
   * Arguments whose values the agent takes from an earlier call's result (the user id a search
   * returned), so the user's intent does not name them. Absent: the user knows every value.
   */
  derived: z.array(z.string()).optional(),
  /**
   * Arguments naming a row that does not exist, which this tool refused (an API error, state
   * untouched) at this point of the gold run. Set on at most one call; the oracle's tool_error
   * noise sends them before the right call.
   */
  refusal: z.record(z.string(), z.unknown()).optional(),
});
export type GoldCall = z.infer<typeof goldCall>;

/** A directed edge of the domain graph between two tools (by tool id); `both` may be walked either way. */
export type WalkEdge = { source: string; target: string; direction: 'forward' | 'both' };

export const INTENT_WRITERS = ['template', 'llm'] as const;
export type IntentWriter = (typeof INTENT_WRITERS)[number];

/** 'heldout': kept apart for evaluation, never trained on; every task starts in 'train'. */
export const TASK_SPLITS = ['train', 'heldout'] as const;
export type TaskSplit = (typeof TASK_SPLITS)[number];

export const sampleSettings = z
  .object({
    /** Tasks wanted per domain. */
    n: z.number().int().min(1).max(1000).default(20),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    /** Walk length bounds, in calls. A walk stops early where no edge leads on. */
    minCalls: z.number().int().min(1).max(20).default(1),
    maxCalls: z.number().int().min(1).max(20).default(5),
    /** Rows per table of the seeded initial state. */
    rows: z.number().int().min(1).max(500).default(20),
  })
  .refine((s) => s.minCalls <= s.maxCalls, { message: 'minCalls must not exceed maxCalls', path: ['minCalls'] });
export type SampleSettings = z.infer<typeof sampleSettings>;

export type Task = {
  /** Seed of the initial state, the walk, and the sandbox session (Math.random) of gold and rollout runs. */
  seed: number;
  initialState: State;
  calls: GoldCall[];
  finalState: State;
  /** No call writes: the state cannot tell right from wrong, so exact match decides. */
  readOnly: boolean;
  intent: string;
  intentWriter: IntentWriter;
  /** sha256 of the canonical initial state and calls (names and arguments): equal tasks, equal prints. */
  fingerprint: string;
};
