import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { DIGIT_FORMATS } from './json-schema';
import type { EnvironmentSchema, TableSchema } from './model';
import type { State } from '../kernel/state';

/**
 * Whether a state fits its schema, as readable errors ("orders.#W1.user_id: no users row u_9"):
 * each row against its table's columns and required ones (no unknown columns: a tool writing a
 * column the schema lacks is a bug), each primary key equal to the row's key, each reference
 * resolving. Empty when valid.
 */

const MAX_ERRORS = 50;

const ajv = new Ajv({ allErrors: true, strict: false });
// Loose checks for the formats inference keeps: enough to catch a number where an email belongs.
ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/);
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addFormat('url', /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('ipv4', /^(\d{1,3}\.){3}\d{1,3}$/);
// Integers written as text (Discord's snowflakes): digits, an optional minus.
for (const f of DIGIT_FORMATS) ajv.addFormat(f, { type: 'string', validate: (s: string) => /^-?\d+$/.test(s) });

/** Compiled row validators per schema object: validation runs after every tool call. */
const compiled = new WeakMap<EnvironmentSchema, Map<string, ValidateFunction | string>>();

function rowValidator(schema: EnvironmentSchema, table: TableSchema): ValidateFunction | string {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new Map()));
  let v = bySchema.get(table.name);
  if (!v) {
    try {
      v = ajv.compile({ type: 'object', properties: table.columns, required: table.required, additionalProperties: false });
    } catch (e) {
      v = `invalid column schema: ${(e as Error).message}`;
    }
    bySchema.set(table.name, v);
  }
  return v;
}

function describeError(e: ErrorObject): { path: string; message: string } {
  const path = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
  if (e.keyword === 'required') return { path, message: `missing required column ${(e.params as { missingProperty: string }).missingProperty}` };
  if (e.keyword === 'additionalProperties') return { path, message: `unknown column ${(e.params as { additionalProperty: string }).additionalProperty}` };
  if (e.keyword === 'enum')
    return { path, message: `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(', ')}` };
  return { path, message: e.message ?? e.keyword };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function validateState(schema: EnvironmentSchema, state: State): string[] {
  const errors: string[] = [];
  const push = (e: string) => errors.length < MAX_ERRORS + 1 && errors.push(e);
  const known = new Set(schema.tables.map((t) => t.name));
  for (const name of Object.keys(state)) if (!known.has(name)) push(`${name}: not a table of the schema`);

  for (const table of schema.tables) {
    const rows = state[table.name];
    if (!isRecord(rows)) {
      push(`${table.name}: ${rows === undefined ? 'table missing from the state' : 'not an object of rows'}`);
      continue;
    }
    const validate = rowValidator(schema, table);
    if (typeof validate === 'string') {
      push(`${table.name}: ${validate}`);
      continue;
    }
    for (const [key, row] of Object.entries(rows)) {
      const at = `${table.name}.${key}`;
      if (!isRecord(row)) {
        push(`${at}: not an object`);
        continue;
      }
      if (!validate(row)) {
        for (const e of validate.errors ?? []) {
          const { path, message } = describeError(e);
          push(`${at}${path ? `.${path}` : ''}: ${message}`);
        }
      }
      const pk = row[table.primaryKey];
      if (pk !== undefined && String(pk) !== key) push(`${at}.${table.primaryKey}: ${JSON.stringify(pk)} does not match its key ${key}`);
      for (const ref of table.references) {
        const target = state[ref.table];
        const value = row[ref.column];
        if (value === undefined || value === null) continue;
        for (const v of Array.isArray(value) ? value : [value]) {
          if (!isRecord(target) || !Object.prototype.hasOwnProperty.call(target, String(v))) push(`${at}.${ref.column}: no ${ref.table} row ${String(v)}`);
        }
      }
    }
  }
  if (errors.length > MAX_ERRORS) errors.splice(MAX_ERRORS, errors.length, `… and more errors`);
  return errors;
}
