import { z } from 'zod';
import { NOISES, policySpec } from './model';

/** How a run rolls out its tasks: the policies of both roles, the oracle's noise, and the limits. */
export const runSettings = z.object({
  user: policySpec.default({ kind: 'offline' }),
  agent: policySpec.default({ kind: 'offline' }),
  /** Noise switches of the offline oracle agent (ignored by an LLM agent). */
  noise: z.array(z.enum(NOISES)).max(NOISES.length).default([]),
  /** Share of the run's trajectories that get the noise, chosen by task (0–1; 1 = all). Most stay clean, as training data should. */
  noiseRate: z.number().min(0).max(1).default(0.3),
  /** A noisy trajectory gets one of the switches (drawn by task among those the task has a place for), or every one at once. */
  noiseEach: z.enum(['all', 'one']).default('one'),
  /**
   * Picks the noisy tasks (and their switch): the same seed picks the same ones in every run, so an
   * offline run can be repeated exactly. Without one, each run picks its own.
   */
  noiseSeed: z.number().int().min(0).optional(),
  /**
   * User and assistant messages before a rollout stops as max_turns. A step of a τ-bench style
   * conversation takes up to seven (the request, a question, the details, a confirmation, the
   * yes, the call, the answer): 60 leaves a five-write task room for a mistake and its recovery.
   */
  maxTurns: z.number().int().min(2).max(200).default(60),
  /** Rollouts in flight at once. */
  concurrency: z.number().int().min(1).max(256).default(8),
});
export type RunSettings = z.infer<typeof runSettings>;
