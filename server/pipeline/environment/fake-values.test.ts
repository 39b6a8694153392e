import Ajv from 'ajv';
import { faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { fakeValue, seededFaker } from './fake-values';
import { cleanSchema } from './json-schema';

/** An independent check, formats included. */
const ajv = new Ajv({ strict: false, validateFormats: true, logger: false });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat('uri', /^https?:\/\/\S+$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('ipv4', /^(\d{1,3}\.){3}\d{1,3}$/);
ajv.addFormat('snowflake', /^[1-9]\d{17,18}$/);

const draws = (name: string, raw: Record<string, unknown>, n = 40) => Array.from({ length: n }, (_, i) => fakeValue(seededFaker(i), name, cleanSchema(raw)));

describe('fakeValue', () => {
  it('meets the schema: bounds, steps, lengths, item counts, uniqueness, patterns, formats, constants', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['delete_message_seconds', { type: 'integer', minimum: 0, maximum: 604800 }],
      ['price', { type: 'number', exclusiveMinimum: 0, maximum: 5 }],
      ['rate_limit', { type: 'integer', minimum: 10, maximum: 21600, multipleOf: 10 }],
      ['amount', { type: 'number', minimum: 1, multipleOf: 0.25 }],
      ['count', { type: 'integer', minimum: 100 }],
      ['name', { type: 'string', minLength: 30, maxLength: 40 }],
      ['topic', { type: 'string', maxLength: 5 }],
      ['tags', { type: 'array', items: { type: 'string', maxLength: 20 }, minItems: 4, maxItems: 5, uniqueItems: true }],
      ['role_ids', { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, maxItems: 2, uniqueItems: true }],
      ['colour', { type: 'string', pattern: '^#[0-9a-f]{6}$' }],
      ['team_id', { oneOf: [{ type: 'null' }, { type: 'string', pattern: '^(0|[1-9][0-9]*)$', format: 'snowflake' }] }],
      ['contact', { type: 'string', format: 'email', maxLength: 254 }],
      ['homepage', { type: 'string', format: 'uri' }],
      ['starts', { type: 'string', format: 'date-time' }],
      ['born', { type: 'string', format: 'date' }],
      ['ref', { type: 'string', format: 'uuid' }],
      ['address', { type: 'string', format: 'ipv4' }],
      [
        'auto_archive_duration',
        {
          type: 'integer',
          oneOf: [
            { title: 'ONE_HOUR', const: 60 },
            { title: 'ONE_DAY', const: 1440 },
          ],
        },
      ],
      ['body', { type: 'object', properties: { default: { type: 'string', maxLength: 4 }, other: { type: 'integer', maximum: -3 } }, required: ['default'] }],
    ];
    for (const [name, raw] of cases) {
      const validate = ajv.compile(raw);
      for (const v of draws(name, raw)) expect(validate(v), `${name}: ${JSON.stringify(v)} ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('has common sense: small quantities, prices in cents, snowflake-length ids', () => {
    for (const q of draws('quantity', { type: 'integer' })) expect(q).toSatisfy((n: number) => Number.isInteger(n) && n >= 1 && n <= 5);
    for (const p of draws('price', { type: 'number' })) expect(Math.round((p as number) * 100) / 100).toBe(p);
    for (const id of draws('guild_id', { type: 'string', format: 'snowflake' })) expect(id).toMatch(/^[1-9]\d{18}$/);
    // Counts of things are a few, even next to a money word.
    for (const name of ['total_parcels', 'tickets', 'nights'])
      for (const n of draws(name, { type: 'integer' })) expect(n).toSatisfy((x: number) => x >= 1 && x <= 5);
    for (const n of draws('adult', { type: 'number' })) expect(n).toSatisfy((x: number) => Number.isInteger(x) && x >= 1 && x <= 4);
    // The API's own example about half the time, when it fits the schema.
    const airports = draws('from', { type: 'string', default: 'LHR' });
    expect(airports.filter((a) => a === 'LHR').length).toBeGreaterThan(8);
    expect(airports.filter((a) => a !== 'LHR').length).toBeGreaterThan(8);
    expect(draws('code', { type: 'string', default: 'LHR', pattern: '^[0-9]+$' }).includes('LHR')).toBe(false);
    // Birth dates are adults', 18 to 80 years before the reference day (2025-01-15).
    for (const name of ['dob', 'date_of_birth', 'birthdate'])
      for (const d of draws(name, { type: 'string' })) expect(d).toSatisfy((s: string) => s >= '1944-01-01' && s <= '2007-01-15');
  });

  it('writes titles, reasons and messages in plain English, never Latin filler', () => {
    const latin = new Set(faker.definitions.lorem.word.filter((w) => w.length >= 6));
    for (const name of ['title', 'reason', 'description', 'message', 'comment', 'nickname', 'whatever']) {
      const words = draws(name, { type: 'string' }).flatMap(
        (v) =>
          String(v)
            .toLowerCase()
            .match(/[a-z]+/g) ?? [],
      );
      expect(
        words.filter((w) => latin.has(w)),
        name,
      ).toEqual([]);
    }
  });
});
