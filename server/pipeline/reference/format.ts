import { z } from 'zod';

/**
 * The files a fidelity check reads (shared/data/reference/README.md): a list of tasks to replay,
 * and a reference, which adds each call's real outcome and each task's real final diff. Extra
 * fields are kept out of the way, not refused: references carry notes and summaries.
 */

export const MAX_REFERENCE_TASKS = 10_000;
export const MAX_CALLS_PER_TASK = 200;
/** The largest reference or tasks file read: a task may carry a whole database (`state`). */
export const MAX_REFERENCE_BYTES = 100 * 1024 * 1024;

const json = z.unknown();
const row = z.record(z.string(), json);

export const call = z.object({ name: z.string().min(1), arguments: z.record(z.string(), json).default({}) });

export const replayTask = z.object({
  id: z.union([z.string(), z.number()]),
  /** A full database for this task; else the version's data. */
  state: z.record(z.string(), z.record(z.string(), row)).optional(),
  calls: z.array(call).max(MAX_CALLS_PER_TASK),
});
export type ReplayTask = z.infer<typeof replayTask>;
export const replayTasks = z.array(replayTask).max(MAX_REFERENCE_TASKS);

export const fieldChange = z.object({ before: json.optional(), after: json.optional() });
export const rowChange = z.object({
  table: z.string(),
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  fields: z.record(z.string(), fieldChange).optional(),
  row: row.optional(),
});
export type RowDiff = z.infer<typeof rowChange>;

export const referenceCall = call.extend({ ok: z.boolean(), output: json, db_changed: z.boolean().optional() });
export type ReferenceCall = z.infer<typeof referenceCall>;

export const referenceTask = z.object({
  id: z.union([z.string(), z.number()]),
  initial_diff: z.array(rowChange).default([]),
  calls: z.array(referenceCall).max(MAX_CALLS_PER_TASK),
  final_diff: z.array(rowChange),
});
export type ReferenceTask = z.infer<typeof referenceTask>;

export const referenceFile = z.object({
  domain: z.string().optional(),
  source: z.string().optional(),
  tasks: z.array(referenceTask).min(1).max(MAX_REFERENCE_TASKS),
});
export type ReferenceFile = z.infer<typeof referenceFile>;

/** A zod error as one sentence naming the JSON path: `tasks[3].calls[0].name: expected string`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  return `${path || '(top level)'}: ${issue.message}`;
}
