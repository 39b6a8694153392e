import { z } from 'zod';
import { evaluationScope, evaluationSettings } from '../pipeline/evaluate/settings';
import { exportSelection } from '../pipeline/export/manifest';
import { graphParams } from '../pipeline/graph/model';
import { runSettings } from '../pipeline/rollout/settings';
import { INTENT_WRITERS, sampleSettings } from '../pipeline/tasks/model';

/**
 * What each stage takes: the job inputs the registry (server/jobs/kinds.ts) checks before a job is
 * queued, and the launch inputs routers and the CLI check. They live apart from the stages'
 * code so the registry, the routers and the browser's types get them without loading the
 * pipeline: this module imports only zod and the pipeline's model and settings schemas.
 */

export const DUPLICATE_POLICIES = ['ask', 'replace', 'keep'] as const;

export const importJobInput = z.object({
  uploadIds: z.array(z.uuid()).min(1).max(20_000),
  name: z.string().trim().max(200).optional(),
  duplicates: z.enum(DUPLICATE_POLICIES).default('ask'),
});
export type ImportJobInput = z.infer<typeof importJobInput>;

export const graphJobInput = graphParams.extend({
  /** Ask the configured model to confirm each edge inside a domain (skipped offline). */
  llmCheck: z.boolean().default(true),
  /**
   * Collections whose tools form one locked domain each instead of being clustered; remembered
   * for later builds. Absent: the ones remembered from the last choice.
   */
  keepWhole: z.array(z.string().trim().min(1).max(100)).max(10_000).optional(),
});
export type GraphJobInput = z.infer<typeof graphJobInput>;

export const envgenInput = z
  .object({
    domainIds: z.array(z.uuid()).max(100_000).optional(),
    all: z.boolean().default(false),
    generator: z.enum(['heuristic', 'llm']).default('heuristic'),
    seed: z.number().int().min(0).default(7),
    /** Ground the version in this stored database (one domain only); else in the data the domain's latest version used, if any. */
    dataId: z.uuid().optional(),
  })
  .refine((i) => i.all || (i.domainIds && i.domainIds.length > 0), 'name domains (domainIds) or set all')
  .refine((i) => !i.dataId || (!i.all && i.domainIds?.length === 1), 'a database (dataId) grounds one domain: name exactly one');
export type EnvgenInput = z.infer<typeof envgenInput>;

export const sampleJobInput = z
  .object({
    domainIds: z.array(z.uuid()).max(100_000).optional(),
    all: z.boolean().default(false),
    settings: sampleSettings.prefault({}),
    intentWriter: z.enum(INTENT_WRITERS).default('template'),
  })
  .refine((i) => i.all || (i.domainIds && i.domainIds.length > 0), 'name domains (domainIds) or set all');
export type SampleJobInput = z.infer<typeof sampleJobInput>;

export const rolloutJobInput = z.object({ runId: z.uuid(), runName: z.string().optional() });
export type RolloutJobInput = z.infer<typeof rolloutJobInput>;

export const launchRunInput = z.object({
  name: z.string().trim().max(200).optional(),
  /** Exactly these tasks; else the newest `perDomain` tasks of `domainIds` (every domain when empty). */
  taskIds: z.array(z.uuid()).max(100_000).optional(),
  domainIds: z.array(z.uuid()).max(100_000).optional(),
  perDomain: z.number().int().min(1).max(100_000).optional(),
  settings: runSettings.prefault({}),
});
export type LaunchRunInput = z.input<typeof launchRunInput>;

export const exportJobInput = z.object({ exportId: z.uuid(), /** For the job's title: "phase 1, openai". */ title: z.string().max(200).optional() });
export type ExportJobInput = z.infer<typeof exportJobInput>;

export const exportFileInput = exportSelection.extend({ out: z.string().min(1) });
export type ExportFileInput = z.input<typeof exportFileInput>;

export const demoJobInput = z.object({});

/** Holds out a share of each domain's tasks for evaluation (the rest go back to training), drawn by a seeded hash of each task. */
export const holdOutInput = z.object({
  domainIds: z.array(z.uuid()).max(100_000).default([]),
  fraction: z.number().min(0).max(1),
  seed: z.number().int().min(0).default(0),
});
export type HoldOutInput = z.input<typeof holdOutInput>;

export const launchEvaluationInput = z.object({
  name: z.string().trim().max(200).optional(),
  settings: evaluationSettings.prefault({}),
  scope: evaluationScope.prefault({}),
});
export type LaunchEvaluationInput = z.input<typeof launchEvaluationInput>;

export const evaluateJobInput = z.object({ evaluationId: z.uuid(), name: z.string().optional() });
export type EvaluateJobInput = z.infer<typeof evaluateJobInput>;
