import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { SampleSettings, Task } from '../../pipeline/tasks/model';
import type { Db } from '../client';
import { domains, environmentVersions, tasks, type TaskSplit } from '../schema';
import { bySeq, pageOf } from './page';

export type TaskRow = typeof tasks.$inferSelect;

/** Inserts in slices: a batch of large states in one statement would be one huge parameter list. */
const SLICE = 50;

/**
 * Stores sampled tasks of one environment version. A task whose fingerprint the version already
 * has is skipped (the same walk is not stored twice); the count of those is returned.
 */
export async function saveTasks(
  db: Db,
  origin: { environmentVersionId: string; domainId: string | null; domainName: string; settings: SampleSettings },
  /** `split` absent: 'train' (a file's held-out task stays held out). */
  sampled: Array<Task & { split?: TaskSplit }>,
): Promise<{ ids: Map<string, string>; duplicates: number }> {
  /** fingerprint → id of each task stored now. */
  const ids = new Map<string, string>();
  for (let i = 0; i < sampled.length; i += SLICE) {
    const rows = sampled.slice(i, i + SLICE).map((t) => ({
      ...origin,
      seed: t.seed,
      fingerprint: t.fingerprint,
      readOnly: t.readOnly,
      length: t.calls.length,
      calls: t.calls,
      initialState: t.initialState,
      finalState: t.finalState,
      intent: t.intent,
      intentWriter: t.intentWriter,
      split: t.split ?? 'train',
    }));
    const inserted = await db
      .insert(tasks)
      .values(rows)
      .onConflictDoNothing({ target: [tasks.environmentVersionId, tasks.fingerprint] })
      .returning({ id: tasks.id, fingerprint: tasks.fingerprint });
    for (const r of inserted) ids.set(r.fingerprint, r.id);
  }
  return { ids, duplicates: sampled.length - ids.size };
}

/** What every list of tasks shows of each one; its states, which can be large, are left out. */
const listedColumns = {
  id: tasks.id,
  seq: tasks.seq,
  domainId: tasks.domainId,
  domainName: tasks.domainName,
  versionNumber: environmentVersions.number,
  readOnly: tasks.readOnly,
  intent: tasks.intent,
  split: tasks.split,
};

export const taskListInput = z.object({
  domainId: z.uuid().optional(),
  readOnly: z.boolean().optional(),
  limit: z.number().int().min(1).max(500).default(50),
  /** The `seq` of the last row of the previous page (newest first). */
  cursor: z.number().int().nullish(),
});
export type TaskListInput = z.input<typeof taskListInput>;

/** One page of tasks, newest first, without their (large) states. */
export async function listTasks(db: Db, raw: TaskListInput) {
  const input = taskListInput.parse(raw);
  const rows = await db
    .select({
      ...listedColumns,
      environmentVersionId: tasks.environmentVersionId,
      seed: tasks.seed,
      length: tasks.length,
      intentWriter: tasks.intentWriter,
      tools: sql<string[]>`(select coalesce(jsonb_agg(c -> 'name'), '[]'::jsonb) from jsonb_array_elements(${tasks.calls}) c)`,
      createdAt: tasks.createdAt,
    })
    .from(tasks)
    .innerJoin(environmentVersions, eq(environmentVersions.id, tasks.environmentVersionId))
    .where(
      and(
        input.domainId ? eq(tasks.domainId, input.domainId) : undefined,
        input.readOnly === undefined ? undefined : eq(tasks.readOnly, input.readOnly),
        input.cursor == null ? undefined : lt(tasks.seq, input.cursor),
      ),
    )
    .orderBy(desc(tasks.seq))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, bySeq);
}

export const taskCallsInput = z.object({
  domainId: z.uuid().optional(),
  limit: z.number().int().min(1).max(1000).default(50),
});
export type TaskCallsInput = z.input<typeof taskCallsInput>;

/** The newest tasks (of one domain), with their calls and intents but not their states, oldest of them first. */
export async function listTaskCalls(db: Db, raw: TaskCallsInput) {
  const input = taskCallsInput.parse(raw);
  const rows = await db
    .select({ ...listedColumns, calls: tasks.calls })
    .from(tasks)
    .innerJoin(environmentVersions, eq(environmentVersions.id, tasks.environmentVersionId))
    .where(input.domainId ? eq(tasks.domainId, input.domainId) : undefined)
    .orderBy(desc(tasks.seq))
    .limit(input.limit);
  return rows.reverse();
}

export async function getTask(db: Db, id: string) {
  const [row] = await db
    .select({ task: tasks, versionNumber: environmentVersions.number })
    .from(tasks)
    .innerJoin(environmentVersions, eq(environmentVersions.id, tasks.environmentVersionId))
    .where(eq(tasks.id, id));
  return row ? { ...row.task, versionNumber: row.versionNumber } : null;
}

export async function getTasks(db: Db, ids: string[]): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(tasks).where(inArray(tasks.id, ids));
}

/** Per domain: how many tasks, how many read-only, their mean length. */
export async function tasksOverview(db: Db) {
  const counts = db
    .select({
      domainId: tasks.domainId,
      total: sql<number>`count(*)::int`.as('total'),
      readOnly: sql<number>`count(*) filter (where ${tasks.readOnly})::int`.as('read_only'),
      meanLength: sql<number>`avg(${tasks.length})::float`.as('mean_length'),
    })
    .from(tasks)
    .groupBy(tasks.domainId)
    .as('counts');
  const rows = await db
    .select({
      domainId: domains.id,
      domainName: domains.name,
      retiredAt: domains.retiredAt,
      tasks: counts.total,
      readOnly: counts.readOnly,
      meanLength: counts.meanLength,
    })
    .from(domains)
    .leftJoin(counts, eq(counts.domainId, domains.id))
    // A retired domain (a rebuild found none like it) is listed while it has tasks, as from a previous build.
    .where(or(isNull(domains.retiredAt), isNotNull(counts.total)))
    .orderBy(domains.name);
  return rows.map((r) => ({ ...r, tasks: r.tasks ?? 0, readOnly: r.readOnly ?? 0, meanLength: r.meanLength ?? 0 }));
}

/** Tasks of the named domains, or of every current domain when none is named (a retired one's only when named). */
const ofDomains = (domainIds: string[] | undefined) =>
  domainIds?.length ? inArray(tasks.domainId, domainIds) : sql`${tasks.domainId} in (select ${domains.id} from ${domains} where ${domains.retiredAt} is null)`;

/**
 * The tasks a run takes: of the given domains (all current ones when none are named), the newest `perDomain`
 * of each, or the given ids (those that exist).
 */
export async function selectTaskIds(db: Db, pick: { taskIds?: string[]; domainIds?: string[]; perDomain?: number }): Promise<string[]> {
  if (pick.taskIds?.length) {
    const rows = await db.select({ id: tasks.id }).from(tasks).where(inArray(tasks.id, pick.taskIds)).orderBy(tasks.seq);
    return rows.map((r) => r.id);
  }
  // Every domain means today's: a retired one's tasks run only when it is named.
  return newestPerDomain(db, ofDomains(pick.domainIds), pick.perDomain);
}

/** Each task of the domains (every current one when none are named) with what a split is drawn by: its fingerprint. */
export async function splitCandidates(db: Db, domainIds: string[]) {
  return db
    .select({ id: tasks.id, domainId: tasks.domainId, domainName: tasks.domainName, fingerprint: tasks.fingerprint, split: tasks.split })
    .from(tasks)
    .where(ofDomains(domainIds))
    .orderBy(tasks.seq);
}

/** Puts these tasks in a split. */
export async function setTaskSplit(db: Db, ids: string[], split: TaskSplit): Promise<number> {
  let changed = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .update(tasks)
      .set({ split })
      .where(and(inArray(tasks.id, ids.slice(i, i + 1000)), sql`${tasks.split} <> ${split}`))
      .returning({ id: tasks.id });
    changed += rows.length;
  }
  return changed;
}

/**
 * The tasks an evaluation takes: of the given domains (every current one when none), those of the
 * split ('all': every task), the newest `perDomain` of each domain when set; oldest first.
 */
export async function selectSplitTaskIds(db: Db, pick: { split: TaskSplit | 'all'; domainIds: string[]; perDomain?: number }): Promise<string[]> {
  return newestPerDomain(db, and(ofDomains(pick.domainIds), pick.split === 'all' ? undefined : eq(tasks.split, pick.split)), pick.perDomain);
}

/** The ids of the tasks `where` picks, the newest `perDomain` of each domain when set; oldest first. */
async function newestPerDomain(db: Db, where: SQL | undefined, perDomain: number | undefined): Promise<string[]> {
  const ranked = db
    .select({
      id: tasks.id,
      seq: tasks.seq,
      rank: sql<number>`row_number() over (partition by ${tasks.domainId} order by ${tasks.seq} desc)`.as('rank'),
    })
    .from(tasks)
    .where(where)
    .as('ranked');
  const rows = await db
    .select({ id: ranked.id })
    .from(ranked)
    .where(perDomain ? sql`${ranked.rank} <= ${perDomain}` : undefined)
    .orderBy(ranked.seq);
  return rows.map((r) => r.id);
}

/** One task of an environment version, drawn at random; null when the version has none. */
export async function randomTaskIdOfVersion(db: Db, environmentVersionId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(eq(tasks.environmentVersionId, environmentVersionId))
    .orderBy(sql`random()`)
    .limit(1);
  return row?.id ?? null;
}
