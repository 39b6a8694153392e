import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { planRebuild, type RebuildPlan, type StandingWork } from '../../pipeline/graph/rebuild-plan';
import type { GraphResult } from '../../pipeline/graph/model';
import type { Db } from '../client';
import { rowsOf } from '../rows';
import { domains, domainTools, graphBuilds } from '../schema';
import { appendEdgeSet } from './edge-set';
import { latestBuild, type GraphBuildRow } from './graph';

const MEMBER_BATCH = 2000;

/**
 * Adds a graph built over some tools only (`result`, e.g. the demo collection's) to the latest
 * build, leaving every other domain, tool and edge as it is: its edges join the build's, its
 * domains are made (or continue `previous`, the domains that held these tools before, as
 * planRebuild says; the others of `previous` are retired). The build's stats are counted again
 * over everything. Null when there is no build to add to.
 */
export async function addScopedBuild(
  db: Db,
  opts: { result: GraphResult; previous: StandingWork[] },
): Promise<{ build: GraphBuildRow; plan: RebuildPlan } | null> {
  const latest = await latestBuild(db);
  if (!latest) return null;
  const { result, previous } = opts;
  return db.transaction(async (tx) => {
    const buildId = latest.id;
    const edgeCount = await appendEdgeSet(tx, buildId, result.edges);
    const fresh = result.domains.filter((d) => !d.locked);
    const plan = planRebuild(previous, fresh);
    const renamed = new Set(previous.filter((d) => d.renamed).map((d) => d.id));
    const members: Array<{ toolId: string; domainId: string | null }> = result.unassigned.map((toolId) => ({ toolId, domainId: null }));
    for (const [k, d] of fresh.entries()) {
      const match = plan.matches[k];
      let id = match;
      if (match)
        await tx
          .update(domains)
          .set({ buildId, ...(renamed.has(match) ? {} : { name: d.name }) })
          .where(eq(domains.id, match));
      else id = (await tx.insert(domains).values({ name: d.name, buildId }).returning({ id: domains.id }))[0]!.id;
      members.push(...d.toolIds.map((toolId) => ({ toolId, domainId: id! })));
    }
    const retired = plan.retired.map((d) => d.id);
    if (retired.length) {
      await tx.update(domainTools).set({ domainId: null }).where(inArray(domainTools.domainId, retired));
      await tx
        .update(domains)
        .set({ retiredAt: sql`now()` })
        .where(and(inArray(domains.id, retired), isNull(domains.retiredAt)));
    }
    for (let i = 0; i < members.length; i += MEMBER_BATCH) {
      await tx
        .insert(domainTools)
        .values(members.slice(i, i + MEMBER_BATCH))
        .onConflictDoUpdate({ target: domainTools.toolId, set: { domainId: sql`excluded.domain_id` } });
    }
    const [stats] = rowsOf<{ tools: number; domains: number; unassigned: number; sizes: number[] | null }>(
      await tx.execute(sql`
        with sizes as (
          select count(*)::int as n from domain_tools dt join domains d on d.id = dt.domain_id
          where not dt.dropped and d.retired_at is null group by d.id)
        select (select count(*)::int from tools t left join domain_tools dt on dt.tool_id = t.id where coalesce(dt.dropped, false) = false) as tools,
               (select count(*)::int from sizes) as domains,
               (select count(*)::int from tools t left join domain_tools dt on dt.tool_id = t.id where coalesce(dt.dropped, false) = false and dt.domain_id is null) as unassigned,
               (select array_agg(n order by n) from sizes) as sizes`),
    );
    const sizes = (stats?.sizes ?? []).map(Number);
    const counted = {
      ...latest.stats,
      tools: Number(stats?.tools ?? 0),
      edges: edgeCount,
      domains: Number(stats?.domains ?? 0),
      unassigned: Number(stats?.unassigned ?? 0),
      largest: sizes.at(-1) ?? 0,
      median: sizes.length ? sizes[Math.floor(sizes.length / 2)]! : 0,
    };
    const [build] = await tx.update(graphBuilds).set({ stats: counted }).where(eq(graphBuilds.id, buildId)).returning();
    return { build: build!, plan };
  });
}
