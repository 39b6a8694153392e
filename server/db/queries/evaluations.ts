import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { EvaluationSummary } from '../../pipeline/evaluate/passk';
import type { EvaluationScope, EvaluationSettings } from '../../pipeline/evaluate/settings';
import type { TrialRecord } from '../../pipeline/evaluate/trial';
import type { Noise } from '../../pipeline/rollout/model';
import type { Db } from '../client';
import { evaluations, evaluationTrials, jobs } from '../schema';
import { pageOf } from './page';

export type EvaluationRow = typeof evaluations.$inferSelect;

export async function createEvaluation(
  db: Db,
  e: { name: string; settings: EvaluationSettings; scope: EvaluationScope; taskIds: string[] },
): Promise<EvaluationRow> {
  const [row] = await db
    .insert(evaluations)
    .values({ ...e, k: e.settings.k, total: e.taskIds.length * e.settings.k })
    .returning();
  return row!;
}

export async function setEvaluationJob(db: Db, id: string, jobId: string) {
  await db.update(evaluations).set({ jobId }).where(eq(evaluations.id, id));
}

const evaluationColumns = {
  id: evaluations.id,
  name: evaluations.name,
  settings: evaluations.settings,
  scope: evaluations.scope,
  k: evaluations.k,
  total: evaluations.total,
  jobId: evaluations.jobId,
  summary: evaluations.summary,
  createdAt: evaluations.createdAt,
  finishedAt: evaluations.finishedAt,
  done: sql<number>`(select count(*)::int from ${evaluationTrials} where ${evaluationTrials.evaluationId} = ${evaluations.id})`,
  jobStatus: jobs.status,
  jobProgress: jobs.progress,
  jobMessage: jobs.message,
  jobError: jobs.error,
};

export async function getEvaluation(db: Db, id: string) {
  const [row] = await db
    .select({ ...evaluationColumns, taskIds: evaluations.taskIds })
    .from(evaluations)
    .leftJoin(jobs, eq(jobs.id, evaluations.jobId))
    .where(eq(evaluations.id, id));
  return row ?? null;
}

export const evaluationListInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** Where the previous page ended: its last evaluation's creation time (as the database wrote it) and id. */
  cursor: z
    .string()
    .regex(/^[^|]+\|[0-9a-f-]{36}$/, 'not a cursor this list gave')
    .nullish(),
});

/** A page of evaluations, newest first, each with its summary (null until it finished) and its job's state: what a side-by-side view reads. */
export async function listEvaluations(db: Db, raw: z.input<typeof evaluationListInput> = {}) {
  const input = evaluationListInput.parse(raw);
  const [at, id] = input.cursor ? input.cursor.split('|') : [];
  const rows = await db
    .select({ ...evaluationColumns, at: sql<string>`${evaluations.createdAt}::text` })
    .from(evaluations)
    .leftJoin(jobs, eq(jobs.id, evaluations.jobId))
    .where(at && id ? sql`(${evaluations.createdAt}, ${evaluations.id}) < (${at}::timestamptz, ${id}::uuid)` : undefined)
    .orderBy(desc(evaluations.createdAt), desc(evaluations.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (last) => `${last.at}|${last.id}`);
  return { ...page, items: page.items.map(({ at: _, ...r }) => r) };
}

/** `taskId:trial` of every trial already stored (a resume skips them). */
export async function finishedTrials(db: Db, evaluationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ taskId: evaluationTrials.taskId, trial: evaluationTrials.trial })
    .from(evaluationTrials)
    .where(eq(evaluationTrials.evaluationId, evaluationId));
  return new Set(rows.map((r) => `${r.taskId}:${r.trial}`));
}

/** Stores one trial; a second one for the same task and trial is ignored (a resumed job). */
export async function saveTrial(
  db: Db,
  origin: { evaluationId: string; taskId: string; trial: number; environmentVersionId: string; domainId: string | null; domainName: string },
  record: TrialRecord,
  extra: { noiseApplied: Noise[]; ms: number },
) {
  await db
    .insert(evaluationTrials)
    .values({ ...origin, ...record, noiseApplied: extra.noiseApplied, ms: Math.round(extra.ms) })
    .onConflictDoNothing();
}

/** Every trial of an evaluation, in task and trial order, without the reasons: what the summary and the breakdown read. */
export async function trialOutcomes(db: Db, evaluationId: string) {
  return db
    .select({
      taskId: evaluationTrials.taskId,
      trial: evaluationTrials.trial,
      domainId: evaluationTrials.domainId,
      domainName: evaluationTrials.domainName,
      passed: evaluationTrials.passed,
      failure: evaluationTrials.failure,
      failedTool: evaluationTrials.failedTool,
    })
    .from(evaluationTrials)
    .where(eq(evaluationTrials.evaluationId, evaluationId))
    .orderBy(asc(evaluationTrials.taskId), asc(evaluationTrials.trial));
}

/** The trials of one task of an evaluation, with their reasons. */
export async function taskTrials(db: Db, evaluationId: string, taskId: string) {
  return db
    .select()
    .from(evaluationTrials)
    .where(and(eq(evaluationTrials.evaluationId, evaluationId), eq(evaluationTrials.taskId, taskId)))
    .orderBy(asc(evaluationTrials.trial));
}

export async function finishEvaluation(db: Db, id: string, summary: EvaluationSummary) {
  await db.update(evaluations).set({ summary, finishedAt: new Date() }).where(eq(evaluations.id, id));
}
