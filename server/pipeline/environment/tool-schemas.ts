import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { FROM_EXAMPLES } from '../tools/formats/example-schema';

/**
 * A tool's own JSON Schemas as validation uses them: the arguments a call sends must fit its
 * `parameters` (a seeded `guild_5` breaks Discord's `^(0|[1-9][0-9]*)$`), and what it returns must fit
 * its `returns`. Schemas come from imported collections and are often sloppy, so one that will not
 * compile checks nothing rather than failing every call; formats are not checked (collections use
 * ad-hoc ones such as "order-id"), patterns, types, enums and required properties are.
 */

// unicodeRegExp off: API patterns are written for plain regular expressions, not the `u` flag's stricter grammar.
const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false, unicodeRegExp: false });

/** Compiled validators by the schema's text: versions are parsed anew for each validation, the schemas repeat. */
const compiled = new Map<string, ValidateFunction | null>();
const MAX_COMPILED = 2_000;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** OpenAPI 3.0's `nullable: true` is JSON Schema's `null` among the types. */
function withNullable(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(withNullable);
  if (!isRecord(s)) return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s))
    out[k] = k === 'enum' || k === 'const' || k === 'example' || k === 'examples' || k === 'default' ? v : withNullable(v);
  if (out.nullable === true && out.type !== undefined) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes('null')) out.type = [...types, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

function validator(schema: Record<string, unknown>): ValidateFunction | null {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (v !== undefined) return v;
  const prepared = withNullable(schema) as Record<string, unknown>;
  try {
    v = ajv.compile(prepared);
  } catch {
    v = null;
  }
  // Ajv keeps every schema object it compiled; this cache is the one that should hold them.
  try {
    ajv.removeSchema(prepared);
  } catch {
    /* nothing was added */
  }
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, v);
  return v;
}

/** The value an error points at (`/items/0/id`). */
function at(value: unknown, pointer: string): unknown {
  let v = value;
  for (const part of pointer.split('/').slice(1)) {
    const k = part.replace(/~1/g, '/').replace(/~0/g, '~');
    v = Array.isArray(v) ? v[Number(k)] : isRecord(v) ? v[k] : undefined;
  }
  return v;
}

const show = (v: unknown) => {
  const text = JSON.stringify(v);
  return text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

function describeError(e: ErrorObject, value: unknown, whole: string): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : whole;
  if (e.keyword === 'required') return `${e.instancePath ? `${where} ` : ''}lacks required ${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties')
    return `${e.instancePath ? `${where} has` : 'has'} unknown ${(e.params as { additionalProperty: string }).additionalProperty}`;
  return `${where} ${e.message ?? `breaks ${e.keyword}`} (got ${show(at(value, e.instancePath))})`;
}

/** Why `args` do not fit the tool's parameters ("guild_id must match pattern ... (got "guild_5")"), or null. */
export function argumentsProblem(parameters: Record<string, unknown>, args: unknown): string | null {
  const validate = validator(parameters);
  if (!validate || validate(args)) return null;
  return validate.errors?.[0] ? describeError(validate.errors[0], args, 'the arguments') : 'the arguments do not fit';
}

/** Why a result does not fit the tool's returns schema, or null (also when there is no schema to check). */
export function resultProblem(returns: Record<string, unknown> | null | undefined, result: unknown): string | null {
  // A schema guessed from an example (importers mark it) is evidence of fields, not a contract.
  if (!isRecord(returns) || Object.keys(returns).length === 0 || returns[FROM_EXAMPLES] === true) return null;
  const validate = validator(returns);
  // A tool that returns nothing (undefined) is checked as null, which is what the caller receives.
  if (!validate || validate(result === undefined ? null : result)) return null;
  return validate.errors?.[0] ? describeError(validate.errors[0], result, 'the result') : 'the result does not fit';
}
