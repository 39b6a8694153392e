import { describe, expect, it } from 'vitest';
import { capExamples } from './examples';
import { MAX_EXAMPLE_BYTES, MAX_TOOL_EXAMPLES } from './model';

describe('capExamples', () => {
  it('keeps small examples as they are, without repeats, at most MAX_TOOL_EXAMPLES', () => {
    const many = [1, 2, 2, 3, 4, 5].map((n) => ({ status: '200', value: { id: n } }));
    expect(capExamples(many)).toEqual([1, 2, 3].map((n) => ({ status: '200', value: { id: n } })));
    expect(capExamples(many)).toHaveLength(MAX_TOOL_EXAMPLES);
    expect(capExamples(undefined)).toEqual([]);
    expect(capExamples([{ name: 'nothing', value: undefined }])).toEqual([]);
  });

  it('shrinks a large list to its first items and long strings to their start, still valid JSON', () => {
    const page = { data: Array.from({ length: 200 }, (_, i) => ({ id: String(i), text: 'x'.repeat(2000) })), meta: { count: 200 } };
    const [small] = capExamples([{ name: 'page', value: page }]);
    const value = small!.value as typeof page;
    expect(JSON.stringify(small).length).toBeLessThanOrEqual(MAX_EXAMPLE_BYTES);
    expect(value.meta).toEqual({ count: 200 });
    expect(value.data.length).toBeGreaterThan(0);
    expect(value.data[0]!.id).toBe('0');
    expect(value.data[0]!.text.startsWith('xxx')).toBe(true);
    expect(value.data[0]!.text.length).toBeLessThan(2000);
  });

  it('drops an example that fits at no level (one key holding a huge object of huge keys)', () => {
    const wide = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`${'k'.repeat(400)}${i}`, 1]));
    expect(capExamples([{ value: wide }])).toEqual([]);
  });
});
