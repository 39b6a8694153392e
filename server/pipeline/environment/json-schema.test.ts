import { describe, expect, it } from 'vitest';
import { cleanSchema, mainType, mergeSchemas } from './json-schema';

describe('cleanSchema', () => {
  it('keeps type, enum, known formats, items and properties, and drops the rest', () => {
    expect(cleanSchema({ type: 'string', format: 'email', pattern: '^x', default: 3, description: 'E-mail' })).toEqual({ type: 'string', format: 'email', description: 'E-mail' });
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
    const level = { type: 'integer', oneOf: [{ title: 'NONE', description: 'unrestricted', const: 0 }, { title: 'LOW', const: 1 }] };
    expect(cleanSchema(level)).toEqual({ type: 'integer', enum: [0, 1] });
    expect(cleanSchema({ oneOf: [{ const: 'a' }, { const: 'b' }, { type: 'null' }] })).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(cleanSchema({ type: 'string', const: 'fixed' })).toEqual({ type: 'string', enum: ['fixed'] });
    // A oneOf of types is still read as its first branch.
    expect(cleanSchema({ oneOf: [{ type: 'null' }, { type: 'string', format: 'date' }] })).toEqual({ type: 'string', format: 'date' });
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
    expect(mergeSchemas({ type: 'string', description: 'd' }, { type: 'boolean' })).toEqual({ type: ['string', 'boolean'], description: 'd' });
  });
});
