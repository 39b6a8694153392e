import { describe, expect, it } from 'vitest';
import type { EnvironmentSchema } from './model';
import { sampleArgs } from './sample-args';
import { seedState } from './seed-state';
import { SHOP } from './test-schema';

const state = seedState(SHOP, { seed: 5 });
const params = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
const ok = (r: ReturnType<typeof sampleArgs>) => {
  if (!r.ok) throw new Error(r.reason);
  return r.args;
};

describe('sampleArgs', () => {
  it('takes ids from rows that exist, in the parameter’s type', () => {
    const p = params({ order_id: { type: 'string' }, product_id: { type: 'integer' }, session_uuid: { type: 'string' } });
    const args = ok(sampleArgs(p, state, SHOP, { seed: 1, table: 'orders' }));
    expect(state.orders).toHaveProperty([args.order_id as string]);
    expect(typeof args.product_id).toBe('number');
    expect(state.products).toHaveProperty([String(args.product_id)]);
    expect(state.sessions).toHaveProperty([args.session_uuid as string]);
  });

  it('gives reads the target row’s own values, so filters match it', () => {
    const p = params({ user_id: { type: 'string' }, status: { type: 'string' } });
    for (let attempt = 0; attempt < 5; attempt++) {
      const args = ok(sampleArgs(p, state, SHOP, { seed: 1, attempt, table: 'orders', intent: 'read' }));
      expect(Object.values(state.orders!).some((o) => o.user_id === args.user_id && o.status === args.status)).toBe(true);
    }
  });

  it('gives creates a key that does not exist yet, and changes values from the column’s enum', () => {
    const created = ok(
      sampleArgs(params({ order_id: { type: 'string' }, user_id: { type: 'string' } }), state, SHOP, { seed: 1, table: 'orders', intent: 'create' }),
    );
    expect(state.orders).not.toHaveProperty([created.order_id as string]);
    expect(state.users).toHaveProperty([created.user_id as string]);
    const changed = ok(
      sampleArgs(params({ order_id: { type: 'string' }, status: { type: 'string' } }), state, SHOP, { seed: 1, table: 'orders', intent: 'change' }),
    );
    expect(['pending', 'delivered', 'cancelled']).toContain(changed.status);
  });

  it('leaves out optional cursors and transport details, and sends them when required', () => {
    const p = {
      type: 'object',
      properties: {
        user_id: { type: 'string' },
        max_id: { type: 'string' },
        next_max_id: { type: 'string' },
        cursor: { type: 'integer' },
        api_key: { type: 'string' },
        note: { type: 'string' },
      },
      required: ['user_id'],
    };
    const sent = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) for (const k of Object.keys(ok(sampleArgs(p, state, SHOP, { seed, table: 'orders' })))) sent.add(k);
    expect([...sent].sort()).toEqual(['note', 'user_id']);
    expect(ok(sampleArgs({ ...p, required: ['user_id', 'max_id'] }, state, SHOP, { seed: 1, table: 'orders' }))).toHaveProperty('max_id');
  });

  it('fills objects named after a table from its rows, and a column whose values repeat with one of them', () => {
    const create = ok(
      sampleArgs(
        params({
          order_id: { type: 'string' },
          products: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, gift: { type: 'boolean' } } } },
          status: { type: 'string' },
        }),
        state,
        SHOP,
        { seed: 3, table: 'orders', intent: 'create' },
      ),
    );
    const names = new Set(Object.values(state.products!).map((r) => r.name));
    for (const item of create.products as Array<{ name: string }>) expect(names).toContain(item.name);
    expect(new Set(Object.values(state.orders!).map((r) => r.status))).toContain(create.status);
  });

  it('never sends a value the parameter’s own schema refuses: a row value of another shape is redrawn', () => {
    // The seeded users are keyed `user_1`; this API wants digits, so the id is drawn from its pattern.
    const p = params({ user_id: { type: 'string', pattern: '^[0-9]{6}$' }, note: { type: 'string', maxLength: 8 } });
    for (let attempt = 0; attempt < 5; attempt++) {
      const args = ok(sampleArgs(p, state, SHOP, { seed: 1, attempt, table: 'orders', intent: 'read' }));
      expect(args.user_id).toMatch(/^[0-9]{6}$/);
      expect(String(args.note).length).toBeLessThanOrEqual(8);
    }
  });

  it('walks through different rows on retries', () => {
    const p = params({ order_id: { type: 'string' } });
    const ids = new Set(Array.from({ length: 20 }, (_, attempt) => ok(sampleArgs(p, state, SHOP, { seed: 1, attempt, table: 'orders' })).order_id));
    expect(ids.size).toBe(20);
  });

  it('fills enums, types, defaults and names plausibly; optional parameters only sometimes', () => {
    const p = params(
      {
        email: { type: 'string' },
        kind: { type: 'string', enum: ['a', 'b'] },
        count: { type: 'integer' },
        symbol: { type: 'string', default: 'BTCUSDT' },
        flag: { type: 'boolean' },
        note: { type: 'string' },
      },
      ['email', 'kind', 'count', 'symbol', 'flag'],
    );
    const runs = Array.from({ length: 20 }, (_, seed) => ok(sampleArgs(p, state, SHOP, { seed })));
    for (const a of runs) {
      expect(a.email).toMatch(/@/);
      expect(['a', 'b']).toContain(a.kind);
      expect(Number.isInteger(a.count)).toBe(true);
      expect(a.symbol).toBe('BTCUSDT');
      expect(typeof a.flag).toBe('boolean');
    }
    const withNote = runs.filter((a) => 'note' in a).length;
    expect(withNote).toBeGreaterThan(0);
    expect(withNote).toBeLessThan(20);
  });

  it('keeps made-up values within the parameter’s bounds and pattern, ids included', () => {
    const p = params({
      bags: { type: 'integer', minimum: 0, maximum: 3 },
      price: { type: 'number', exclusiveMinimum: 0, maximum: 5 },
      code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' },
      note: { type: 'string', maxLength: 5 },
      order_id: { type: 'string', pattern: '^[0-9]+$' },
    });
    for (let seed = 0; seed < 20; seed++) {
      const a = ok(sampleArgs(p, state, SHOP, { seed, table: 'orders', intent: 'change' }));
      expect(a.bags).toBeGreaterThanOrEqual(0);
      expect(a.bags).toBeLessThanOrEqual(3);
      expect(a.price).toBeGreaterThan(0);
      expect(a.price).toBeLessThanOrEqual(5);
      expect(a.code).toMatch(/^[A-Z]{3}-[0-9]{4}$/);
      expect((a.note as string).length).toBeLessThanOrEqual(5);
      // The seeded key breaks the API's pattern: an id that fits is drawn instead.
      expect(a.order_id).toMatch(/^[0-9]+$/);
    }
  });

  it('gives a read the target’s references in the parameter’s type (numeric keys as strings where the API takes strings)', () => {
    const a = ok(sampleArgs(params({ product_ids: { type: 'array', items: { type: 'string' } } }), state, SHOP, { seed: 1, table: 'orders', intent: 'read' }));
    expect((a.product_ids as unknown[]).every((id) => typeof id === 'string')).toBe(true);
    const one = ok(sampleArgs(params({ product_ids: { type: 'string' } }), state, SHOP, { seed: 1, table: 'orders', intent: 'read' }));
    expect(typeof one.product_ids).toBe('string');
  });

  it('gives reads a nested field and a lookup key of the row the target points at', () => {
    const zip = ok(sampleArgs(params({ zip: { type: 'string' } }), state, SHOP, { seed: 1, table: 'users', intent: 'read' }));
    expect(Object.values(state.users!).some((u) => (u.address as { zip?: string } | undefined)?.zip === zip.zip)).toBe(true);
    for (let attempt = 0; attempt < 5; attempt++) {
      const a = ok(sampleArgs(params({ user_email: { type: 'string' } }), state, SHOP, { seed: 1, attempt, table: 'orders', intent: 'read' }));
      const owners = Object.values(state.orders!).map((o) => state.users![o.user_id as string]!.email);
      expect(owners).toContain(a.user_email);
    }
  });

  it('is deterministic by seed', () => {
    const p = params({ order_id: { type: 'string' }, note: { type: 'string' } }, []);
    expect(sampleArgs(p, state, SHOP, { seed: 9, table: 'orders' })).toEqual(sampleArgs(p, state, SHOP, { seed: 9, table: 'orders' }));
  });

  it('says why when a required id has no rows to come from', () => {
    const empty: EnvironmentSchema = { tables: [SHOP.tables[0]!] };
    const r = sampleArgs(params({ user_id: { type: 'string' } }), { users: {} }, empty, { seed: 1, table: 'users' });
    expect(r).toEqual({ ok: false, reason: 'cannot sample user_id: users has 0 rows to take it from' });
  });
});
