import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { loadStandingWork } from '../db/queries/graph';
import { needsConfirmation, planRebuild } from '../pipeline/graph/rebuild-plan';
import { domains as domainsTable, domainTools, tools as toolsTable } from '../db/schema';
import { runEnvgen } from './envgen';
import { runGraphBuild } from './graph/build';
import { graphJobInput } from './inputs';
import { importCollection } from './import';
import { createRunFor, runRollouts } from './rollout';
import { runSample } from './sample';
import type { Noise } from '../pipeline/rollout/model';
import { demoCollectionIds, domainsOfCollections, graphDemoOnItsOwn, ownDomainCount } from '../demo/demo-space';
import demoTools from '../demo/demo-tools.json';

/**
 * The demo collection: 51 tools (an OpenAI tool list) over shop orders, flights, calendar, support
 * tickets and banking. Imported as a module, not read from disk, so it is found wherever the code
 * runs (tsx, vitest, a bundle); the bytes are the file's own (2-space JSON and a newline).
 */
export const DEMO_TOOLS_FILE = 'demo-tools.json';
export const demoToolsBytes = () => new TextEncoder().encode(`${JSON.stringify(demoTools, null, 2)}\n`);
export const DEMO_COLLECTION_NAME = 'Demo: everyday APIs';

/** Noise the offline oracle agent makes on a share of the tasks, so the review has rejects and recoveries. */
export const DEMO_NOISE: Noise[] = ['wrong_argument', 'malformed_call', 'tool_error'];
/** Half the demo's trajectories get one mistake each: rejects for the review, and recovered ones. */
export const DEMO_NOISE_RATE = 0.5;
export const DEMO_TASKS_PER_DOMAIN = 10;

export type DemoProgress = (percent: number, message: string) => Promise<void> | void;

/**
 * The rollout's noise. By default half the tasks get one of the three switches each: wrong
 * arguments and malformed calls are rejected, tool errors are recovered from (and pass), so the
 * review queue holds all three kinds.
 */
export type DemoOptions = { noise?: Noise[]; noiseRate?: number; tasksPerDomain?: number };

export type DemoDomain = { id: string; name: string; tools: number; validTools: number; tasks: number; environmentVersion: number | null };

export type DemoResult = {
  collection: { id: string; name: string; replaced: string | null };
  /**
   * `own`: the studio had domains of its own, so the demo's tools were graphed on their own beside
   * them (`ownDomains` of them, untouched); `studio`: the graph was built over every tool.
   */
  space: 'own' | 'studio';
  ownDomains: number;
  /** Tools imported from the demo file. */
  tools: number;
  /** The domains holding the demo's tools, after the graph build. */
  domains: DemoDomain[];
  /** Environment versions generated (one per demo domain that generated). */
  environments: number;
  /** Tools passing validation, over every demo environment. */
  validTools: number;
  /** Tasks sampled and stored by this demo run. */
  tasks: number;
  run: { id: string; name: string };
  trajectories: number;
  passed: number;
  /** Trajectories that failed verification (a reviewer's verdict is "rejected"; this is not one). */
  failed: number;
  /** Trajectories where the agent recovered from its own error (tagged `recovered`); passed or not. */
  recovered: number;
  /** Per-domain failures of envgen or sampling (none expected). */
  failures: Array<{ stage: 'envgen' | 'sample'; domain: string; error: string }>;
};

/** Stages and the share of the overall progress each takes. */
const STAGES = [
  ['import', 0, 5],
  ['graph', 5, 15],
  ['envgen', 15, 40],
  ['sample', 40, 65],
  ['rollout', 65, 100],
] as const;

/**
 * Every stage of the studio on the demo collection, offline and in-process, through the same
 * stage functions the jobs run: import (replacing an earlier import of the demo), graph (lexical, no LLM
 * check), heuristic environments, template tasks, and offline rollouts with noise on part of them.
 * Environments, tasks and the run cover only the domains that hold the demo's tools. On a studio
 * with domains of its own the graph covers the demo's tools only and leaves those domains alone
 * (see demo-space.ts).
 */
export async function runDemo(db: Db, config: StudioConfig, progress: DemoProgress = () => {}, opts: DemoOptions = {}): Promise<DemoResult> {
  const stage = (name: (typeof STAGES)[number][0]) => {
    const [, from, to] = STAGES.find((s) => s[0] === name)!;
    return async (p: number, m: string) => {
      await progress(from + ((to - from) * Math.max(0, Math.min(100, p))) / 100, `${name}: ${m}`);
    };
  };

  const input = [{ file: DEMO_TOOLS_FILE, bytes: demoToolsBytes() }];
  const importProgress = stage('import');
  let imported = await importCollection(db, input, { name: DEMO_COLLECTION_NAME, duplicates: 'ask', onProgress: (f, m) => importProgress(f * 100, m) });
  let earlier: string[] = [];
  if (imported.status === 'duplicate') {
    earlier = await domainsOfCollections(
      db,
      imported.existing.map((e) => e.id),
    );
    await importProgress(10, `Replacing the earlier demo import (${imported.existing.map((e) => e.name).join(', ')})`);
    imported = await importCollection(db, input, { name: DEMO_COLLECTION_NAME, duplicates: 'replace', onProgress: (f, m) => importProgress(f * 100, m) });
  }
  if (imported.status !== 'imported') throw new Error('the demo collection could not be imported');
  const collection = imported.collection;

  const graphProgress = stage('graph');
  const ownDomains = await ownDomainCount(db, [collection.id]);
  let space: DemoResult['space'] = 'studio';
  if (ownDomains > 0) {
    await graphProgress(10, `Graphing the demo's tools on their own, beside your ${ownDomains === 1 ? 'domain' : `${ownDomains} domains`}`);
    if (await graphDemoOnItsOwn(db, collection.id, earlier)) space = 'own';
  }
  if (space === 'studio') await runGraphBuild(db, config, graphJobInput.parse({ llmCheck: false }), graphProgress);
  const domainIds = await demoDomainIds(db, collection.id);
  if (domainIds.length === 0) throw new Error('the graph put none of the demo tools in a domain');

  const failures: DemoResult['failures'] = [];
  const env = await runEnvgen(db, config, { domainIds, all: false, generator: 'heuristic', seed: 7 }, stage('envgen'));
  failures.push(...env.failures.map((f) => ({ stage: 'envgen' as const, ...f })));

  const sampled = await runSample(
    db,
    config,
    {
      domainIds,
      all: false,
      settings: { n: opts.tasksPerDomain ?? DEMO_TASKS_PER_DOMAIN, seed: 1, minCalls: 1, maxCalls: 5, rows: 20 },
      intentWriter: 'template',
    },
    stage('sample'),
  );
  failures.push(...sampled.failures.map((f) => ({ stage: 'sample' as const, ...f })));
  if (sampled.tasks.length === 0)
    throw new Error(`no tasks were sampled on the demo domains${failures.length ? `: ${failures.map((f) => f.error).join('; ')}` : ''}`);

  const run = await createRunFor(db, config, {
    name: 'Demo: offline oracle with noise',
    taskIds: sampled.tasks.map((t) => t.id),
    settings: { noise: opts.noise ?? DEMO_NOISE, noiseRate: opts.noiseRate ?? DEMO_NOISE_RATE, noiseEach: 'one', noiseSeed: 1 },
  });
  const rolled = await runRollouts(db, config, run.id, stage('rollout'));
  await progress(100, 'Demo finished');

  const names = await domainNames(db, domainIds);
  const envByDomain = new Map(env.environments.map((e) => [e.domain, e]));
  const tasksByDomain = new Map(sampled.domains.map((d) => [d.domain, d.stored]));
  const domains: DemoDomain[] = domainIds.map((id) => {
    const e = envByDomain.get(id);
    return {
      id,
      name: names.get(id) ?? id,
      tools: e?.tools ?? 0,
      validTools: e?.passed ?? 0,
      tasks: tasksByDomain.get(id) ?? 0,
      environmentVersion: e?.version ?? null,
    };
  });
  domains.sort((a, b) => a.name.localeCompare(b.name));

  return {
    collection: { id: collection.id, name: collection.name, replaced: imported.replaced },
    space,
    ownDomains,
    tools: collection.tools,
    domains,
    environments: env.environments.length,
    validTools: env.environments.reduce((n, e) => n + e.passed, 0),
    tasks: sampled.tasks.length,
    run: { id: run.id, name: run.name },
    trajectories: rolled.trajectories,
    passed: rolled.counts.passed,
    failed: rolled.trajectories - rolled.counts.passed,
    recovered: rolled.counts.recovered,
    failures,
  };
}

/**
 * Before Load demo: how many domains of the studio's own it leaves alone (the demo then goes into
 * its own space), and what happens to the domains an earlier demo import filled. That import is
 * replaced by one with new tool ids, so none of them is found again: planned as a rebuild that
 * proposes nothing they held, and Load demo asks first when they carry curated work.
 */
export async function demoSpaceBefore(db: Db) {
  const demos = await demoCollectionIds(db, DEMO_COLLECTION_NAME);
  const earlier = new Set(await domainsOfCollections(db, demos));
  const previous = earlier.size ? (await loadStandingWork(db, [])).filter((d) => earlier.has(d.id)) : [];
  const plan = previous.length ? planRebuild(previous, []) : null;
  return { ownDomains: await ownDomainCount(db, demos), plan, confirm: plan ? needsConfirmation(plan) : false };
}

/** The domains that hold at least one (not dropped) tool of the collection. */
async function demoDomainIds(db: Db, collectionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: domainTools.domainId })
    .from(domainTools)
    .innerJoin(toolsTable, eq(toolsTable.id, domainTools.toolId))
    .where(and(eq(toolsTable.collectionId, collectionId), isNotNull(domainTools.domainId), eq(domainTools.dropped, false)));
  return rows.map((r) => r.id!).sort();
}

async function domainNames(db: Db, ids: string[]) {
  const rows = await db.select({ id: domainsTable.id, name: domainsTable.name }).from(domainsTable).where(inArray(domainsTable.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
