import type { Faker } from '@faker-js/faker';
import type { JsonSchema } from './json-schema';

/**
 * A plausible value bent to the schema's bounds: a number into `minimum`..`maximum` (exclusive ones
 * too) and onto `multipleOf`, a string into `minLength`..`maxLength`, a list length into
 * `minItems`..`maxItems`. The name-based guess stays when it already fits; otherwise the nearest
 * value that does, so a `limit` of at most 100 stays small and a `delete_message_seconds` between 0
 * and 604800 stays in range.
 */

const num = (s: JsonSchema, k: string): number | undefined => (typeof s[k] === 'number' && Number.isFinite(s[k]) ? (s[k] as number) : undefined);

/** The closed range a number may take, for integers or for numbers with a step. */
export function numberRange(s: JsonSchema, integer: boolean): { lo: number; hi: number } {
  const step = integer ? 1 : (num(s, 'multipleOf') ?? 0.01);
  let lo = -Infinity;
  let hi = Infinity;
  const min = num(s, 'minimum');
  const max = num(s, 'maximum');
  const xmin = num(s, 'exclusiveMinimum');
  const xmax = num(s, 'exclusiveMaximum');
  if (min !== undefined) lo = integer ? Math.ceil(min) : min;
  if (xmin !== undefined) lo = Math.max(lo, integer ? Math.floor(xmin) + 1 : xmin + step);
  if (max !== undefined) hi = integer ? Math.floor(max) : max;
  if (xmax !== undefined) hi = Math.min(hi, integer ? Math.ceil(xmax) - 1 : xmax - step);
  return { lo, hi };
}

const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

/** `value` moved into the schema's range and onto its step. */
export function fitNumber(f: Faker, value: number, s: JsonSchema, integer: boolean): number {
  const { lo, hi } = numberRange(s, integer);
  let v = integer ? Math.round(value) : value;
  if (v < lo || v > hi) {
    // Out of range: a fresh draw inside it, near the low end when it is open above.
    const a = Number.isFinite(lo) ? lo : Math.min(hi, 0) - 1000;
    const b = Number.isFinite(hi) ? Math.min(hi, Number.isFinite(lo) ? lo + 1000 : hi) : a + 1000;
    v = integer ? f.number.int({ min: Math.ceil(a), max: Math.floor(b) }) : f.number.float({ min: a, max: b, fractionDigits: 2 });
  }
  const m = num(s, 'multipleOf');
  if (m && m > 0) {
    let k = Math.round(v / m);
    const at = (n: number) => Number((n * m).toFixed(decimals(m)));
    if (at(k) < lo) k = Math.ceil(lo / m);
    if (at(k) > hi) k = Math.floor(hi / m);
    v = at(k);
  }
  return Math.min(Math.max(v, lo), hi);
}

/** `value` cut to `maxLength` or lengthened with `more()` to `minLength` (both in code points). */
export function fitLength(value: string, s: JsonSchema, more: () => string): string {
  const min = num(s, 'minLength') ?? 0;
  const max = num(s, 'maxLength') ?? Infinity;
  let v = value;
  for (let i = 0; [...v].length < min && i < 50; i++) v = v ? `${v} ${more()}` : more();
  if ([...v].length < min) v = v.padEnd(min, 'x');
  if ([...v].length > max) v = [...v].slice(0, max).join('').trimEnd();
  if ([...v].length < min) v = v.padEnd(min, 'x');
  return v;
}

/** How many items a list gets: one to three, inside `minItems`..`maxItems`. */
export function itemCount(f: Faker, s: JsonSchema): number {
  const min = Math.max(0, num(s, 'minItems') ?? 0);
  const max = Math.max(min, num(s, 'maxItems') ?? Infinity);
  return f.number.int({ min: Math.min(Math.max(min, 1), max), max: Math.min(max, Math.max(min, 3)) });
}
