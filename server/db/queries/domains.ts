import { UserError } from '../../kernel/errors';
import { and, asc, desc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { collections, domainChanges, domains, domainTools, tools, type DomainSnapshot } from '../schema';
import { plural } from '../../../lib/text/plural';
import { pageOf } from './page';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A curation request that cannot be carried out as asked (a missing domain, an empty selection). */
export class CurationError extends UserError {
  override name = 'CurationError';
  constructor(message: string) {
    super('invalid', message);
  }
}

export async function listDomains(db: Db) {
  return (
    db
      .select({
        id: domains.id,
        name: domains.name,
        locked: domains.locked,
        target: domains.target,
        createdAt: domains.createdAt,
        tools: sql<number>`count(${domainTools.toolId})::int`,
        writes: sql<number>`count(*) filter (where ${tools.op} = 'write')::int`,
      })
      .from(domains)
      .leftJoin(domainTools, eq(domainTools.domainId, domains.id))
      .leftJoin(tools, eq(tools.id, domainTools.toolId))
      // Retired domains hold no tools and take no new work; their environments are listed elsewhere.
      .where(isNull(domains.retiredAt))
      .groupBy(domains.id)
      .orderBy(desc(sql`count(${domainTools.toolId})`), asc(domains.name))
  );
}

/** Marks domains as vertical targets (phase 2 of an export) or unmarks them; answers how many changed. */
export async function setDomainTargets(db: Db, ids: string[], target: boolean): Promise<number> {
  const changed = await db.update(domains).set({ target }).where(inArray(domains.id, ids)).returning({ id: domains.id });
  return changed.length;
}

/** The named domains (or, without ids, the ones marked as targets), by name. */
export async function targetDomains(db: Db, ids?: string[]) {
  if (ids?.length === 0) return [];
  return db
    .select({ id: domains.id, name: domains.name })
    .from(domains)
    .where(ids ? inArray(domains.id, ids) : eq(domains.target, true))
    .orderBy(asc(domains.name));
}

export const outsideInput = z.object({
  /** Tools no domain took (and nobody dropped), or the ones a person dropped from the graph. */
  kind: z.enum(['unassigned', 'dropped']),
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  /** The last row of the previous page: its name and id. */
  cursor: z.object({ name: z.string(), id: z.uuid() }).nullish(),
});

/** One page of the tools outside every domain, by name, with their collection. */
export async function toolsOutsideDomains(db: Db, raw: z.input<typeof outsideInput>) {
  const input = outsideInput.parse(raw);
  const search = input.search?.trim();
  const rows = await db
    .select({ id: tools.id, name: tools.name, description: tools.description, op: tools.op, collection: collections.name })
    .from(tools)
    .innerJoin(collections, eq(collections.id, tools.collectionId))
    .leftJoin(domainTools, eq(domainTools.toolId, tools.id))
    .where(
      and(
        input.kind === 'dropped' ? eq(domainTools.dropped, true) : sql`${domainTools.domainId} is null and coalesce(${domainTools.dropped}, false) = false`,
        search ? ilike(tools.name, `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        input.cursor ? sql`(${tools.name}, ${tools.id}) > (${input.cursor.name}, ${input.cursor.id})` : undefined,
      ),
    )
    .orderBy(asc(tools.name), asc(tools.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, (last) => ({ name: last.name, id: last.id }));
}

/** Tools in no domain (not dropped), and the ones a person dropped. */
export async function unassignedCounts(db: Db) {
  const [row] = await db
    .select({
      unassigned: sql<number>`count(*) filter (where ${domainTools.domainId} is null and coalesce(${domainTools.dropped}, false) = false)::int`,
      dropped: sql<number>`count(*) filter (where ${domainTools.dropped})::int`,
    })
    .from(tools)
    .leftJoin(domainTools, eq(domainTools.toolId, tools.id));
  return { unassigned: Number(row?.unassigned ?? 0), dropped: Number(row?.dropped ?? 0) };
}

export async function getDomain(db: Db, id: string) {
  const [domain] = await db.select().from(domains).where(eq(domains.id, id));
  if (!domain) return null;
  const members = await db
    .select({ id: tools.id, name: tools.name, description: tools.description, op: tools.op, collectionName: collections.name })
    .from(domainTools)
    .innerJoin(tools, eq(tools.id, domainTools.toolId))
    .innerJoin(collections, eq(collections.id, tools.collectionId))
    .where(eq(domainTools.domainId, id))
    .orderBy(asc(tools.name));
  return { ...domain, tools: members };
}

export async function domainOfTools(db: Db, toolIds: string[]) {
  if (!toolIds.length) return [];
  return db.select().from(domainTools).where(inArray(domainTools.toolId, toolIds));
}

// ---- curation: each change records the state it replaces, so the latest can be undone ----

async function snapshot(tx: Tx, domainIds: string[], toolIds: string[], created: string[] = []): Promise<DomainSnapshot> {
  const ds = domainIds.length ? await tx.select().from(domains).where(inArray(domains.id, domainIds)) : [];
  const ts = toolIds.length ? await tx.select().from(domainTools).where(inArray(domainTools.toolId, toolIds)) : [];
  const known = new Set(ts.map((t) => t.toolId));
  return {
    domains: [
      ...ds.map((d) => ({
        id: d.id,
        existed: true,
        name: d.name,
        locked: d.locked,
        target: d.target,
        buildId: d.buildId,
        collectionId: d.collectionId,
        renamed: d.renamed,
      })),
      ...created.map((id) => ({ id, existed: false, name: '', locked: false, buildId: null })),
    ],
    tools: [
      ...ts.map((t) => ({ toolId: t.toolId, domainId: t.domainId, dropped: t.dropped, existed: true })),
      ...toolIds.filter((id) => !known.has(id)).map((toolId) => ({ toolId, domainId: null, dropped: false, existed: false })),
    ],
  };
}

async function record(tx: Tx, action: string, summary: string, undo: DomainSnapshot) {
  await tx.insert(domainChanges).values({ action, summary, undo });
  return { action, summary };
}

async function requireDomains(tx: Tx, ids: string[]) {
  const found = ids.length ? await tx.select().from(domains).where(inArray(domains.id, ids)) : [];
  const missing = ids.filter((id) => !found.some((d) => d.id === id));
  if (missing.length) throw new CurationError(`no domain ${missing.join(', ')}`);
  // A retired domain is kept for what was made on it; giving it tools again would hide them (it is not listed).
  const retired = found.find((d) => d.retiredAt);
  if (retired) throw new CurationError(`“${retired.name}” is from a previous build: it takes no changes`);
  return ids.map((id) => found.find((d) => d.id === id)!);
}

async function requireTools(tx: Tx, ids: string[]) {
  if (!ids.length) throw new CurationError('select at least one tool');
  const found = await tx.select({ id: tools.id, name: tools.name }).from(tools).where(inArray(tools.id, ids));
  if (found.length !== new Set(ids).size) throw new CurationError('some selected tools no longer exist');
  return found;
}

async function membersOf(tx: Tx, domainIds: string[]) {
  return (await tx.select({ toolId: domainTools.toolId }).from(domainTools).where(inArray(domainTools.domainId, domainIds))).map((r) => r.toolId);
}

async function assign(tx: Tx, toolIds: string[], domainId: string | null, dropped = false) {
  if (!toolIds.length) return;
  await tx
    .insert(domainTools)
    .values(toolIds.map((toolId) => ({ toolId, domainId, dropped })))
    .onConflictDoUpdate({ target: domainTools.toolId, set: { domainId, dropped } });
}

export const curate = {
  rename: (db: Db, id: string, name: string) =>
    db.transaction(async (tx) => {
      const [d] = await requireDomains(tx, [id]);
      const undo = await snapshot(tx, [id], []);
      await tx.update(domains).set({ name, renamed: true }).where(eq(domains.id, id));
      return record(tx, 'rename', `Renamed “${d!.name}” to “${name}”`, undo);
    }),

  lock: (db: Db, id: string, locked: boolean) =>
    db.transaction(async (tx) => {
      const [d] = await requireDomains(tx, [id]);
      const undo = await snapshot(tx, [id], []);
      await tx.update(domains).set({ locked }).where(eq(domains.id, id));
      return record(tx, locked ? 'lock' : 'unlock', `${locked ? 'Locked' : 'Unlocked'} “${d!.name}”`, undo);
    }),

  merge: (db: Db, targetId: string, sourceIds: string[]) =>
    db.transaction(async (tx) => {
      const sources = [...new Set(sourceIds)].filter((id) => id !== targetId);
      if (!sources.length) throw new CurationError('choose at least one other domain to merge');
      const [target, ...rest] = await requireDomains(tx, [targetId, ...sources]);
      const moved = await membersOf(tx, sources);
      const undo = await snapshot(tx, [targetId, ...sources], moved);
      await assign(tx, moved, targetId);
      await tx.delete(domains).where(inArray(domains.id, sources));
      return record(tx, 'merge', `Merged ${rest.map((d) => `“${d.name}”`).join(', ')} into “${target!.name}”`, undo);
    }),

  split: (db: Db, fromId: string, selected: string[], name?: string) =>
    db.transaction(async (tx) => {
      // A tool listed twice counts once: else "split all" slips past the check below.
      const toolIds = [...new Set(selected)];
      const [from] = await requireDomains(tx, [fromId]);
      await requireTools(tx, toolIds);
      const inside = new Set(await membersOf(tx, [fromId]));
      if (toolIds.some((t) => !inside.has(t))) throw new CurationError(`the selection has tools that are not in “${from!.name}”`);
      if (toolIds.length === inside.size) throw new CurationError('a split must leave at least one tool behind');
      const [created] = await tx
        .insert(domains)
        .values({ name: name?.trim() || `${from!.name} (split)` })
        .returning();
      const undo = await snapshot(tx, [], toolIds, [created!.id]);
      await assign(tx, toolIds, created!.id);
      return {
        ...(await record(tx, 'split', `Split ${plural(toolIds.length, 'tool')} off “${from!.name}” into “${created!.name}”`, undo)),
        domainId: created!.id,
      };
    }),

  move: (db: Db, selected: string[], targetId: string | null) =>
    db.transaction(async (tx) => {
      const toolIds = [...new Set(selected)];
      const found = await requireTools(tx, toolIds);
      const target = targetId ? (await requireDomains(tx, [targetId]))[0]! : null;
      const undo = await snapshot(tx, [], toolIds);
      await assign(tx, toolIds, targetId);
      const what = found.length === 1 ? `“${found[0]!.name}”` : plural(found.length, 'tool');
      return record(tx, 'move', `Moved ${what} to ${target ? `“${target.name}”` : 'unassigned'}`, undo);
    }),

  drop: (db: Db, selected: string[]) =>
    db.transaction(async (tx) => {
      const toolIds = [...new Set(selected)];
      const found = await requireTools(tx, toolIds);
      const undo = await snapshot(tx, [], toolIds);
      await assign(tx, toolIds, null, true);
      return record(tx, 'drop', `Dropped ${found.length === 1 ? `“${found[0]!.name}”` : plural(found.length, 'tool')} from the graph`, undo);
    }),

  /** Restores what the latest change replaced and forgets the change. */
  undo: (db: Db) =>
    db.transaction(async (tx) => {
      const [last] = await tx.select().from(domainChanges).orderBy(desc(domainChanges.id)).limit(1);
      if (!last) throw new CurationError('nothing to undo');
      await restore(tx, last.undo);
      await tx.delete(domainChanges).where(eq(domainChanges.id, last.id));
      return { action: last.action, summary: `Undid: ${last.summary}` };
    }),
};

async function restore(tx: Tx, s: DomainSnapshot) {
  for (const d of s.domains.filter((x) => x.existed)) {
    await tx
      .insert(domains)
      // A merged domain comes back with its target mark; a live one keeps the mark it has now.
      .values({
        id: d.id,
        name: d.name,
        locked: d.locked,
        target: d.target ?? false,
        buildId: d.buildId,
        collectionId: d.collectionId ?? null,
        renamed: d.renamed ?? false,
      })
      .onConflictDoUpdate({ target: domains.id, set: { name: d.name, locked: d.locked, renamed: d.renamed ?? false } });
  }
  for (const t of s.tools) {
    if (t.existed) await assign(tx, [t.toolId], t.domainId, t.dropped);
    else await tx.delete(domainTools).where(eq(domainTools.toolId, t.toolId));
  }
  const created = s.domains.filter((x) => !x.existed).map((x) => x.id);
  if (created.length) await tx.delete(domains).where(inArray(domains.id, created));
}

export async function curationHistory(db: Db, limit = 20) {
  return db
    .select({ id: domainChanges.id, action: domainChanges.action, summary: domainChanges.summary, createdAt: domainChanges.createdAt })
    .from(domainChanges)
    .orderBy(desc(domainChanges.id))
    .limit(limit);
}

/** Every domain's tool names in one query (the CLI's listing). */
export async function domainMembers(db: Db) {
  const rows = await db
    .select({ domainId: domainTools.domainId, name: tools.name })
    .from(domainTools)
    .innerJoin(tools, eq(tools.id, domainTools.toolId))
    .where(sql`${domainTools.domainId} is not null`)
    .orderBy(asc(tools.name));
  const byDomain = new Map<string, string[]>();
  for (const r of rows) {
    const list = byDomain.get(r.domainId!) ?? [];
    list.push(r.name);
    byDomain.set(r.domainId!, list);
  }
  return byDomain;
}
