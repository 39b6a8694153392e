import type { EnvironmentSchema } from '../environment/model';
import type { State } from '../kernel/state';
import { validateState } from '../environment/validate-state';
import type { ReferenceFile, RowDiff } from './format';
import type { ReplayedTask } from './replay';

/**
 * The fidelity score: a simulated environment's replay of a reference's calls against what the real
 * API did. Each measure is `{agree, total}`:
 * - load: rows of the data that fit the schema (errors listed);
 * - calls: calls that agree on success or failure; refusals: of the calls the real API refused,
 *   those the simulation refused too;
 * - reads: successful calls that left the real database unchanged whose output equals the real one
 *   (as JSON: key order is meaningless, numbers compare as numbers, and a real output that is a
 *   number written as text equals that number);
 * - rows: tasks that change exactly the real rows (added rows match by table, since the keys of new
 *   rows are the API's own invention); fields: tasks whose changes equal the real ones field by
 *   field (added rows apart from their key); final: tasks whose end state equals the real one.
 */

export type Tally = { agree: number; total: number };
export type CallDisagreement = {
  task: string | number;
  index: number;
  name: string;
  arguments: Record<string, unknown>;
  kind: 'outcome' | 'output';
  real: { ok: boolean; output: unknown };
  simulated: { ok: boolean; output?: unknown; error?: string };
};
export type TaskDisagreement = { task: string | number; kind: 'rows' | 'fields'; real: RowDiff[]; simulated: RowDiff[] };
export type FidelityScore = {
  load: Tally & { errors: string[] };
  calls: Tally;
  refusals: Tally;
  reads: Tally;
  rows: Tally;
  fields: Tally;
  final: Tally;
  /** Per tool: calls and how many agree on outcome and (reads) output. */
  tools: Record<string, { calls: number; outcome: number; reads: number; readsEqual: number }>;
  disagreements: { calls: CallDisagreement[]; tasks: TaskDisagreement[] };
};

const MAX_EXAMPLES = 200;
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON equality with numbers as numbers (1200.0 is 1200, float noise below 1e-9 ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (typeof a === 'string' && typeof b === 'number') return numeric(a, b);
  if (typeof b === 'string' && typeof a === 'number') return numeric(b, a);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

function numeric(text: string, n: number): boolean {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) && sameValue(Number(t), n);
}

const rowId = (d: RowDiff) => `${d.table}\u0000${d.change === 'added' ? '+' : d.key}`;

function sameRows(real: RowDiff[], sim: RowDiff[]): boolean {
  const a = real.map(rowId).sort();
  const b = sim.map(rowId).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A diff with added rows' keys left out, ordered, for field-by-field comparison. */
function normalised(diff: RowDiff[]): unknown[] {
  return diff
    .map((d) => (d.change === 'added' ? { table: d.table, change: d.change, row: withoutKey(d.row ?? {}, d.key) } : d))
    .sort((x, y) => JSON.stringify([x.table, 'key' in x ? x.key : '']).localeCompare(JSON.stringify([y.table, 'key' in y ? y.key : ''])));
}

const withoutKey = (row: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== key));

export function scoreReplay(reference: ReferenceFile, replayed: ReplayedTask[], load: { schema: EnvironmentSchema; state: State }): FidelityScore {
  const errors = validateState(load.schema, load.state);
  const rowCount = Object.values(load.state).reduce((n, rows) => n + Object.keys(rows).length, 0);
  const badRows = new Set(errors.map((e) => e.split(':')[0]!.split('.').slice(0, 2).join('.'))).size;
  const score: FidelityScore = {
    load: { agree: Math.max(0, rowCount - badRows), total: rowCount, errors },
    calls: { agree: 0, total: 0 },
    refusals: { agree: 0, total: 0 },
    reads: { agree: 0, total: 0 },
    rows: { agree: 0, total: 0 },
    fields: { agree: 0, total: 0 },
    final: { agree: 0, total: 0 },
    tools: {},
    disagreements: { calls: [], tasks: [] },
  };
  const byId = new Map(replayed.map((r) => [String(r.id), r]));
  for (const task of reference.tasks) {
    const sim = byId.get(String(task.id));
    if (!sim) continue;
    task.calls.forEach((real, index) => {
      const s = sim.calls[index] ?? { name: real.name, ok: false, error: 'not run' };
      const tool = (score.tools[real.name] ??= { calls: 0, outcome: 0, reads: 0, readsEqual: 0 });
      tool.calls++;
      score.calls.total++;
      const example = (kind: CallDisagreement['kind']): CallDisagreement => ({
        task: task.id,
        index,
        name: real.name,
        arguments: real.arguments,
        kind,
        real: { ok: real.ok, output: real.output },
        simulated: s.ok ? { ok: true, output: s.output } : { ok: false, error: s.error },
      });
      if (s.ok === real.ok) {
        score.calls.agree++;
        tool.outcome++;
      } else score.disagreements.calls.push(example('outcome'));
      if (!real.ok) {
        score.refusals.total++;
        if (!s.ok) score.refusals.agree++;
      }
      if (real.ok && real.db_changed === false) {
        score.reads.total++;
        tool.reads++;
        if (s.ok && sameValue(real.output, s.output)) {
          score.reads.agree++;
          tool.readsEqual++;
        } else if (s.ok) score.disagreements.calls.push(example('output'));
      }
    });
    score.rows.total++;
    score.fields.total++;
    score.final.total++;
    const rowsAgree = sameRows(task.final_diff, sim.diff);
    if (rowsAgree) score.rows.agree++;
    const fieldsAgree = rowsAgree && sameValue(normalised(task.final_diff), normalised(sim.diff));
    if (fieldsAgree) score.fields.agree++;
    else score.disagreements.tasks.push({ task: task.id, kind: rowsAgree ? 'fields' : 'rows', real: task.final_diff, simulated: sim.diff });
    if (fieldsAgree && sameValue(task.final_diff, sim.diff)) score.final.agree++;
  }
  score.disagreements.calls = spread(score.disagreements.calls, (c) => `${c.name}/${c.kind}`);
  score.disagreements.tasks = spread(score.disagreements.tasks, (t) => t.kind);
  return score;
}

/** At most MAX_EXAMPLES, taking each kind in turn so one noisy tool does not hide the others. */
function spread<T>(items: T[], kindOf: (t: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = kindOf(item);
    const g = groups.get(k) ?? [];
    g.push(item);
    groups.set(k, g);
  }
  const out: T[] = [];
  for (let i = 0; out.length < MAX_EXAMPLES && out.length < items.length; i++)
    for (const g of groups.values()) if (g[i] !== undefined && out.length < MAX_EXAMPLES) out.push(g[i]!);
  return out;
}
