import { singular } from '../../graph/terms';
import { words } from '../../kernel/words';
import type { ToolShape } from '../acts-on';
import { idParam, nameNouns } from '../entities';
import type { JsonSchema } from '../json-schema';
import type { EnvironmentSchema } from '../model';
import { toolIntent } from '../verbs';
import {
  isRecord,
  props,
  describe,
  isArraySchema,
  typeIncludes,
  tableWords,
  entityOf,
  CREATE,
  DELETE,
  targetTable,
  fieldPath,
  statusTarget,
  preconditionsOf,
  recordColumn,
  listSelector,
  keyedDictionary,
  entryDictionary,
  keyFormat,
  keptSorted,
  projection,
} from './plan-evidence';

/**
 * What one tool does to a user's database, worked out from evidence the tool and the data give:
 * which table its name and id parameters point at, which fields its arguments match (nested ones
 * included: `zip` is `address.zip`), which statuses its name requires (`close_open_invoice` needs
 * an `open` invoice, a value the data's status column holds), which status its description or verb
 * leaves (`changed to 'refund requested'`), which columns record a call (`close_reason`,
 * `refund_lines`, as the data's other rows show), which ids must exist. The code template
 * (grounded/code.ts) turns a plan into JavaScript; nothing here names any particular API.
 */

export type Path = string[];

export type GroundedPlan = {
  tool: string;
  kind: 'fetch' | 'find' | 'create' | 'update' | 'delete' | 'calculate' | 'echo';
  table: string | null;
  /** "order", for messages. */
  label: string;
  primaryKey: string | null;
  keyInRow: boolean;
  /** The argument naming the target row's key. */
  keyArg: string | null;
  /** find: arguments matched against fields (nested paths); `dictKey` matches a dictionary's keys and merges that entry into the result. */
  filters: Array<{ arg: string; path: Path; dictKey?: boolean }>;
  /** find: what to return. */
  returns: 'rows' | 'key' | 'keys' | 'row';
  /** find: the columns the description asks for (`the name and product id`), when it names some. */
  project: string[];
  /** update/delete: the row's field must hold one of these values. */
  preconditions: Array<{ path: Path; values: unknown[] }>;
  /** update: the status to leave. */
  status: { path: Path; value: string } | null;
  /** update/create: fields set from arguments; `sorted` where the data keeps such lists sorted. */
  sets: Array<{ arg: string; path: Path; sorted?: boolean }>;
  /** update: ids that must be entries of a list in the row (`item_ids` in `items[].item_id`). */
  selectors: Array<{ arg: string; list: string; field: string }>;
  /** update: entries picked by `from` get the ids in `to` (pairwise) and the fields of the record those ids key elsewhere. */
  replacements: Array<{ from: string; to: string; list: string; field: string; source: { table: string; dict: string } | null }>;
  /** update: a new entry in a dictionary of the row, of the kind the name says (`send_certificate`). */
  addEntry: {
    dict: string;
    keyField: string | null;
    kindField: string;
    kind: string;
    sets: Array<{ arg: string; field: string }>;
    prefix: string;
    digits: number;
  } | null;
  /** Arguments that must be keys of a table (the table itself, or a list of records `arg[].field`). */
  refs: Array<{ arg: string; table: string; field?: string }>;
  /** create: how new keys look, and the parents whose lists get the new key. */
  newKey: KeyFormat | null;
  defaults: Array<{ path: Path; value: unknown }>;
  nowFields: string[];
  backRefs: Array<{ column: string; parentTable: string; parentColumn: string }>;
  /** Why each decision was made, shown in the editor. */
  evidence: string[];
};

export type KeyFormat = { kind: 'number' } | { kind: 'pattern'; prefix: string; length: number; alphabet: string };

export function planGrounded(
  tool: ToolShape & { description?: string },
  schema: EnvironmentSchema,
  data: Record<string, Record<string, Record<string, unknown>>>,
): GroundedPlan {
  const intent = toolIntent({ name: tool.name, op: tool.op ?? 'read' });
  const verb = intent.verb;
  const creates = intent.op === 'write' && !!verb && CREATE.has(verb);
  const evidence: string[] = [];
  const { table, keyArg, evidence: why } = targetTable(tool, schema, creates);
  evidence.push(why);
  const base: GroundedPlan = {
    tool: tool.name,
    kind: 'echo',
    table: table?.name ?? null,
    label: table ? entityOf(table.name).replace(/_/g, ' ') : 'record',
    primaryKey: table?.primaryKey ?? null,
    keyInRow: table?.keyInRow !== false,
    keyArg,
    filters: [],
    returns: 'rows',
    project: [],
    preconditions: [],
    status: null,
    sets: [],
    selectors: [],
    replacements: [],
    addEntry: null,
    refs: [],
    newKey: null,
    defaults: [],
    nowFields: [],
    backRefs: [],
    evidence,
  };
  const params = props(tool);
  if (!table) {
    const expression = Object.keys(params).find((p) => /expression|formula|equation|expr\b|math/i.test(p));
    return { ...base, kind: expression ? 'calculate' : 'echo', filters: expression ? [{ arg: expression, path: [] }] : [] };
  }
  const rows = data[table.name];
  const refsFor = (arg: string, s: JsonSchema) => {
    const id = idParam(arg, describe(s));
    const target = schema.tables.find((t) => t.name !== table.name && (t.primaryKey === arg || (id?.entity && !id.lookup && entityOf(t.name) === id.entity)));
    if (target) base.refs.push({ arg, table: target.name });
    const items = s.items as JsonSchema | undefined;
    if (isArraySchema(s) && items && isRecord(items.properties)) {
      for (const field of Object.keys(items.properties as object)) {
        const t = schema.tables.find((x) => x.primaryKey === field && x.name !== table.name);
        if (t) base.refs.push({ arg, table: t.name, field });
      }
    }
  };

  if (intent.op === 'read') {
    if (keyArg) return { ...base, kind: 'fetch', returns: 'row' };
    const filters: GroundedPlan['filters'] = [];
    for (const arg of Object.keys(params)) {
      const path = fieldPath(table, arg);
      if (path) filters.push({ arg, path });
      else {
        // An argument whose values key a dictionary of the row (a date into `dates`).
        const dict = Object.entries(table.columns).find(
          ([column, cs]) =>
            isRecord(cs.additionalProperties) && !cs['x-key-field'] && (singular(column) === arg || words(column).map(singular).includes(singular(arg))),
        );
        if (dict) filters.push({ arg, path: [dict[0]], dictKey: true });
        else if (!/^(limit|offset|page|cursor)$/.test(arg)) evidence.push(`${arg} matches no field of ${table.name}; it is ignored`);
      }
    }
    const ws = words(tool.name);
    const idWord = ws.indexOf('id') >= 0 ? 'key' : ws.indexOf('ids') >= 0 ? 'keys' : null;
    if (idWord)
      evidence.push(
        `returns the ${idWord === 'key' ? 'key of the row' : 'keys of the rows'} it finds: its name asks for ${idWord === 'key' ? 'an id' : 'ids'}`,
      );
    const project = idWord ? [] : projection(tool.description ?? '', table);
    if (project.length) evidence.push(`returns ${project.join(', ')} of each row: its description names them`);
    return { ...base, kind: 'find', filters, returns: idWord ?? 'rows', project };
  }

  if (creates && !keyArg) {
    const plan: GroundedPlan = { ...base, kind: 'create' };
    plan.newKey = keyFormat(Object.keys(rows ?? {}));
    for (const [arg, s] of Object.entries(params)) {
      refsFor(arg, s);
      if (arg in table.columns) plan.sets.push({ arg, path: [arg] });
    }
    for (const column of table.required) {
      if (column === table.primaryKey || plan.sets.some((x) => x.path[0] === column)) continue;
      const s = table.columns[column] ?? {};
      if (s.format === 'date-time' && /creat|added|made|placed|booked/.test(column)) plan.nowFields.push(column);
      else
        plan.defaults.push({
          path: [column],
          value: typeIncludes(s, 'array') ? [] : typeIncludes(s, 'object') ? {} : typeIncludes(s, 'string') ? '' : typeIncludes(s, 'boolean') ? false : 0,
        });
    }
    // Parents listing their children's keys get the new one (a user's `reservations`).
    for (const ref of table.references) {
      const parent = schema.tables.find((t) => t.name === ref.table);
      const back = parent?.references.find((r) => r.table === table.name && isArraySchema(parent.columns[r.column]));
      if (parent && back && plan.sets.some((x) => x.path[0] === ref.column))
        plan.backRefs.push({ column: ref.column, parentTable: parent.name, parentColumn: back.column });
    }
    evidence.push(`adds a row keyed like the data's (${plan.newKey.kind === 'number' ? 'numbers' : `${plan.newKey.prefix}+${plan.newKey.length} characters`})`);
    return plan;
  }

  if (!keyArg) {
    evidence.push(`no argument names a ${base.label}: the call changes nothing`);
    return { ...base, kind: 'echo' };
  }
  const deletes = !!verb && DELETE.has(verb);
  const plan: GroundedPlan = { ...base, kind: deletes ? 'delete' : 'update' };
  plan.preconditions = preconditionsOf(tool, table, evidence);
  if (deletes) return plan;
  const used = new Set<string>([keyArg]);
  for (const [arg, s] of Object.entries(params)) {
    if (used.has(arg)) continue;
    const record = verb ? recordColumn(table, verb, arg) : null;
    const selector = listSelector(table, arg);
    if (record) {
      const sorted = isArraySchema(s) && keptSorted(rows, record);
      plan.sets.push({ arg, path: [record], ...(sorted ? { sorted } : {}) });
      if (selector && words(arg)[0] !== 'new') plan.selectors.push({ arg, ...selector });
      evidence.push(`records ${arg} in ${record}${sorted ? ' (sorted, as the data keeps it)' : ''}`);
      used.add(arg);
      continue;
    }
    if (selector) {
      const ws = words(arg);
      const replaced =
        ws[0] === 'new' ? null : Object.keys(params).find((p) => p !== arg && words(p)[0] === 'new' && words(p).slice(1).join('_') === ws.join('_'));
      plan.selectors.push({ arg, ...selector });
      if (replaced) {
        const source = keyedDictionary(schema, selector.field);
        plan.replacements.push({ from: arg, to: replaced, ...selector, source });
        used.add(replaced);
        evidence.push(
          `replaces the ${selector.list} picked by ${arg} with ${replaced}${source ? `, copying their fields from ${source.table}.${source.dict}` : ''}`,
        );
      } else evidence.push(`${arg} must be ${selector.list} of the ${base.label}`);
      used.add(arg);
      continue;
    }
    const path = arg !== table.primaryKey && !table.references.some((r) => r.column === arg && r.table === table.name) ? fieldPath(table, arg) : null;
    if (path) {
      plan.sets.push({ arg, path });
      used.add(arg);
    }
  }
  if (plan.sets.length) evidence.push(`sets ${plan.sets.map((x) => x.path.join('.')).join(', ')} from its arguments`);
  plan.status = statusTarget(tool, table, verb, evidence);
  if (plan.status && plan.sets.some((x) => x.path.join('.') === plan.status!.path.join('.'))) plan.status = null;
  // A thing the name creates inside the row: `send_certificate` adds a certificate to a dictionary of the user.
  if (creates) {
    const kinds = nameNouns(tool.name).nouns.filter((x) => !tableWords(table.name).includes(x));
    for (const kind of kinds) {
      const entry = entryDictionary(table, kind, rows);
      if (!entry) continue;
      const values = (table.columns[entry.dict]!.additionalProperties as JsonSchema).properties as Record<string, unknown>;
      for (const arg of Object.keys(params)) if (!used.has(arg) && arg in values) entry.sets.push({ arg, field: arg });
      plan.addEntry = entry;
      evidence.push(`adds a ${kind} to ${entry.dict}: its entries of ${entry.kindField} ${kind} look like that`);
      break;
    }
  }
  return plan;
}
