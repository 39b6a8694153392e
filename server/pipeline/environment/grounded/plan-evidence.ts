import { singular } from '../../graph/terms';
import { words } from '../../kernel/words';
import type { ToolShape } from '../acts-on';
import { idParam, nameNouns, pluralize } from '../entities';
import type { JsonSchema } from '../json-schema';
import type { EnvironmentSchema, TableSchema } from '../model';
import { STATUS_TARGETS } from '../verbs';
import type { GroundedPlan, KeyFormat, Path } from './plan';

/**
 * The evidence a grounded plan is made of, one question each: which table a tool points at, where
 * a field sits in a row, which enum values a name requires or a verb leaves, which list an id picks
 * from, how the data keys its rows and whether it keeps lists sorted. plan.ts puts the answers together.
 */

export const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
export const props = (t: ToolShape) => (t.parameters?.properties ?? {}) as Record<string, JsonSchema>;
export const requiredOf = (t: ToolShape) => (Array.isArray(t.parameters?.required) ? (t.parameters.required as string[]) : []);
export const describe = (s: unknown) => (isRecord(s) && typeof s.description === 'string' ? s.description : '');
export const isArraySchema = (s: JsonSchema | undefined) => !!s && (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')));
export const typeIncludes = (s: JsonSchema | undefined, t: string) => !!s && (s.type === t || (Array.isArray(s.type) && s.type.includes(t)));
/** Singular words of a table's name. */
export const tableWords = (t: string) => words(t).map(singular);
export const entityOf = (t: string) => tableWords(t).join('_');

export const CREATE = new Set(
  'create add insert register new book reserve place submit post make generate issue invite send schedule subscribe open save write'.split(' '),
);
export const DELETE = new Set('delete remove destroy drop erase purge'.split(' '));
/** Words a status value may carry besides the verb and the tool's own words (`refund requested`). */
export const STATUS_AUX = new Set('requested request pending in progress awaiting scheduled processing initiated'.split(' '));

/** The tool's own table: by its name's nouns, else by the id parameters it takes. */
export function targetTable(
  tool: ToolShape,
  schema: EnvironmentSchema,
  creates: boolean,
): { table: TableSchema | null; keyArg: string | null; evidence: string } {
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
export function fieldPath(table: TableSchema, name: string): Path | null {
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
export function enumColumns(table: TableSchema): Array<{ column: string; values: string[] }> {
  return Object.entries(table.columns)
    .filter(([, s]) => Array.isArray(s.enum))
    .map(([column, s]) => ({ column, values: (s.enum as unknown[]).filter((v): v is string => typeof v === 'string') }));
}

/** `cancel` → cancel, cancell, cancelled; `modify` → modif; enough to find the verb in a status value. */
export function verbStem(verb: string): string {
  return verb.replace(/(e|y)$/, '').slice(0, Math.max(4, verb.length - 2));
}

/** The status a write leaves: quoted in its description, else a data value made of its verb and its own words, else the verb's past participle. */
export function statusTarget(
  tool: ToolShape & { description?: string },
  table: TableSchema,
  verb: string | null,
  evidence: string[],
): { path: Path; value: string } | null {
  const columns = enumColumns(table);
  const statusColumn = columns.find((c) => /status|state/.test(c.column));
  const description = tool.description ?? '';
  const quoted = /\b(?:status|state)\b[^.'"]{0,40}?\b(?:changed|set|updated|moved|become|becomes|marked)\s+(?:to|as)?\s*['"]([^'"]{1,40})['"]/i.exec(
    description,
  );
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

/** Status adjectives of the name that are values of one of the table's enum columns: `open` in close_open_invoice. */
export function preconditionsOf(tool: ToolShape, table: TableSchema, evidence: string[]): GroundedPlan['preconditions'] {
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

/** Columns that record what a call was given, named after its verb: `close_reason`, `refund_lines`, `transfer_new_owner`. */
export function recordColumn(table: TableSchema, verb: string, arg: string): string | null {
  const ws = words(arg);
  const stripped =
    ws[ws.length - 1] === 'ids'
      ? [...ws.slice(0, -1).slice(0, -1), pluralize(ws[ws.length - 2] ?? '')]
      : ws[ws.length - 1] === 'id' && ws.length > 1
        ? ws.slice(0, -1)
        : ws;
  for (const candidate of [`${verb}_${ws.join('_')}`, `${verb}_${stripped.join('_')}`]) if (candidate in table.columns) return candidate;
  return null;
}

/** A list column of records whose `field` the argument's ids are: `item_ids` → items[].item_id. */
export function listSelector(table: TableSchema, arg: string): { list: string; field: string } | null {
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
export function keyedDictionary(schema: EnvironmentSchema, field: string): { table: string; dict: string } | null {
  for (const t of schema.tables)
    for (const [column, s] of Object.entries(t.columns)) {
      const values = s.additionalProperties as JsonSchema | undefined;
      if (typeIncludes(s, 'object') && isRecord(values) && s['x-key-field'] === field) return { table: t.name, dict: column };
    }
  return null;
}

/** A dictionary of the row whose entries have a kind field with this value (`payment_methods` entries of source `certificate`). */
export function entryDictionary(table: TableSchema, kind: string, data: Record<string, Record<string, unknown>> | undefined): GroundedPlan['addEntry'] {
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
  const alphabet =
    [/\d/.test(body) ? '0123456789' : '', /[A-Z]/.test(body) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : '', /[a-z]/.test(body) ? 'abcdefghijklmnopqrstuvwxyz' : ''].join(
      '',
    ) || '0123456789';
  return { kind: 'pattern', prefix, length: Math.max(1, length), alphabet };
}

/** Whether every list in a column is sorted, in the data's rows that have it: the API keeps it so. */
export function keptSorted(rows: Record<string, Record<string, unknown>> | undefined, column: string): boolean {
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
export function projection(description: string, table: TableSchema): string[] {
  const text = ` ${words(description).join(' ')} `;
  const named = Object.keys(table.columns).filter((c) => text.includes(` ${words(c).join(' ')} `));
  return named.length >= 2 ? named : [];
}
