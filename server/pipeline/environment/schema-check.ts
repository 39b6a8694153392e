import Ajv, { type ValidateFunction } from 'ajv';

/**
 * Whether a value fits the API's own schema for it, formats included: the last check a sampled
 * argument passes before it is used, so a value the generators could not fit (a nested body deeper
 * than they go, a pattern beyond them) is left out or reported instead of being sent. A schema that
 * does not compile checks nothing.
 */

const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: true, logger: false });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i);
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addFormat('url', /^[a-z][a-z0-9+.-]*:\S+$/i);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('ipv4', /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/);

const compiled = new WeakMap<object, ValidateFunction | null>();

function validator(schema: unknown): ValidateFunction | null {
  if (!schema || typeof schema !== 'object') return null;
  let v = compiled.get(schema);
  if (v === undefined) {
    try {
      v = ajv.compile(withoutEmptyEnums(schema) as Record<string, unknown>);
    } catch {
      v = null;
    }
    compiled.set(schema, v);
  }
  return v;
}

/** True when `value` validates against `schema`, or when the schema cannot be checked. */
export function fitsSchema(value: unknown, schema: unknown): boolean {
  const v = validator(schema);
  return !v || (v(value) as boolean);
}

/** `"enum": []` (Discord writes it beside an `allOf` listing the values) allows nothing and is no valid schema: read as absent. */
function withoutEmptyEnums(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(withoutEmptyEnums);
  if (!s || typeof s !== 'object') return s;
  return Object.fromEntries(
    Object.entries(s)
      .filter(([k, v]) => !(k === 'enum' && Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, k === 'enum' || k === 'const' ? v : withoutEmptyEnums(v)]),
  );
}
