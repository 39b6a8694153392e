import { Faker, base, en } from '@faker-js/faker';
import { singular } from '../graph/terms';
import { words } from '../kernel/words';
import { fitLength, fitNumber, itemCount } from './bounds';
import { DIGIT_FORMATS, mainType, type JsonSchema } from './json-schema';
import { fromPattern, matchesPattern } from './pattern';
import { fitsSchema } from './schema-check';

/**
 * Plausible values for a column or an argument from its name and JSON Schema: an `email` looks like
 * one, a `price` is money, a `zip` is five digits, a reason reads like one (never Latin filler).
 * The schema has the last word: enums, patterns, formats and bounds all hold for what comes out.
 * Deterministic through the seeded Faker passed in; dates are relative to a fixed day, not to today.
 */

export const REFERENCE_DATE = '2025-01-15T12:00:00.000Z';

export function seededFaker(seed: number): Faker {
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  return f;
}

const PEOPLE = new Set(
  'user customer person employee member contact agent author owner player patient student driver passenger guest client staff account profile'.split(' '),
);

/** Context for a value: the entity of its table, which tells `name` of a user from `name` of a product. */
export type FakeContext = { entity?: string };

const has = (ws: string[], ...any: string[]) => any.some((a) => ws.includes(a));

function fakeString(f: Faker, ws: string[], ctx: FakeContext): string {
  const last = ws[ws.length - 1] ?? '';
  const entity = ctx.entity ?? '';
  if (has(ws, 'email', 'mail')) return f.internet.email().toLowerCase();
  if (has(ws, 'first', 'firstname', 'given') && has(ws, 'name', 'firstname')) return f.person.firstName();
  if (has(ws, 'last', 'lastname', 'surname', 'family')) return f.person.lastName();
  if (has(ws, 'username', 'login', 'handle', 'nickname')) return f.internet.username();
  if (has(ws, 'password', 'passwd')) return f.internet.password({ length: 12 });
  if (has(ws, 'phone', 'mobile', 'tel', 'telephone', 'fax')) return f.phone.number({ style: 'national' });
  if (has(ws, 'ip')) return f.internet.ipv4();
  if (last === 'address2' || (has(ws, 'address') && has(ws, '2', 'line2'))) return f.location.secondaryAddress();
  if (has(ws, 'address', 'address1', 'street')) return f.location.streetAddress();
  if (has(ws, 'city', 'town')) return f.location.city();
  if (has(ws, 'state', 'province', 'region')) return f.location.state({ abbreviated: true });
  if (has(ws, 'country')) return has(ws, 'code') ? f.location.countryCode() : f.location.country();
  if (has(ws, 'zip', 'zipcode', 'postal', 'postcode', 'postleitzahl')) return f.location.zipCode('#####');
  if (has(ws, 'image', 'avatar', 'photo', 'picture', 'thumbnail', 'logo')) return f.image.url();
  if (has(ws, 'url', 'link', 'website', 'uri', 'homepage', 'href')) return f.internet.url();
  if (has(ws, 'uuid', 'guid')) return f.string.uuid();
  if (has(ws, 'expression', 'formula', 'equation', 'expr'))
    return `${f.number.int({ min: 1, max: 50 })} + ${f.number.int({ min: 1, max: 50 })} * ${f.number.int({ min: 2, max: 9 })}`;
  // A person's birth date: an adult's, not a date from last year.
  if (has(ws, 'dob', 'birthday', 'birthdate') || (has(ws, 'birth') && has(ws, 'date', 'day')))
    return f.date.birthdate({ mode: 'age', min: 18, max: 80, refDate: REFERENCE_DATE }).toISOString().slice(0, 10);
  if (has(ws, 'date', 'day')) return f.date.past({ years: 3, refDate: REFERENCE_DATE }).toISOString().slice(0, 10);
  if (last === 'at' || has(ws, 'time', 'timestamp', 'datetime', 'created', 'updated')) return f.date.past({ years: 2, refDate: REFERENCE_DATE }).toISOString();
  if (has(ws, 'currency')) return f.finance.currencyCode();
  if (has(ws, 'color', 'colour')) return f.color.human();
  if (has(ws, 'language', 'lang')) return f.helpers.arrayElement(['en', 'fr', 'de', 'es', 'it', 'ja']);
  if (has(ws, 'gender', 'sex')) return f.person.sex();
  if (has(ws, 'company', 'organization', 'organisation', 'employer', 'business', 'brand', 'vendor', 'merchant')) return f.company.name();
  if (has(ws, 'job', 'position', 'occupation')) return f.person.jobTitle();
  if (has(ws, 'category', 'department', 'genre')) return f.commerce.department();
  if (has(ws, 'symbol', 'ticker')) return f.string.alpha({ length: { min: 3, max: 4 }, casing: 'upper' });
  if (has(ws, 'code', 'sku', 'coupon', 'isbn', 'vin')) return f.string.alphanumeric({ length: 8, casing: 'upper' });
  if (has(ws, 'token', 'secret', 'key', 'hash', 'checksum')) return f.string.alphanumeric(24);
  if (has(ws, 'reason', 'cause')) return f.helpers.arrayElement(REASONS);
  if (has(ws, 'title', 'subject', 'headline', 'label', 'topic')) return f.company.catchPhrase();
  if (has(ws, 'description', 'summary', 'bio', 'about', 'details')) return f.commerce.productDescription();
  if (
    has(ws, 'comment', 'note', 'notes', 'message', 'text', 'body', 'content', 'thought', 'feedback', 'review', 'reply', 'answer', 'question', 'query', 'prompt')
  )
    return f.hacker.phrase();
  if (has(ws, 'name', 'fullname')) {
    if (PEOPLE.has(entity)) return f.person.fullName();
    if (entity === 'city') return f.location.city();
    if (entity === 'country') return f.location.country();
    if (has(['company', 'organization', 'business', 'brand', 'shop', 'store', 'team'], entity)) return f.company.name();
    return f.commerce.productName();
  }
  return f.word.noun();
}

/** Why something was cancelled, refunded, banned or reported: short, plain and common to many APIs. */
const REASONS = [
  'No longer needed',
  'Ordered by mistake',
  'Found a better price elsewhere',
  'Arrived damaged',
  'Requested by the customer',
  'Duplicate request',
  'Violates the community guidelines',
  'Spam',
  'Changed plans',
  'Wrong size',
  'Scheduling conflict',
  'Account compromised',
];

function fakeNumber(f: Faker, ws: string[], integer: boolean): number {
  const last = ws[ws.length - 1] ?? '';
  const moneyWords = ['price', 'amount', 'cost', 'total', 'balance', 'fee', 'salary', 'payment', 'budget', 'revenue', 'value'];
  // How many people or nights (`adult`, `children`, `guests`): a few, whatever the number type.
  if (
    has(ws, 'adult', 'adults', 'child', 'children', 'infant', 'infants', 'guest', 'guests', 'people', 'persons', 'travelers', 'travellers', 'rooms', 'nights')
  )
    return f.number.int({ min: 1, max: 4 });
  // A whole number of things (`total_parcels`, `tickets`, `nights`): a few, not a price.
  if (integer && ws.length && /[^sui]s$/.test(last) && !moneyWords.some((m) => last.startsWith(m))) return f.number.int({ min: 1, max: 5 });
  const money = has(ws, ...moneyWords);
  const range = (min: number, max: number) => (integer ? f.number.int({ min, max }) : f.number.float({ min, max, fractionDigits: 2 }));
  if (money) return range(1, 1000);
  if (has(ws, 'phone', 'mobile', 'tel')) return f.number.int({ min: 2_000_000_000, max: 9_999_999_999 });
  if (has(ws, 'quantity', 'qty')) return f.number.int({ min: 1, max: 5 });
  if (has(ws, 'count', 'stock', 'limit', 'size', 'number', 'num', 'uses', 'max')) return f.number.int({ min: 1, max: 20 });
  if (has(ws, 'page')) return 1;
  if (has(ws, 'offset', 'skip', 'start')) return 0;
  if (has(ws, 'age')) return f.number.int({ min: 18, max: 90 });
  if (has(ws, 'year')) return f.number.int({ min: 1990, max: 2025 });
  if (has(ws, 'rating', 'score', 'stars')) return range(1, 5);
  if (has(ws, 'lat', 'latitude')) return f.location.latitude();
  if (has(ws, 'lon', 'lng', 'longitude')) return f.location.longitude();
  if (has(ws, 'percent', 'percentage', 'rate', 'ratio')) return range(0, 100);
  if (has(ws, 'timestamp', 'time', 'since', 'epoch')) return Math.floor(f.date.past({ years: 1, refDate: REFERENCE_DATE }).getTime() / 1000);
  return range(1, 1000);
}

/** A value for `name` that validates against the (clean) `schema`. */
export function fakeValue(f: Faker, name: string, schema: JsonSchema, ctx: FakeContext = {}, depth = 0): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length) return f.helpers.arrayElement(schema.enum);
  // Half the time the API's own example ("LHR", "economy", 1), when it fits the rest of the schema.
  const examples = Array.isArray(schema.examples) ? schema.examples.filter((v) => fitsSchema(v, schema)) : [];
  if (examples.length && f.datatype.boolean()) return f.helpers.arrayElement(examples);
  const ws = words(name);
  const type = mainType(schema);
  if (type === 'string') return fakeText(f, ws, schema, ctx);
  if (type === 'integer' || type === 'number') return fitNumber(f, fakeNumber(f, ws, type === 'integer'), schema, type === 'integer');
  if (type === 'boolean') return f.datatype.boolean();
  if (type === 'null') return null;
  if (type === 'array') {
    if (depth > 5) return [];
    const item = (schema.items ?? { type: 'string' }) as JsonSchema;
    const itemName = ws.length ? [...ws.slice(0, -1), singular(ws[ws.length - 1]!)].join('_') : 'item';
    const n = itemCount(f, schema);
    const out: unknown[] = [];
    const seen = new Set<string>();
    // Unique items: draws that repeat are dropped, a bounded number of times.
    for (let tries = 0; out.length < n && tries < n * 5; tries++) {
      const v = fakeValue(f, itemName, item, ctx, depth + 1);
      const k = JSON.stringify(v);
      if (schema.uniqueItems && seen.has(k)) continue;
      seen.add(k);
      out.push(v);
    }
    return out;
  }
  if (type === 'object') {
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (depth > 5) return {};
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    // Near the top every field (a row's address); deeper, what is required and a few others, so
    // a nested request body stays the size a person would send.
    const optional = Object.keys(props).filter((k) => !required.has(k));
    const keep = new Set(depth < 2 ? optional : f.helpers.arrayElements(optional, Math.min(optional.length, 2)));
    return Object.fromEntries(
      Object.entries(props)
        .filter(([k]) => required.has(k) || keep.has(k))
        .map(([k, s]) => [k, fakeValue(f, k, s, ctx, depth + 1)]),
    );
  }
  return f.word.noun();
}

/** Text for a string schema: its pattern, else its format, else the field's name; then fitted to its length. */
function fakeText(f: Faker, ws: string[], schema: JsonSchema, ctx: FakeContext): string {
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : null;
  const fit = (v: string) => fitLength(v, schema, () => f.word.noun());
  const ok = (v: string) => (!pattern || matchesPattern(v, pattern)) && fit(v) === v;
  const format = schema.format;
  // Integers written as text (snowflakes): as long as real ones, when the pattern agrees.
  if (typeof format === 'string' && DIGIT_FORMATS.has(format)) {
    const digits = `${f.number.int({ min: 1, max: 9 })}${f.string.numeric(format === 'int32' ? 8 : 18)}`;
    if (ok(digits)) return digits;
  }
  const byFormat = formatValue(f, format);
  const guess = byFormat ?? fakeString(f, ws, ctx);
  if (!pattern || matchesPattern(guess, pattern)) return fit(guess);
  for (let i = 0; i < 3; i++) {
    const v = fromPattern(f, pattern);
    if (v !== null && ok(v)) return v;
  }
  return fit(guess);
}

function formatValue(f: Faker, format: unknown): string | null {
  if (format === 'email') return f.internet.email().toLowerCase();
  if (format === 'date') return f.date.past({ years: 3, refDate: REFERENCE_DATE }).toISOString().slice(0, 10);
  if (format === 'date-time') return f.date.past({ years: 2, refDate: REFERENCE_DATE }).toISOString();
  if (format === 'uri') return f.internet.url();
  if (format === 'uuid') return f.string.uuid();
  if (format === 'ipv4') return f.internet.ipv4();
  return null;
}
