import { describe, expect, it } from 'vitest';
import { cleanSchema, mainType, mergeSchemas } from './json-schema';

describe('cleanSchema', () => {
  it('keeps type, enum, known formats, items and properties, and drops the rest', () => {
    expect(cleanSchema({ type: 'string', format: 'email', pattern: '^(?=x)', default: 3, description: 'E-mail' })).toEqual({
      type: 'string',
      format: 'email',
      description: 'E-mail',
    });
    expect(cleanSchema({ type: 'array', items: { type: 'int' } })).toEqual({ type: 'array', items: { type: 'integer' } });
    expect(cleanSchema({ properties: { a: { type: 'bool' } } })).toEqual({ type: 'object', properties: { a: { type: 'boolean' } } });
  });

  it('repairs loose schemas from real collections', () => {
    expect(cleanSchema({ type: 'str' })).toEqual({ type: 'string' });
    expect(cleanSchema({ type: 'whatever' })).toEqual({ type: 'string' });
    expect(cleanSchema(null)).toEqual({ type: 'string' });
    expect(cleanSchema({ type: 'string', enum: [1, 2] })).toEqual({ type: 'number', enum: [1, 2] });
    expect(cleanSchema({ anyOf: [{ type: 'null' }, { type: 'integer' }] })).toEqual({ type: 'integer' });
  });

  it('reads a oneOf of consts (one title and description per value) and a lone const as an enum', () => {
    const level = {
      type: 'integer',
      oneOf: [
        { title: 'NONE', description: 'unrestricted', const: 0 },
        { title: 'LOW', const: 1 },
      ],
    };
    expect(cleanSchema(level)).toEqual({ type: 'integer', enum: [0, 1] });
    expect(cleanSchema({ oneOf: [{ const: 'a' }, { const: 'b' }, { type: 'null' }] })).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(cleanSchema({ type: 'string', const: 'fixed' })).toEqual({ type: 'string', enum: ['fixed'] });
    // A oneOf of types is still read as its first branch.
    expect(cleanSchema({ oneOf: [{ type: 'null' }, { type: 'string', format: 'date' }] })).toEqual({ type: 'string', format: 'date' });
  });

  it('keeps what the API constrains: generatable patterns, digit formats, bounds, required fields', () => {
    const snowflake = { type: 'string', pattern: '^(0|[1-9][0-9]*)$', format: 'snowflake' };
    expect(cleanSchema(snowflake)).toEqual(snowflake);
    expect(cleanSchema({ type: ['integer', 'null'], minimum: 0, maximum: 604800, multipleOf: 60 })).toEqual({
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 604800,
      multipleOf: 60,
    });
    expect(cleanSchema({ type: 'number', minimum: 0, exclusiveMinimum: true })).toEqual({ type: 'number', exclusiveMinimum: 0 });
    expect(cleanSchema({ type: 'string', minLength: 1, maxLength: 100, format: 'ipv4' })).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 100,
      format: 'ipv4',
    });
    expect(cleanSchema({ type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5, uniqueItems: true })).toEqual({
      type: 'array',
      items: { type: 'string' },
      minItems: 1,
      maxItems: 5,
      uniqueItems: true,
    });
    expect(cleanSchema({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a', 'zz'] })).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      required: ['a'],
    });
  });

  it('reads enums written as constants, as Discord writes them', () => {
    const duration = {
      oneOf: [
        { type: 'null' },
        {
          type: 'integer',
          oneOf: [
            { title: 'ONE_HOUR', const: 60 },
            { title: 'ONE_DAY', const: 1440 },
          ],
          format: 'int32',
        },
      ],
    };
    expect(cleanSchema(duration)).toEqual({ type: 'integer', enum: [60, 1440] });
    expect(cleanSchema({ const: 'bot' })).toEqual({ type: 'string', enum: ['bot'] });
    // An enum narrowed by an allOf branch: only values both allow.
    expect(cleanSchema({ type: 'integer', enum: [1, 2], allOf: [{ type: 'integer', oneOf: [{ const: 1 }, { const: 3 }] }] })).toEqual({
      type: 'integer',
      enum: [1],
    });
  });

  it('tells the main type', () => {
    expect(mainType({ type: ['null', 'number'] })).toBe('number');
    expect(mainType({ enum: ['a'] })).toBe('string');
  });
});

describe('mergeSchemas', () => {
  it('accepts what either side accepts', () => {
    expect(mergeSchemas({ type: 'array', items: { type: 'string', enum: ['a'] } }, { type: 'array', items: { type: 'string', enum: ['b'] } })).toEqual({
      type: 'array',
      items: { type: 'string', enum: ['a', 'b'] },
    });
    expect(mergeSchemas({ type: 'string', enum: ['a'], format: 'email' }, { type: 'string' })).toEqual({ type: 'string' });
    expect(mergeSchemas({ type: 'integer' }, { type: 'number' })).toEqual({ type: 'number' });
    // A bound only one side has would refuse the other side's values.
    expect(mergeSchemas({ type: 'integer', minimum: 1, maximum: 10 }, { type: 'integer', minimum: 1 })).toEqual({ type: 'integer', minimum: 1 });
    expect(mergeSchemas({ type: 'string', pattern: '^[0-9]+$' }, { type: 'string' })).toEqual({ type: 'string' });
    expect(mergeSchemas({ type: 'string', description: 'd' }, { type: 'boolean' })).toEqual({ type: ['string', 'boolean'], description: 'd' });
  });
});
