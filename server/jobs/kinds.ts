import type { z } from 'zod';
import type { JobContext } from './context';
import { runSelfcheck, selfcheckInput } from './selfcheck';
import { demoJobInput, envgenInput, evaluateJobInput, exportJobInput, graphJobInput, importJobInput, rolloutJobInput, sampleJobInput } from '../stages/inputs';
import { plural } from '../../lib/text/plural';

/**
 * A kind of job: its title and input schema are here from the start; its run function loads the
 * stage's code (and through it most of the pipeline) with import() when a job of the kind runs,
 * so a process that only queues jobs or lists them (a CLI command, the web server before its
 * first job) does not pay for loading every stage.
 */
type JobKind<S extends z.ZodType> = {
  title: (input: z.infer<S>) => string;
  input: S;
  /** Loads the stage (the self-check is light and loaded with the registry) and runs it. */
  run: (input: z.infer<S>, ctx: JobContext) => Promise<unknown>;
};

const kind = <S extends z.ZodType>(k: JobKind<S>) => k;

/** Every kind of long work the studio runs; each later pipeline stage adds its own here. */
export const JOB_KINDS = {
  selfcheck: kind({
    title: (i) => `Self-check (${i.probes} latency probes)`,
    input: selfcheckInput,
    run: runSelfcheck,
  }),
  import: kind({
    title: (i) => `Import ${i.name ? `"${i.name}"` : i.uploadIds.length === 1 ? 'a file' : `${i.uploadIds.length} files`}`,
    input: importJobInput,
    run: async (i, ctx) => (await import('../stages/import')).importUploads(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m)),
  }),
  graph: kind({
    title: (i) => `Build the tool graph (τ ${i.threshold}, resolution ${i.resolution})`,
    input: graphJobInput,
    run: async (i, ctx) => (await import('../stages/graph/build')).runGraphBuild(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  envgen: kind({
    title: (i) => `Generate environments (${i.generator}) for ${i.all ? 'every domain' : plural(i.domainIds?.length ?? 0, 'domain')}`,
    input: envgenInput,
    run: async (i, ctx) => (await import('../stages/envgen')).runEnvgen(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  sample: kind({
    title: (i) => `Sample ${plural(i.settings.n, 'task')} per domain for ${i.all ? 'every domain' : plural(i.domainIds?.length ?? 0, 'domain')}`,
    input: sampleJobInput,
    run: async (i, ctx) => (await import('../stages/sample')).runSample(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  demo: kind({
    title: () => 'Load the demo: every stage offline',
    input: demoJobInput,
    run: async (_i, ctx) => (await import('../stages/demo')).runDemo(ctx.db, ctx.config, (p, m) => ctx.progress(p, m)),
  }),
  rollout: kind({
    title: (i) => `Roll out run ${i.runName ?? i.runId.slice(0, 8)}`,
    input: rolloutJobInput,
    run: async (i, ctx) => (await import('../stages/rollout')).runRollouts(ctx.db, ctx.config, i.runId, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  evaluate: kind({
    title: (i) => `Evaluate ${i.name ?? i.evaluationId.slice(0, 8)}`,
    input: evaluateJobInput,
    run: async (i, ctx) => (await import('../stages/evaluate')).runEvaluation(ctx.db, ctx.config, i.evaluationId, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  export: kind({
    title: (i) => `Export training data ${i.title ?? i.exportId.slice(0, 8)}`,
    input: exportJobInput,
    run: async (i, ctx) => (await import('../stages/export')).exportToChunks(ctx.db, i, (p, m) => ctx.progress(p, m)),
  }),
};

export type JobKindName = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKindName[];
