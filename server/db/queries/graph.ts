import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { StandingDomain, WholeDomain } from '../../pipeline/graph/keep-whole';
import { planRebuild, type RebuildPlan, type StandingWork } from '../../pipeline/graph/rebuild-plan';
import type { GraphEdge, GraphResult, GraphTool } from '../../pipeline/graph/model';
import type { Db } from '../client';
import { edgeAt, edgeReasons, edgesWithin, loadEdgeSet, replaceEdgeSet } from './edge-set';
import { collections, domainChanges, domains, domainTools, environmentVersions, graphBuilds, tasks, tools, trajectories } from '../schema';

export type GraphBuildRow = typeof graphBuilds.$inferSelect;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const MEMBER_BATCH = 2000;
const MEMBER_CHUNK = 50_000;

/** Tools per query when loading them all: each query is short, so a server keeps answering between them. */
const TOOL_PAGE = 1000;

/**
 * Every tool the graph is built over: all imported tools except those a person dropped, in the
 * order they were read (not by their random ids: the same files give the same domains). Loaded a
 * page at a time after their ids, since on PGlite a query holds the server's only thread: 30,000
 * tools in one query kept health checks waiting 200 ms.
 */
export async function loadGraphTools(db: Db): Promise<Array<GraphTool & { collectionId: string }>> {
  const order = await db
    .select({ id: tools.id })
    .from(tools)
    .leftJoin(domainTools, eq(domainTools.toolId, tools.id))
    .where(sql`coalesce(${domainTools.dropped}, false) = false`)
    .orderBy(tools.createdAt, sql`${tools.source}->>'file'`, tools.name, tools.id);
  const loaded = new Map<string, GraphTool & { collectionId: string }>();
  for (let i = 0; i < order.length; i += TOOL_PAGE) {
    const rows = await db
      .select({
        id: tools.id,
        name: tools.name,
        description: tools.description,
        op: tools.op,
        parameters: tools.parameters,
        returns: tools.returns,
        collectionId: tools.collectionId,
        // The file of its collection the tool was read from: one document, one API (documents.ts).
        origin: sql<string>`${tools.collectionId}::text || '/' || coalesce(${tools.source}->>'file', '')`,
      })
      .from(tools)
      .where(
        inArray(
          tools.id,
          order.slice(i, i + TOOL_PAGE).map((r) => r.id),
        ),
      );
    for (const r of rows) loaded.set(r.id, r as GraphTool & { collectionId: string });
  }
  // A tool deleted between the two reads is left out.
  return order.flatMap((r) => loaded.get(r.id) ?? []);
}

/**
 * A cheap signature of the tools loadGraphTools would load (their ids, dropped ones left out): the
 * same signature, the same tools, since a tool's content never changes under its id.
 */
export async function graphToolsSignature(db: Db): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, h: sql<string | null>`md5(string_agg(${tools.id}::text, ',' order by ${tools.id}))` })
    .from(tools)
    .leftJoin(domainTools, eq(domainTools.toolId, tools.id))
    .where(sql`coalesce(${domainTools.dropped}, false) = false`);
  return `${row?.n ?? 0}:${row?.h ?? ''}`;
}

/** Locked domains with their tools: a rebuild keeps them as they are. */
export async function loadLockedDomains(db: Db) {
  const rows = await db
    .select({ id: domains.id, name: domains.name, toolId: domainTools.toolId })
    .from(domains)
    .leftJoin(domainTools, and(eq(domainTools.domainId, domains.id), eq(domainTools.dropped, false)))
    .where(and(eq(domains.locked, true), isNull(domains.retiredAt)));
  const byId = new Map<string, { key: string; name: string; toolIds: string[] }>();
  for (const r of rows) {
    const d = byId.get(r.id) ?? { key: r.id, name: r.name, toolIds: [] };
    if (r.toolId) d.toolIds.push(r.toolId);
    byId.set(r.id, d);
  }
  return [...byId.values()];
}

/**
 * The domains a build must weigh before clustering: the locked ones and those kept whole from a
 * collection (locked or, if a person unlocked one, not), each with its tools.
 */
export async function loadStandingDomains(db: Db): Promise<StandingDomain[]> {
  const rows = await db
    .select({ id: domains.id, name: domains.name, collectionId: domains.collectionId, toolId: domainTools.toolId })
    .from(domains)
    .leftJoin(domainTools, and(eq(domainTools.domainId, domains.id), eq(domainTools.dropped, false)))
    .where(and(or(eq(domains.locked, true), isNotNull(domains.collectionId)), isNull(domains.retiredAt)))
    .orderBy(domains.createdAt, domains.id, domainTools.toolId);
  const byId = new Map<string, StandingDomain>();
  for (const r of rows) {
    const d = byId.get(r.id) ?? { key: r.id, name: r.name, toolIds: [], collectionId: r.collectionId };
    if (r.toolId) d.toolIds.push(r.toolId);
    byId.set(r.id, d);
  }
  return [...byId.values()];
}

/** The collections to keep whole, as remembered from the last time someone chose them. */
export async function keptWholeCollections(db: Db) {
  return db
    .select({ id: collections.id, name: collections.name })
    .from(collections)
    .where(eq(collections.keepWhole, true))
    .orderBy(collections.createdAt, collections.id);
}

/** The named collections that exist (ids that are not uuids cannot name one). */
export async function collectionsByIds(db: Db, ids: string[]) {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  return db.select({ id: collections.id, name: collections.name }).from(collections).where(inArray(collections.id, valid));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What keeping collections whole changes when a build is saved (see pipeline/graph/keep-whole.ts). */
export type WholeChanges = { keep: string[]; domains: WholeDomain[]; released: string[] };

/**
 * Saves a build in one transaction: the build, its edges, and its domains in place of the unlocked
 * ones (those it finds again keep their identity, the others are retired, as planRebuild says; the
 * plan is returned). A domain a kept-whole change releases is unlocked and weighed like them, so the
 * environments made on it are never detached. Curation history is cleared: an undo cannot reach
 * back across a rebuild.
 */
export async function saveGraphBuild(
  db: Db,
  build: { params: Record<string, unknown>; result: GraphResult; llmCheck: GraphBuildRow['llmCheck']; whole?: WholeChanges },
): Promise<GraphBuildRow & { plan: RebuildPlan }> {
  const { result } = build;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(graphBuilds)
      .values({ params: build.params, stats: result.stats, modularity: result.modularity, llmCheck: build.llmCheck })
      .returning();
    const buildId = row!.id;
    await replaceEdgeSet(tx, buildId, result.edges);

    const members: Array<{ toolId: string; domainId: string | null }> = result.unassigned.map((toolId) => ({ toolId, domainId: null }));
    const whole = build.whole;
    if (whole) {
      // Remembered for the next build, from the CLI or the studio alike.
      await tx.update(collections).set({ keepWhole: whole.keep.length ? inArray(collections.id, whole.keep) : sql`false` });
      // Released, not deleted: the build may find it again among the clustered tools, else it is retired.
      if (whole.released.length) await tx.update(domains).set({ locked: false, collectionId: null }).where(inArray(domains.id, whole.released));
      for (const d of whole.domains) {
        // Locked again if a person unlocked it: a collection kept whole is never clustered.
        if (d.existing) await tx.update(domains).set({ locked: true, collectionId: d.collectionId }).where(eq(domains.id, d.key));
      }
    }
    for (const d of whole?.domains ?? []) {
      const id = d.existing
        ? d.key
        : (await tx.insert(domains).values({ name: d.name, locked: true, collectionId: d.collectionId, buildId }).returning({ id: domains.id }))[0]!.id;
      members.push(...d.toolIds.map((toolId) => ({ toolId, domainId: id })));
    }
    const fresh = result.domains.filter((d) => !d.locked);
    const plan = await carryDomainsOver(tx, fresh, buildId, whole?.released ?? []);
    const { matches } = plan;
    const retired = plan.retired.map((d) => d.id);
    const unmatched = fresh.flatMap((d, k) => (matches[k] ? [] : [d]));
    fresh.forEach((d, k) => {
      if (matches[k]) members.push(...d.toolIds.map((toolId) => ({ toolId, domainId: matches[k]! })));
    });
    for (let i = 0; i < unmatched.length; i += MEMBER_BATCH) {
      const batch = unmatched.slice(i, i + MEMBER_BATCH);
      const ids = await tx
        .insert(domains)
        .values(batch.map((d) => ({ name: d.name, buildId })))
        .returning({ id: domains.id });
      batch.forEach((d, k) => members.push(...d.toolIds.map((toolId) => ({ toolId, domainId: ids[k]!.id }))));
    }
    if (retired.length)
      await tx
        .update(domains)
        .set({ retiredAt: sql`now()` })
        .where(inArray(domains.id, retired));
    await upsertMembers(tx, members);
    await tx.delete(domainChanges);
    return { ...row!, plan };
  });
}

/** Each tool's domain (null: unassigned), in one statement per 50,000 tools: column arrays, unnested. */
async function upsertMembers(tx: Tx, members: Array<{ toolId: string; domainId: string | null }>) {
  for (let i = 0; i < members.length; i += MEMBER_CHUNK) {
    const chunk = members.slice(i, i + MEMBER_CHUNK);
    await tx.execute(sql`
      insert into ${domainTools} (tool_id, domain_id)
      select * from unnest(${sql.param(chunk.map((m) => m.toolId))}::uuid[], ${sql.param(chunk.map((m) => m.domainId))}::uuid[])
      on conflict (tool_id) do update set domain_id = excluded.domain_id`);
  }
}

/**
 * The unlocked domains of the previous build that the new one proposes again (see
 * pipeline/graph/rebuild-plan.ts) take the new name (unless a person named them) and the build; their id,
 * target mark and everything made on them stay. Those not proposed again are retired, not deleted.
 * All of them give up their tools here; the build's membership is written after.
 */
async function carryDomainsOver(tx: Tx, fresh: Array<{ name: string; toolIds: string[] }>, buildId: string, released: string[]) {
  const previous = await loadStandingWork(tx, released);
  if (previous.length)
    await tx
      .update(domainTools)
      .set({ domainId: null })
      .where(
        inArray(
          domainTools.domainId,
          previous.map((d) => d.id),
        ),
      );
  const plan = planRebuild(previous, fresh);
  // One statement for every match (thousands at 30,000 tools): a person's name stays.
  const kept = plan.matches.flatMap((id, k) => (id ? [{ id, name: fresh[k]!.name }] : []));
  if (kept.length) {
    await tx.execute(sql`
      update ${domains} d set build_id = ${buildId}, name = case when d.renamed then d.name else u.name end
      from unnest(${sql.param(kept.map((x) => x.id))}::uuid[], ${sql.param(kept.map((x) => x.name))}::text[]) as u(id, name)
      where d.id = u.id`);
  }
  return plan;
}

/**
 * The domains a build keeps or retires, with their tools and what people made on them: the unlocked
 * ones standing and those a kept-whole change releases (`released`). Read the same way by the
 * build form's dry run and by saving, in the same order, so both plan alike.
 */
export async function loadStandingWork(db: Pick<Db, 'select'>, released: string[]): Promise<StandingWork[]> {
  const standing = and(eq(domains.locked, false), isNull(domains.retiredAt));
  const rows = await db
    .select({ id: domains.id, name: domains.name, renamed: domains.renamed, target: domains.target, toolId: domainTools.toolId })
    .from(domains)
    .leftJoin(domainTools, and(eq(domainTools.domainId, domains.id), eq(domainTools.dropped, false)))
    .where(released.length ? or(standing, inArray(domains.id, released)) : standing)
    .orderBy(domains.createdAt, domains.id, domainTools.toolId);
  const byId = new Map<string, StandingWork>();
  for (const r of rows) {
    const d = byId.get(r.id) ?? {
      id: r.id,
      name: r.name,
      renamed: r.renamed,
      target: r.target,
      toolIds: [],
      work: { environmentVersions: 0, tasks: 0, trajectories: 0 },
    };
    if (r.toolId) d.toolIds.push(r.toolId);
    byId.set(r.id, d);
  }
  if (byId.size === 0) return [];
  const ids = [...byId.keys()];
  const count = async (table: typeof environmentVersions | typeof tasks | typeof trajectories, key: keyof StandingWork['work']) => {
    const counted = await db
      .select({ id: table.domainId, n: sql<number>`count(*)::int` })
      .from(table)
      .where(inArray(table.domainId, ids))
      .groupBy(table.domainId);
    for (const c of counted) byId.get(c.id!)!.work[key] = Number(c.n);
  };
  await count(environmentVersions, 'environmentVersions');
  await count(tasks, 'tasks');
  await count(trajectories, 'trajectories');
  return [...byId.values()];
}

export async function latestBuild(db: Db): Promise<GraphBuildRow | null> {
  const [row] = await db.select().from(graphBuilds).orderBy(desc(graphBuilds.createdAt)).limit(1);
  return row ?? null;
}

export async function listBuilds(db: Db, limit = 20) {
  return db.select().from(graphBuilds).orderBy(desc(graphBuilds.createdAt)).limit(limit);
}

/** Domains as nodes and the summed weight of the latest build's edges between each pair. */
export async function domainOverview(db: Db) {
  const build = await latestBuild(db);
  const set = build ? await loadEdgeSet(db, build.id) : null;
  if (!build || !set) return { build, links: [] };
  const members = await db
    .select({ toolId: domainTools.toolId, domainId: domainTools.domainId })
    .from(domainTools)
    .where(and(isNotNull(domainTools.domainId), eq(domainTools.dropped, false)));
  const domainOf = new Map(members.map((m) => [m.toolId, m.domainId!]));
  const at = set.toolIds.map((id) => domainOf.get(id));
  const links = new Map<string, { a: string; b: string; weight: number; edges: number }>();
  for (let k = 0; k < set.count; k++) {
    const s = at[set.source[k]!];
    const t = at[set.target[k]!];
    if (!s || !t || s === t) continue;
    const [a, b] = s < t ? [s, t] : [t, s];
    const key = `${a} ${b}`;
    const link = links.get(key) ?? { a, b, weight: 0, edges: 0 };
    link.weight += set.weight[k]!;
    link.edges++;
    links.set(key, link);
  }
  return { build, links: [...links.values()] };
}

/** The latest build's edges with both ends among the given tools, with why each was drawn. */
export async function edgesAmong(db: Db, toolIds: string[]): Promise<GraphEdge[]> {
  const build = await latestBuild(db);
  const set = build && toolIds.length ? await loadEdgeSet(db, build.id) : null;
  if (!set) return [];
  const edges = edgesWithin(set, new Set(toolIds)).map((k) => edgeAt(set, k));
  const reasons = await edgeReasons(db, edges);
  return edges.map((e, i) => ({ ...e, reason: reasons[i]! }));
}
