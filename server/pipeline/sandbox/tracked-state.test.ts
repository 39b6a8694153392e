import { describe, expect, it } from 'vitest';
import { diffStates, type State } from '../kernel/state';
import { TrackedState } from './tracked-state';

const initial: State = { orders: { a: { id: 'a', status: 'pending' }, b: { id: 'b', status: 'paid' } }, users: { u: { id: 'u', name: 'Ada' } } };

describe('TrackedState', () => {
  it('gives each call the rows that moved since the last report, as diffStates would, and the state they add up to', () => {
    const t = new TrackedState(initial);
    const s1: State = { ...initial, orders: { ...initial.orders, a: { id: 'a', status: 'cancelled' } } };
    expect(t.advance([{ table: 'orders', key: 'a', before: initial.orders!.a!, after: s1.orders!.a! }])).toEqual(diffStates(initial, s1));

    // The next call adds a row and puts order a back as it was: only those move.
    const s2: State = { ...s1, orders: { ...initial.orders, c: { id: 'c', status: 'new' } } };
    const step2 = t.advance([{ table: 'orders', key: 'c', after: s2.orders!.c! }]);
    expect(step2).toEqual(diffStates(s1, s2));
    expect(t.state()).toEqual(s2);

    // A removal, with nothing else changed since.
    const s3: State = { ...s2, users: {} };
    expect(
      t.advance([
        { table: 'orders', key: 'c', after: s2.orders!.c! },
        { table: 'users', key: 'u', before: initial.users!.u! },
      ]),
    ).toEqual(diffStates(s2, s3));
    expect(t.state()).toEqual(s3);
    // The initial state is never changed in place.
    expect(initial.orders!.a!.status).toBe('pending');
    expect(initial.users!.u).toBeDefined();
  });
});
