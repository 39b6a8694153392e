import { z } from 'zod';
import { runSettings } from '../rollout/settings';

/** Which check failed a trial: the rollout's ending, or the first filter that rejected it. */
export const FAILURE_KINDS = ['rollout', 'validity', 'state', 'exact'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** Trials per task at most: pass^k is reported for k = 1..K. */
export const MAX_K = 32;

/**
 * How an evaluation runs: a run's settings (agent, user, the offline oracle's noise, limits) and
 * k trials per task. Each trial of a task draws its own noise (the rate is per trial), so the
 * offline oracle's trials are independent the way an LLM's sampled trials are.
 */
export const evaluationSettings = runSettings.extend({
  k: z.number().int().min(1).max(MAX_K).default(4),
});
export type EvaluationSettings = z.infer<typeof evaluationSettings>;

/**
 * Which tasks: the held-out split, or every task ('all'), or 'auto' (held-out when the chosen
 * domains have any, else every task); of the named domains (every current one when none), the
 * newest `perDomain` of each when set.
 */
export const EVALUATION_SPLITS = ['heldout', 'all', 'auto'] as const;
export const evaluationScope = z.object({
  split: z.enum(EVALUATION_SPLITS).default('auto'),
  domainIds: z.array(z.uuid()).max(100_000).default([]),
  perDomain: z.number().int().min(1).max(100_000).optional(),
});
export type EvaluationScope = z.infer<typeof evaluationScope>;
