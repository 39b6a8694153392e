import type { Db } from '../../db/client';
import { loadStandingWork } from '../../db/queries/graph';
import { lockedForBuild } from './keep-whole';
import { isCurated, needsConfirmation, planRebuild, type RebuildPlan } from '../../pipeline/graph/rebuild-plan';
import { currentTools, threadKey } from './preview';
import { domainsOffThread } from './preview-thread';
import type { GraphJobInput } from '../inputs';

export type DryRun = {
  /** The plan, or null when no domain carries curated work (then nothing can be lost and the build is not run twice). */
  plan: RebuildPlan | null;
  /** True when the build would move curated work to "from a previous build" (or might, when not known beforehand). */
  confirm: boolean;
  seconds: number;
};

/**
 * What a build with these settings would do to today's domains, without saving anything: the same
 * inputs and the same planRebuild the saving uses, so what the form shows is what the build does.
 * The domains are computed only when some domain carries curated work; with embeddings they
 * cannot be known without calling the endpoint, so the plan then names what may be retired.
 */
export async function dryRunGraphBuild(db: Db, input: GraphJobInput): Promise<DryRun> {
  const t0 = performance.now();
  const done = (plan: RebuildPlan | null): DryRun => ({
    plan,
    confirm: plan ? needsConfirmation(plan) : false,
    seconds: Math.round(performance.now() - t0) / 1000,
  });
  const { key, tools } = await currentTools(db);
  // The build itself says why it cannot run.
  if (tools.length < 2) return done(null);
  const { locked, whole } = await lockedForBuild(db, tools, input.keepWhole);
  const previous = await loadStandingWork(db, whole.released);
  if (!previous.some(isCurated)) return done(null);
  if (input.vectors === 'embeddings') return done(planRebuild(previous, null));
  // The whole build runs on the preview thread: seconds at 30,000 tools the server would not answer.
  const domains = await domainsOffThread(threadKey(key, input), async () => tools, input, locked);
  return done(
    planRebuild(
      previous,
      domains.filter((d) => !d.locked),
    ),
  );
}
