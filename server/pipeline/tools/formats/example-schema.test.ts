import { describe, expect, it } from 'vitest';
import { schemaOfExample, schemaOfExamples } from './example-schema';

describe('schemaOfExample', () => {
  it('detects formats strictly: a name with a colon or an @ handle is no uri or email', () => {
    expect(schemaOfExamples(['2024-01-02', '2023-12-31'])).toEqual({ type: 'string', format: 'date' });
    expect(schemaOfExamples(['2024-01-02', 'tomorrow'])).toEqual({ type: 'string' });
    expect(schemaOfExample('Re: hello')).toEqual({ type: 'string' });
    expect(schemaOfExample('@jack')).toEqual({ type: 'string' });
    expect(schemaOfExample('123e4567-e89b-12d3-a456-426614174000')).toEqual({ type: 'string', format: 'uuid' });
  });

  it('null and empty lists say nothing; a later value fills them in', () => {
    expect(
      schemaOfExamples([
        { a: null, b: [] },
        { a: 3, b: ['x'] },
      ]),
    ).toEqual({ type: 'object', properties: { a: { type: 'integer' }, b: { type: 'array', items: { type: 'string' } } } });
  });

  it('is bounded in depth and in properties', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const s = JSON.stringify(schemaOfExample(deep));
    expect(s).not.toContain('leaf');
    expect((s.match(/next/g) ?? []).length).toBe(6);
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(schemaOfExample(wide).properties as object)).toHaveLength(60);
  });
});
