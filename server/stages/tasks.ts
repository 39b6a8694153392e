import type { Db } from '../db/client';
import { listTaskCalls, type TaskCallsInput } from '../db/queries/tasks';
import type { GoldCall } from '../pipeline/tasks/model';

/**
 * Tasks as a person reads them outside the studio (`cli tasks`, `cli sample --json`): the intent,
 * and each gold call with its arguments and what it returned.
 */

export type ReadableCall = { name: string; arguments: Record<string, unknown>; result: unknown };
export type ReadableTask = {
  id: string;
  domain: string | null;
  domainName: string;
  version: number;
  readOnly: boolean;
  /** 'heldout': kept apart for evaluation, never exported as training data. */
  split: 'train' | 'heldout';
  intent: string;
  calls: ReadableCall[];
};

export const readableCalls = (calls: GoldCall[]): ReadableCall[] => calls.map((c) => ({ name: c.name, arguments: c.arguments, result: c.result ?? null }));

export async function readTasks(db: Db, input: TaskCallsInput): Promise<ReadableTask[]> {
  const rows = await listTaskCalls(db, input);
  return rows.map((r) => ({
    id: r.id,
    domain: r.domainId,
    domainName: r.domainName,
    version: r.versionNumber,
    readOnly: r.readOnly,
    split: r.split,
    intent: r.intent,
    calls: readableCalls(r.calls),
  }));
}
