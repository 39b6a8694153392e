import Ajv, { type ValidateFunction } from 'ajv';

/**
 * Tool arguments against the tool's JSON Schema parameters. Schemas come from imported API
 * collections and are often sloppy, so a schema that will not compile checks nothing rather
 * than failing every call made to its tool. Formats are not checked: collections use many
 * ad-hoc ones ("order-id"), and a wrong type or a missing argument is what matters here.
 */

const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false });

const compiled = new WeakMap<object, ValidateFunction | null>();

function validator(parameters: Record<string, unknown>): ValidateFunction | null {
  let v = compiled.get(parameters);
  if (v === undefined) {
    try {
      v = ajv.compile(parameters);
    } catch {
      v = null;
    }
    compiled.set(parameters, v);
  }
  return v;
}

/** Why `args` do not fit `parameters` ("/order_id must be string"), or null when they do or cannot be checked. */
export function argumentsProblem(parameters: Record<string, unknown>, args: Record<string, unknown>): string | null {
  const validate = validator(parameters);
  if (!validate || validate(args)) return null;
  const e = validate.errors?.[0];
  if (!e) return 'does not match the schema';
  if (e.keyword === 'required') return `missing required argument ${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties') return `unknown argument ${(e.params as { additionalProperty: string }).additionalProperty}`;
  return `${e.instancePath || 'arguments'} ${e.message ?? e.keyword}`;
}

/** Arguments as a JSON object, or null: the one reading of an arguments text shared by the loop and the filters. */
export function parseArguments(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
