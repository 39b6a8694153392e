import { singular } from '../../graph/terms';
import { words } from '../../tools/op';
import type { ToolShape } from '../acts-on';
import { idParam, nameNouns, pluralize } from '../entities';
import type { JsonSchema } from '../json-schema';
import type { EnvironmentSchema, TableSchema } from '../model';
import { STATUS_TARGETS, toolIntent } from '../verbs';

/**
 * What one tool does to a user's database, worked out from evidence the tool and the data give:
 * which table its name and id parameters point at, which fields its arguments match (nested ones
 * included: `zip` is `address.zip`), which statuses its name requires (`cancel_pending_order` needs
 * a `pending` order, a value the data's status column holds), which status its description or verb
 * leaves (`changed to 'return requested'`), which columns record a call (`cancel_reason`,
 * `return_items`, as the data's other rows show), which ids must exist. The code template
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
  addEntry: { dict: string; keyField: string | null; kindField: string; kind: string; sets: Array<{ arg: string; field: string }>; prefix: string; digits: number } | null;
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

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const props = (t: ToolShape) => (t.parameters?.properties ?? {}) as Record<string, JsonSchema>;
const requiredOf = (t: ToolShape) => (Array.isArray(t.parameters?.required) ? (t.parameters.required as string[]) : []);
const describe = (s: unknown) => (isRecord(s) && typeof s.description === 'string' ? s.description : '');
const isArraySchema = (s: JsonSchema | undefined) => !!s && (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')));
const typeIncludes = (s: JsonSchema | undefined, t: string) => !!s && (s.type === t || (Array.isArray(s.type) && s.type.includes(t)));
/** Singular words of a table's name. */
const tableWords = (t: string) => words(t).map(singular);
const entityOf = (t: string) => tableWords(t).join('_');

const CREATE = new Set('create add insert register new book reserve place submit post make generate issue invite send schedule subscribe open save write'.split(' '));
const DELETE = new Set('delete remove destroy drop erase purge'.split(' '));
/** Words a status value may carry besides the verb and the tool's own words (`return requested`). */
const STATUS_AUX = new Set('requested request pending in progress awaiting scheduled processing initiated'.split(' '));

/** The tool's own table: by its name's nouns, else by the id parameters it takes. */
function targetTable(tool: ToolShape, schema: EnvironmentSchema, creates: boolean): { table: TableSchema | null; keyArg: string | null; evidence: string } {
  const n = nameNouns(tool.name);
  const byNoun = (noun: string) => schema.tables.find((t) => entityOf(t.name) === noun || t.name === pluralize(noun) || t.name === noun) ?? null;
  const nounTables = [n.head, ...n.nouns, ...n.nouns.flatMap((x) => x.split('_'))].filter((x): x is string => !!x).map(byNoun);
  const nounTable = nounTables.find((t) => t) ?? null;
  const keyArgs: Array<{ arg: string; table: TableSchema }> = [];
  for (const [param, s] of Object.entries(props(tool))) {
    if (isArraySchema(s)) continue;
    const byKey = schema.tables.find((t) => t.primaryKey === param);
    const id = byKey ? null : idParam(param, describe(s));
    const table = byKey ?? (id?.entity && !id.lookup ? byNoun(id.entity) : null);
    if (table) keyArgs.push({ arg: param, table });
  }
  const required = requiredOf(tool);
  keyArgs.sort((a, b) => Number(required.includes(b.arg)) - Number(required.includes(a.arg)));
  if (nounTable) {
    const own = keyArgs.find((k) => k.table.name === nounTable.name);
    if (own && !creates) return { table: nounTable, keyArg: own.arg, evidence: `acts on ${nounTable.name}: its name says so and ${own.arg} is its key` };
    if (creates || keyArgs.length === 0) return { table: nounTable, keyArg: null, evidence: `acts on ${nounTable.name}: its name says so` };
  }
  const named = keyArgs.find((k) => tableWords(k.table.name).some((w) => words(tool.name).map(singular).includes(w))) ?? keyArgs[0];
  if (named) return { table: named.table, keyArg: named.arg, evidence: `acts on ${named.table.name}: ${named.arg} is its key` };
  return { table: null, keyArg: null, evidence: 'names no table of the data' };
}

/** A path to a field named `name` in the row: a column, or a property of an object column (not inside lists or dictionaries). */
function fieldPath(table: TableSchema, name: string): Path | null {
  if (name in table.columns) return [name];
  const found: Path[] = [];
  const walk = (s: JsonSchema, path: Path) => {
    if (!isRecord(s.properties) || path.length > 2) return;
    for (const [k, sub] of Object.entries(s.properties as Record<string, JsonSchema>)) {
      if (k === name) found.push([...path, k]);
      else walk(sub, [...path, k]);
    }
  };
  for (const [column, s] of Object.entries(table.columns)) walk(s, [column]);
  return found.length === 1 ? found[0]! : null;
}

/** Enum columns of a table (top level): the lifecycle fields a name's adjectives can refer to. */
function enumColumns(table: TableSchema): Array<{ column: string; values: string[] }> {
  return Object.entries(table.columns)
    .filter(([, s]) => Array.isArray(s.enum))
    .map(([column, s]) => ({ column, values: (s.enum as unknown[]).filter((v): v is string => typeof v === 'string') }));
}

/** `cancel` → cancel, cancell, cancelled; `modify` → modif; enough to find the verb in a status value. */
function verbStem(verb: string): string {
  return verb.replace(/(e|y)$/, '').slice(0, Math.max(4, verb.length - 2));
}

/** The status a write leaves: quoted in its description, else a data value made of its verb and its own words, else the verb's past participle. */
function statusTarget(tool: ToolShape & { description?: string }, table: TableSchema, verb: string | null, evidence: string[]): { path: Path; value: string } | null {
  const columns = enumColumns(table);
  const statusColumn = columns.find((c) => /status|state/.test(c.column));
  const description = tool.description ?? '';
  const quoted = /\b(?:status|state)\b[^.'"]{0,40}?\b(?:changed|set|updated|moved|become|becomes|marked)\s+(?:to|as)?\s*['"]([^'"]{1,40})['"]/i.exec(description);
  if (quoted) {
    const value = quoted[1]!;
    const column = columns.find((c) => c.values.includes(value))?.column ?? statusColumn?.column ?? 'status';
    evidence.push(`sets ${column} to "${value}": the description says so`);
    return { path: [column], value };
  }
  if (!verb) return null;
  const stem = verbStem(verb);
  const nameWords = new Set(words(tool.name).flatMap((w) => [w, singular(w)]));
  for (const c of columns) {
    const value = c.values.find((v) => {
      const ws = words(v);
      return ws.some((w) => w.startsWith(stem)) && ws.every((w) => w.startsWith(stem) || nameWords.has(w) || nameWords.has(singular(w)) || STATUS_AUX.has(w));
    });
    if (value) {
      evidence.push(`sets ${c.column} to "${value}": a value of the data made of the verb ${verb} and the tool's own words`);
      return { path: [c.column], value };
    }
  }
  const participle = STATUS_TARGETS[verb];
  if (!participle) return null;
  const column = statusColumn?.column ?? (Object.keys(table.columns).find((k) => /^status$/i.test(k)) || 'status');
  evidence.push(`sets ${column} to "${participle}": what ${verb} leaves a record in`);
  return { path: [column], value: participle };
}

/** Status adjectives of the name that are values of one of the table's enum columns: `pending` in cancel_pending_order. */
function preconditionsOf(tool: ToolShape, table: TableSchema, evidence: string[]): GroundedPlan['preconditions'] {
  const nameWords = new Set(words(tool.name));
  const out: GroundedPlan['preconditions'] = [];
  for (const c of enumColumns(table)) {
    const values = c.values.filter((v) => /^[a-z]+$/i.test(v) && nameWords.has(v.toLowerCase()));
    if (values.length) {
      out.push({ path: [c.column], values });
      evidence.push(`needs ${c.column} ${values.join(' or ')}: its name says so`);
    }
  }
  return out;
}

/** Columns that record what a call was given, named after its verb: `cancel_reason`, `return_items`, `exchange_new_items`. */
function recordColumn(table: TableSchema, verb: string, arg: string): string | null {
  const ws = words(arg);
  const stripped = ws[ws.length - 1] === 'ids' ? [...ws.slice(0, -1).slice(0, -1), pluralize(ws[ws.length - 2] ?? '')] : ws[ws.length - 1] === 'id' && ws.length > 1 ? ws.slice(0, -1) : ws;
  for (const candidate of [`${verb}_${ws.join('_')}`, `${verb}_${stripped.join('_')}`]) if (candidate in table.columns) return candidate;
  return null;
}

/** A list column of records whose `field` the argument's ids are: `item_ids` → items[].item_id. */
function listSelector(table: TableSchema, arg: string): { list: string; field: string } | null {
  const ws = words(arg);
  if (ws[ws.length - 1] !== 'ids' || ws.length < 2) return null;
  const field = `${ws[ws.length - 2]}_id`;
  for (const [column, s] of Object.entries(table.columns)) {
    const items = s.items as JsonSchema | undefined;
    if (isArraySchema(s) && items && isRecord(items.properties) && field in (items.properties as object)) return { list: column, field };
  }
  return null;
}

/** A dictionary somewhere in the data keyed by this field (`variants` keyed by item_id), the source of a replacement's fields. */
function keyedDictionary(schema: EnvironmentSchema, field: string): { table: string; dict: string } | null {
  for (const t of schema.tables)
    for (const [column, s] of Object.entries(t.columns)) {
      const values = s.additionalProperties as JsonSchema | undefined;
      if (typeIncludes(s, 'object') && isRecord(values) && s['x-key-field'] === field) return { table: t.name, dict: column };
    }
  return null;
}

/** A dictionary of the row whose entries have a kind field with this value (`payment_methods` entries of source `certificate`). */
function entryDictionary(table: TableSchema, kind: string, data: Record<string, Record<string, unknown>> | undefined): GroundedPlan['addEntry'] {
  for (const [column, s] of Object.entries(table.columns)) {
    const values = s.additionalProperties as JsonSchema | undefined;
    if (!isRecord(values) || !isRecord(values.properties)) continue;
    for (const [field, fs] of Object.entries(values.properties as Record<string, JsonSchema>)) {
      if (!Array.isArray(fs.enum) || !fs.enum.includes(kind)) continue;
      const keyField = typeof s['x-key-field'] === 'string' ? (s['x-key-field'] as string) : null;
      // New keys look like the existing keys of that kind: `certificate_` and as many digits.
      let prefix = `${kind}_`;
      let digits = 7;
      for (const row of Object.values(data ?? {})) {
        const dict = row[column];
        if (!isRecord(dict)) continue;
        const k = Object.entries(dict).find(([, e]) => isRecord(e) && e[field] === kind)?.[0];
        const m = k ? /^(.*?)(\d+)$/.exec(k) : null;
        if (m) {
          prefix = m[1]!;
          digits = m[2]!.length;
          break;
        }
      }
      return { dict: column, keyField, kindField: field, kind, sets: [], prefix, digits };
    }
  }
  return null;
}

/** How the table's keys look, so new rows' keys look the same: numbers count up, others keep prefix, length and alphabet. */
export function keyFormat(keys: string[]): KeyFormat {
  if (keys.length && keys.every((k) => /^\d+$/.test(k) && k.length < 10)) return { kind: 'number' };
  const sample = keys.slice(0, 500);
  if (sample.length === 0) return { kind: 'pattern', prefix: '', length: 8, alphabet: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ' };
  let prefix = sample[0]!;
  for (const k of sample) while (!k.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // A prefix ending in a letter or digit is part of the random body (`4WQ150`, `HAT001`).
  prefix = prefix.replace(/[A-Za-z0-9]+$/, '');
  const length = Math.max(...sample.map((k) => k.length)) - prefix.length;
  const body = sample.map((k) => k.slice(prefix.length)).join('');
  const alphabet = [/\d/.test(body) ? '0123456789' : '', /[A-Z]/.test(body) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : '', /[a-z]/.test(body) ? 'abcdefghijklmnopqrstuvwxyz' : ''].join('') || '0123456789';
  return { kind: 'pattern', prefix, length: Math.max(1, length), alphabet };
}

/** Whether every list in a column is sorted, in the data's rows that have it: the API keeps it so. */
function keptSorted(rows: Record<string, Record<string, unknown>> | undefined, column: string): boolean {
  let seen = 0;
  for (const row of Object.values(rows ?? {})) {
    const v = row[column];
    if (!Array.isArray(v) || v.length < 2) continue;
    seen++;
    for (let i = 1; i < v.length; i++) if (String(v[i - 1]) > String(v[i])) return false;
  }
  return seen > 0;
}

/** The columns a description names (`the name and product id`), two or more, else none. */
function projection(description: string, table: TableSchema): string[] {
  const text = ` ${words(description).join(' ')} `;
  const named = Object.keys(table.columns).filter((c) => text.includes(` ${words(c).join(' ')} `));
  return named.length >= 2 ? named : [];
}

export function planGrounded(tool: ToolShape & { description?: string }, schema: EnvironmentSchema, data: Record<string, Record<string, Record<string, unknown>>>): GroundedPlan {
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
        const dict = Object.entries(table.columns).find(([column, cs]) => isRecord(cs.additionalProperties) && !cs['x-key-field'] && (singular(column) === arg || words(column).map(singular).includes(singular(arg))));
        if (dict) filters.push({ arg, path: [dict[0]], dictKey: true });
        else if (!/^(limit|offset|page|cursor)$/.test(arg)) evidence.push(`${arg} matches no field of ${table.name}; it is ignored`);
      }
    }
    const ws = words(tool.name);
    const idWord = ws.indexOf('id') >= 0 ? 'key' : ws.indexOf('ids') >= 0 ? 'keys' : null;
    if (idWord) evidence.push(`returns the ${idWord === 'key' ? 'key of the row' : 'keys of the rows'} it finds: its name asks for ${idWord === 'key' ? 'an id' : 'ids'}`);
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
      else plan.defaults.push({ path: [column], value: typeIncludes(s, 'array') ? [] : typeIncludes(s, 'object') ? {} : typeIncludes(s, 'string') ? '' : typeIncludes(s, 'boolean') ? false : 0 });
    }
    // Parents listing their children's keys get the new one (a user's `reservations`).
    for (const ref of table.references) {
      const parent = schema.tables.find((t) => t.name === ref.table);
      const back = parent?.references.find((r) => r.table === table.name && isArraySchema(parent.columns[r.column]));
      if (parent && back && plan.sets.some((x) => x.path[0] === ref.column)) plan.backRefs.push({ column: ref.column, parentTable: parent.name, parentColumn: back.column });
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
      const replaced = ws[0] === 'new' ? null : Object.keys(params).find((p) => p !== arg && words(p)[0] === 'new' && words(p).slice(1).join('_') === ws.join('_'));
      plan.selectors.push({ arg, ...selector });
      if (replaced) {
        const source = keyedDictionary(schema, selector.field);
        plan.replacements.push({ from: arg, to: replaced, ...selector, source });
        used.add(replaced);
        evidence.push(`replaces the ${selector.list} picked by ${arg} with ${replaced}${source ? `, copying their fields from ${source.table}.${source.dict}` : ''}`);
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
