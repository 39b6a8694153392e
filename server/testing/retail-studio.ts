import fs from 'node:fs';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { runEnvgen } from '../stages/envgen';
import { runGraphBuild } from '../stages/graph/build';
import { graphJobInput } from '../stages/inputs';
import { importCollection } from '../stages/import';
import { createRunFor, runRollouts } from '../stages/rollout';
import { runSample } from '../stages/sample';
import type { Noise } from '../pipeline/rollout/model';
import { sharedData } from './shared-data';

const quiet = async () => {};

/**
 * The settings the retail fixtures build with: documents off, so retail comes out as its several
 * entity domains (orders, users, products) rather than one. The tests on top (exports, runs, the
 * editor, rebuilds) were written for several domains and pin them; what the defaults give is
 * measured in pipeline/graph/real-data.test.ts.
 */
export const RETAIL_GRAPH = graphJobInput.parse({ llmCheck: false, documents: false });

/** τ-bench retail imported and its graph built, without the LLM check. */
export async function retailGraph(db: Db, config: StudioConfig) {
  const file = sharedData('taubench', 'retail', 'tools.json');
  await importCollection(db, [{ file, bytes: fs.readFileSync(file) }], { duplicates: 'keep' });
  await runGraphBuild(db, config, RETAIL_GRAPH, quiet);
}

/** τ-bench retail imported, its graph built and a heuristic environment generated for every domain. */
export async function retailEnvironments(db: Db, config: StudioConfig) {
  await retailGraph(db, config);
  const env = await runEnvgen(db, config, { all: true, generator: 'heuristic', seed: 7 }, quiet);
  if (env.failures.length) throw new Error(`environments failed: ${JSON.stringify(env.failures)}`);
}

/** Retail's environments and `perDomain` template-intent tasks sampled on each, the same every time. */
export async function retailTasks(db: Db, config: StudioConfig, perDomain: number) {
  await retailEnvironments(db, config);
  await runSample(db, config, { all: true, settings: { n: perDomain, seed: 3, minCalls: 1, maxCalls: 4, rows: 20 }, intentWriter: 'template' }, quiet);
}

/**
 * Retail's environments, `perDomain` tasks sampled on each, and one offline run over them with the
 * noise asked for, on tasks a fixed noise seed picks: the same run on every database and every time.
 */
export async function retailRun(db: Db, config: StudioConfig, opts: { perDomain: number; noise?: Noise[]; noiseRate?: number }) {
  await retailTasks(db, config, opts.perDomain);
  const run = await createRunFor(db, config, { settings: { noise: opts.noise ?? [], noiseRate: opts.noiseRate ?? 1, noiseSeed: 1 } });
  await runRollouts(db, config, run.id, quiet);
  return run;
}
