import { describe, expect, it } from 'vitest';
import { canonicalJson, diffStates, sameJson } from './state';

describe('state diff', () => {
  const before = {
    orders: { o1: { id: 'o1', status: 'pending', items: [1, 2] }, o2: { id: 'o2', status: 'pending' } },
    users: { u1: { id: 'u1', name: { first: 'Ada', last: 'L' } } },
  };

  it('finds added, removed and changed rows, naming the changed fields', () => {
    const after = {
      orders: { o1: { id: 'o1', status: 'cancelled', items: [1, 2] }, o3: { id: 'o3', status: 'new' } },
      users: { u1: { id: 'u1', name: { last: 'L', first: 'Ada' } } },
    };
    expect(diffStates(before, after)).toEqual([
      { table: 'orders', key: 'o1', kind: 'changed', before: before.orders.o1, after: after.orders.o1, fields: ['status'] },
      { table: 'orders', key: 'o2', kind: 'removed', before: before.orders.o2 },
      { table: 'orders', key: 'o3', kind: 'added', after: after.orders.o3 },
    ]);
  });

  it('sees no change in a deep copy, and treats key order as irrelevant', () => {
    expect(diffStates(before, structuredClone(before))).toEqual([]);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('reports a whole table that appears or disappears row by row', () => {
    const changes = diffStates({}, { tags: { t1: { id: 't1' } } });
    expect(changes).toEqual([{ table: 'tags', key: 't1', kind: 'added', after: { id: 't1' } }]);
  });

  it('compares JSON values as canonical JSON does, without building it', () => {
    const cases: Array<[unknown, unknown]> = [
      [
        { a: 1, b: { c: [1, { d: 2 }] } },
        { b: { c: [1, { d: 2 }] }, a: 1 },
      ],
      [{ a: 1 }, { a: 1, b: undefined }],
      [
        [1, 2],
        [2, 1],
      ],
      [{ a: null }, { a: 0 }],
      [{ a: [] }, { a: {} }],
      ['1', 1],
      [{ a: { b: 1 } }, { a: { b: 1, c: 2 } }],
    ];
    for (const [a, b] of cases) expect(sameJson(a, b), JSON.stringify([a, b])).toBe(canonicalJson(a) === canonicalJson(b));
  });
});
