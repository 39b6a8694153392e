import type { z } from 'zod';
import type { JobContext } from './context';
import { runSelfcheck, selfcheckInput } from './selfcheck';
import { runDemo } from '../stages/demo';
import { runEnvgen } from '../stages/envgen';
import { exportToChunks } from '../stages/export';
import { runGraphBuild } from '../stages/graph';
import { importUploads } from '../stages/import';
import { demoJobInput, envgenInput, exportJobInput, graphJobInput, importJobInput, rolloutJobInput, sampleJobInput } from '../stages/inputs';
import { runRollouts } from '../stages/rollout';
import { runSample } from '../stages/sample';
import { plural } from '../../lib/text/plural';

type JobKind<S extends z.ZodType> = {
  title: (input: z.infer<S>) => string;
  input: S;
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
    run: (i, ctx) => importUploads(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m)),
  }),
  graph: kind({
    title: (i) => `Build the tool graph (τ ${i.threshold}, resolution ${i.resolution})`,
    input: graphJobInput,
    run: (i, ctx) => runGraphBuild(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  envgen: kind({
    title: (i) => `Generate environments (${i.generator}) for ${i.all ? 'every domain' : plural(i.domainIds?.length ?? 0, 'domain')}`,
    input: envgenInput,
    run: (i, ctx) => runEnvgen(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  sample: kind({
    title: (i) => `Sample ${plural(i.settings.n, 'task')} per domain for ${i.all ? 'every domain' : plural(i.domainIds?.length ?? 0, 'domain')}`,
    input: sampleJobInput,
    run: (i, ctx) => runSample(ctx.db, ctx.config, i, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  demo: kind({
    title: () => 'Load the demo: every stage offline',
    input: demoJobInput,
    run: (_i, ctx) => runDemo(ctx.db, ctx.config, (p, m) => ctx.progress(p, m)),
  }),
  rollout: kind({
    title: (i) => `Roll out run ${i.runName ?? i.runId.slice(0, 8)}`,
    input: rolloutJobInput,
    run: (i, ctx) => runRollouts(ctx.db, ctx.config, i.runId, (p, m) => ctx.progress(p, m), ctx.signal),
  }),
  export: kind({
    title: (i) => `Export training data ${i.title ?? i.exportId.slice(0, 8)}`,
    input: exportJobInput,
    run: (i, ctx) => exportToChunks(ctx.db, i, (p, m) => ctx.progress(p, m)),
  }),
};

export type JobKindName = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKindName[];
