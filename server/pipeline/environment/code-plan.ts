import { paramRole, tableEntity } from './columns';
import { entityLabel, nameNouns } from './entities';
import { words } from '../kernel/words';
import type { EnvironmentSchema, TableSchema } from './model';
import { describedPreconditions } from './preconditions';
import { transferChecks, type Transfer } from './transfer';
import { toolIntent, writeKindOf, type Intent } from './verbs';

/**
 * What the generated code of one tool needs to know, worked out in TypeScript so the JavaScript
 * stays a short template with literals: which argument is the key, which fill or filter columns,
 * which point at other tables, and which page or search.
 */
export type CodeTool = {
  name: string;
  op: 'read' | 'write';
  description?: string;
  parameters: { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
};

export type CodePlan = {
  intent: Intent;
  table: TableSchema | null;
  /** "order", for messages. */
  label: string;
  /** The argument holding the primary key, if any; `keyMany` when it is a list of keys. */
  key: string | null;
  keyMany: boolean;
  keyRequired: boolean;
  /** [column, argument]: modifier-free arguments first, so `new_item_ids` wins over `item_ids`. */
  sets: Array<[string, string]>;
  /** [argument, table, label] for arguments that must name existing rows of another table. */
  refs: Array<[string, string, string]>;
  limit: string | null;
  offset: string | null;
  page: string | null;
  query: string | null;
  /** Required arguments of the tool. */
  required: string[];
  /**
   * Statuses the record must be in: the name's status adjectives (`open` in close_open_invoice),
   * else those a write's description names ("an invoice that is still open or overdue").
   */
  preconditions: string[];
  /** Two references to one table as source and destination (`wallet_id`, `to_wallet_id`). */
  transfer: Transfer | null;
  /** The name asks for ids (`find_customer_id_by_email`): answer with keys, not rows. */
  returnsKeys: boolean;
};

const isArraySchema = (s: unknown) => !!s && typeof s === 'object' && (s as { type?: unknown }).type === 'array';

export function planTool(tool: CodeTool, table: TableSchema | null, schema: EnvironmentSchema): CodePlan {
  const props = (tool.parameters?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(tool.parameters?.required) ? tool.parameters.required.filter((r) => r in props) : [];
  const plan: CodePlan = {
    intent: toolIntent(tool),
    table,
    label: table ? entityLabel(table.name) : 'record',
    key: null,
    keyMany: false,
    keyRequired: false,
    sets: [],
    refs: [],
    limit: null,
    offset: null,
    page: null,
    query: null,
    required,
    preconditions: [],
    transfer: null,
    returnsKeys: false,
  };
  if (!table) return plan;
  const modified: Array<[string, string]> = [];
  for (const [param, raw] of Object.entries(props)) {
    const role = paramRole(param, raw ?? {}, table);
    if (role.role === 'key') {
      // Prefer a required single key over an optional one or a list.
      const better = !plan.key || (required.includes(param) && !plan.keyRequired) || (plan.keyMany && !isArraySchema(raw));
      if (better) {
        plan.key = param;
        plan.keyMany = isArraySchema(raw);
        plan.keyRequired = required.includes(param);
      }
    } else if (role.role === 'column') {
      (role.column === param ? plan.sets : modified).push([role.column, param]);
      const ref = table.references.find((r) => r.column === role.column);
      const target = ref && schema.tables.find((t) => t.name === ref.table);
      if (target) plan.refs.push([param, target.name, entityLabel(target.name)]);
    } else if (role.role !== 'none' && role.role !== 'ignored') {
      plan[role.role] ??= param;
    }
  }
  plan.sets.push(...modified);
  // "Add …" named, "Set how many seats a reservation holds" described, handed the reservation: an update.
  const lead = words(tool.description ?? '')[0];
  if (plan.intent.op === 'write' && plan.intent.kind === 'create' && plan.key && plan.keyRequired && lead && writeKindOf(lead) === 'update') {
    plan.intent = { op: 'write', kind: 'update', verb: plan.intent.verb };
  }
  const statuses = table.columns.status?.enum;
  if (Array.isArray(statuses)) {
    const values = statuses.filter((s): s is string => typeof s === 'string');
    plan.preconditions = nameNouns(tool.name).statuses.filter((s) => values.includes(s));
    if (!plan.preconditions.length && plan.intent.op === 'write' && plan.intent.kind !== 'create') {
      const target = plan.intent.statusTarget && values.includes(plan.intent.statusTarget) ? plan.intent.statusTarget : null;
      plan.preconditions = describedPreconditions(tool.description ?? '', values, tableEntity(table.name), target);
    }
  }
  if (plan.intent.op === 'write') plan.transfer = transferChecks(props, plan.refs, schema);
  const ws = words(tool.name);
  plan.returnsKeys = ws.includes('id') || ws.includes('ids');
  return plan;
}
