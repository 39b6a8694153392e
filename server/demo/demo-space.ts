import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loadGraphTools, loadStandingWork } from '../db/queries/graph';
import { addScopedBuild } from '../db/queries/graph-scoped';
import { collections, domains, domainTools, tools } from '../db/schema';
import { graphJobInput } from '../stages/inputs';
import { buildGraph } from '../pipeline/graph/build';

/**
 * Load demo on a studio that already has domains of its own must not rebuild them: a build over
 * every tool would re-cluster the person's tools with the demo's, and could merge, split or retire
 * their domains. So the demo gets its own space: its tools are graphed on their own, with the
 * default settings, and added to the latest build beside the person's domains, which keep their
 * ids, names, tools, marks, environments and tasks. There are no edges between the two; the next
 * build a person starts weighs everything together (and asks before retiring curated work).
 */

/** How many domains of today hold a tool that is not the demo's (of none of these collections): the person's own work. */
export async function ownDomainCount(db: Db, demoCollectionIds: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${domains.id})::int` })
    .from(domains)
    .innerJoin(domainTools, and(eq(domainTools.domainId, domains.id), eq(domainTools.dropped, false)))
    .innerJoin(tools, eq(tools.id, domainTools.toolId))
    .where(and(isNull(domains.retiredAt), demoCollectionIds.length ? notInArray(tools.collectionId, demoCollectionIds) : undefined));
  return Number(row?.n ?? 0);
}

/** The collections an earlier Load demo imported (found by the demo's name). */
export async function demoCollectionIds(db: Db, name: string): Promise<string[]> {
  return (await db.select({ id: collections.id }).from(collections).where(eq(collections.name, name))).map((c) => c.id);
}

/** The domains holding tools of these collections (an earlier demo import, before it is replaced). */
export async function domainsOfCollections(db: Db, collectionIds: string[]): Promise<string[]> {
  if (collectionIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: domainTools.domainId })
    .from(domainTools)
    .innerJoin(tools, eq(tools.id, domainTools.toolId))
    .where(inArray(tools.collectionId, collectionIds));
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

/**
 * The demo collection's tools graphed on their own and added to the latest build. The domains an
 * earlier demo import filled (`earlier`) are weighed like a rebuild's previous domains, only those
 * that held nothing but demo tools; everything else is left alone. Null when there is no build to
 * add to (then the caller builds the whole graph: there are no domains to disturb).
 */
export async function graphDemoOnItsOwn(db: Db, demoCollectionId: string, earlier: string[]) {
  const demoTools = (await loadGraphTools(db)).filter((t) => t.collectionId === demoCollectionId);
  if (demoTools.length < 2) throw new Error(`the demo collection has ${demoTools.length} tools to graph`);
  const result = buildGraph(demoTools, graphJobInput.parse({ llmCheck: false }));
  const previous = earlier.length ? (await loadStandingWork(db, [])).filter((d) => earlier.includes(d.id) && d.toolIds.length === 0) : [];
  return addScopedBuild(db, { result, previous });
}
