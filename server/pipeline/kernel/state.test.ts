import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { canonicalJson, diffStates, sameJson } from './state';

/** What canonicalJson wrote before it was written out by hand: its text must not change (stored hashes). */
const replacerJson = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** Random JSON-ish values with the awkward parts: index-like keys, unicode, undefined, NaN, -0, dates, nesting. */
function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const r = random();
  if (depth <= 0 || r < 0.35)
    return pick<unknown>([
      0,
      -0,
      1.5,
      -3,
      1e21,
      2 ** 53,
      NaN,
      Infinity,
      'plain',
      'quote " and \\ back',
      'é ü 中 😀',
      '',
      true,
      false,
      null,
      undefined,
      new Date(Date.UTC(2020, 1, 2)),
    ]);
  if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
  const keys = ['b', 'a', '10', '9', '0', '01', '-1', '1.5', 'Z', 'é', '4294967295', '4294967294', '__proto_', 'id', ''];
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 6); i > 0; i--) o[pick(keys)] = randomValue(random, depth - 1);
  return o;
}

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

  it('writes canonical JSON exactly as JSON.stringify with sorted keys does, index-like keys first', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(random, 4);
      expect(canonicalJson(v), replacerJson(v)).toBe(replacerJson(v));
    }
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, a: [undefined, () => 1] })).toBe('{"9":3,"10":2,"a":[null,null],"b":1}');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
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
