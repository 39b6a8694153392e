import { describe, expect, it } from 'vitest';
import { chainShare, isChained, scalarValues } from './chain-measure';

const call = (args: Record<string, unknown>, result: unknown = null) => ({ arguments: args, result });

describe('the chain measure', () => {
  it('takes every string and number inside a value, at any depth, as text; not booleans or blanks', () => {
    expect([...scalarValues({ a: 'x', b: [1, { c: 2.5, d: true, e: ' ', f: null }], g: NaN })].sort()).toEqual(['1', '2.5', 'x']);
  });

  it('calls a task chained when every later call shares a value with earlier arguments or results', () => {
    const chained = [
      call({ email: 'ann@example.com' }, ['user_1']),
      // From the first result, as text: 7 and "7" are the same value.
      call({ user_id: 'user_1' }, { orders: ['#W7'], zip: 90210 }),
      call({ order_id: '#W7', zip: '90210' }),
      // From the first call's arguments.
      call({ email: 'ann@example.com', reason: 'moved' }),
    ];
    expect(isChained(chained)).toBe(true);
    expect(isChained(chained.slice(0, 1))).toBe(true);
  });

  it('calls it unchained when one later call shares nothing, however the others chain', () => {
    const unchained = [
      call({ email: 'ann@example.com' }, ['user_1']),
      call({ user_id: 'user_1' }, { orders: ['#W7'] }),
      // Another user's order: nothing before named it.
      call({ order_id: '#W9', confirm: true }),
    ];
    expect(isChained(unchained)).toBe(false);
    // A call without arguments shares nothing either.
    expect(isChained([call({ q: 'x' }, [1]), call({})])).toBe(false);
  });

  it('gives the share over multi-step tasks only', () => {
    const one = { calls: [call({ a: 1 })] };
    const good = { calls: [call({ a: 1 }, { b: 2 }), call({ b: 2 })] };
    const bad = { calls: [call({ a: 1 }, { b: 2 }), call({ c: 3 })] };
    expect(chainShare([one, good, bad, good])).toEqual({ multiStep: 3, chained: 2, share: 2 / 3 });
    expect(chainShare([one])).toEqual({ multiStep: 0, chained: 0, share: 1 });
  });
});
