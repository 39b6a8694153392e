import type { Faker } from '@faker-js/faker';

/**
 * A made-up argument brought within what its parameter allows: a number between its `minimum` and
 * `maximum`, a string no longer than `maxLength` and, where Faker can write one, matching its
 * `pattern`. Faked values only: a value taken from the data stays as it is, so an id that breaks
 * the API's pattern is reported by validation instead of being papered over here.
 */

type Raw = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function numberWithin(value: number, raw: Raw, f: Faker): number {
  const integer = raw.type === 'integer' || Number.isInteger(value);
  const step = integer ? 1 : 0.01;
  // Draft 4 writes `exclusiveMinimum: true` beside `minimum`; later drafts give the bound itself.
  const exMin = num(raw.exclusiveMinimum) ?? (raw.exclusiveMinimum === true ? num(raw.minimum) : undefined);
  const exMax = num(raw.exclusiveMaximum) ?? (raw.exclusiveMaximum === true ? num(raw.maximum) : undefined);
  const lows = [exMin === undefined ? undefined : exMin + step, raw.exclusiveMinimum === true ? undefined : num(raw.minimum)].filter(
    (x): x is number => x !== undefined,
  );
  const highs = [exMax === undefined ? undefined : exMax - step, raw.exclusiveMaximum === true ? undefined : num(raw.maximum)].filter(
    (x): x is number => x !== undefined,
  );
  let min = lows.length ? Math.max(...lows) : undefined;
  let max = highs.length ? Math.min(...highs) : undefined;
  if (integer) {
    min = min === undefined ? undefined : Math.ceil(min);
    max = max === undefined ? undefined : Math.floor(max);
  }
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return value;
  if (min !== undefined && max !== undefined && min <= max) return integer ? f.number.int({ min, max }) : f.number.float({ min, max, fractionDigits: 2 });
  return min !== undefined && value < min ? min : (max ?? value);
}

function stringWithin(value: string, raw: Raw, f: Faker): string {
  let out = value;
  if (typeof raw.pattern === 'string') {
    let re: RegExp | null;
    try {
      re = new RegExp(raw.pattern);
    } catch {
      re = null;
    }
    if (re && !re.test(out)) {
      try {
        // Faker takes the anchors for literal characters.
        const made = f.helpers.fromRegExp(raw.pattern.replace(/^\^/, '').replace(/\$$/, ''));
        if (re.test(made)) out = made;
      } catch {
        /* a pattern Faker cannot write: keep the value, validation will say so */
      }
    }
  }
  const maxLength = num(raw.maxLength);
  if (maxLength !== undefined && out.length > maxLength) out = out.slice(0, Math.max(0, maxLength));
  return out;
}

export function withinBounds(value: unknown, raw: Raw, f: Faker): unknown {
  if (typeof value === 'number') return numberWithin(value, raw, f);
  if (typeof value === 'string') return stringWithin(value, raw, f);
  if (Array.isArray(value) && raw.items && typeof raw.items === 'object' && !Array.isArray(raw.items))
    return value.map((v) => withinBounds(v, raw.items as Raw, f));
  return value;
}
