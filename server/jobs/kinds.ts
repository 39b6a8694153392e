import type { z } from 'zod';
import type { JobContext } from './context';
import { demoJobInput, runDemoJob } from './handlers/demo';
import { envgenInput, runEnvgenJob } from './handlers/envgen';
import { exportJobInput, runExportJob } from './handlers/export';
import { graphJobInput, runGraphJob } from './handlers/graph';
import { importJobInput, runImportJob } from './handlers/import';
import { rolloutJobInput, runRolloutJob } from './handlers/rollout';
import { runSampleJob, sampleJobInput } from './handlers/sample';
import { runSelfcheck, selfcheckInput } from './handlers/selfcheck';
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
    run: runImportJob,
  }),
  graph: kind({
    title: (i) => `Build the tool graph (τ ${i.threshold}, resolution ${i.resolution})`,
    input: graphJobInput,
    run: runGraphJob,
  }),
  envgen: kind({
    title: (i) => `Generate environments (${i.generator}) for ${i.all ? 'every domain' : plural(i.domainIds?.length ?? 0, 'domain')}`,
    input: envgenInput,
    run: runEnvgenJob,
  }),
  sample: kind({
    title: (i) => `Sample ${plural(i.settings.n, 'task')} per domain for ${i.all ? 'every domain' : plural(i.domainIds?.length ?? 0, 'domain')}`,
    input: sampleJobInput,
    run: runSampleJob,
  }),
  demo: kind({
    title: () => 'Load the demo: every stage offline',
    input: demoJobInput,
    run: runDemoJob,
  }),
  rollout: kind({
    title: (i) => `Roll out run ${i.runName ?? i.runId.slice(0, 8)}`,
    input: rolloutJobInput,
    run: runRolloutJob,
  }),
  export: kind({
    title: (i) => `Export training data ${i.title ?? i.exportId.slice(0, 8)}`,
    input: exportJobInput,
    run: runExportJob,
  }),
};

export type JobKindName = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKindName[];
