import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_DATE } from '../environment/fake-values';
import type { State } from '../kernel/state';
import { Sandbox } from '../sandbox/sandbox';
import { CarriedSession } from './session';

const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());

const initial = (): State => ({ orders: { a: { id: 'a', status: 'pending' }, b: { id: 'b', status: 'delivered' } } });
const opts = { seed: 3, now: REFERENCE_DATE };

/** Marks the order, then refuses unless it is pending: a refusal that leaves a change behind. */
const CANCEL =
  '(db, args) => { const o = db.orders[args.id]; o.touched = true; if (o.status !== "pending") throw new Error("not pending"); o.status = "cancelled"; return o; }';
const GET = '(db, args) => db.orders[args.id]';

describe('CarriedSession', () => {
  it('carries accepted calls and rolls back to the last good state after a refusal that changed it', async () => {
    const s = new CarriedSession(sandbox, initial(), opts);
    try {
      const refused = await s.attempt(CANCEL, 'write', { id: 'b' });
      expect(refused).toEqual({ ok: false, kind: 'tool', message: 'not pending' });
      expect(s.state).toEqual(initial());
      // The next call runs on the good state, not on the half-done one.
      expect(await s.attempt(GET, 'read', { id: 'b' })).toMatchObject({ ok: true, result: { id: 'b', status: 'delivered' } });
      const done = await s.attempt(CANCEL, 'write', { id: 'a' });
      expect(done).toMatchObject({ ok: true, result: { status: 'cancelled', touched: true } });
      expect(await s.attempt(GET, 'read', { id: 'a' })).toMatchObject({ ok: true, result: { status: 'cancelled' } });
      expect(s.state.orders!.a).toEqual({ id: 'a', status: 'cancelled', touched: true });
    } finally {
      await s.close();
    }
  });

  it('refuses a write that changes nothing and a read that changes something', async () => {
    const s = new CarriedSession(sandbox, initial(), opts);
    try {
      expect(await s.attempt(GET, 'write', { id: 'a' })).toMatchObject({ ok: false, kind: 'unchanged' });
      expect(await s.attempt(CANCEL, 'read', { id: 'a' })).toMatchObject({ ok: false, kind: 'read_changed' });
      expect(await s.attempt(GET, 'read', { id: 'a' })).toMatchObject({ ok: true, result: { status: 'pending' } });
    } finally {
      await s.close();
    }
  });

  it('opens a new session from the last good state after a fatal error', async () => {
    const s = new CarriedSession(sandbox, initial(), opts);
    try {
      expect(await s.attempt(CANCEL, 'write', { id: 'a' })).toMatchObject({ ok: true });
      const loop = await s.attempt('(db) => { db.orders.a.status = "x"; while (true) {} }', 'write', {});
      expect(loop).toMatchObject({ ok: false, kind: 'timeout' });
      expect(await s.attempt(GET, 'read', { id: 'a' })).toMatchObject({ ok: true, result: { status: 'cancelled' } });
    } finally {
      await s.close();
    }
  });
});
