import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox/sandbox';
import type { EnvironmentSchema, ToolCode } from './model';
import { SHOP } from './test-schema';
import { validateEnvironment } from './validate';

/**
 * Validation catching wrong behaviour, not only "does nothing": each check with a tool that is
 * wrong on purpose and one that is right, through validateEnvironment as generation runs it.
 */

const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());

const s = { type: 'string' };
type Extra = Partial<Pick<ToolCode, 'writes' | 'returns'>>;
const tool = (name: string, op: 'read' | 'write', body: string, properties: Record<string, unknown>, extra: Extra = {}): ToolCode => ({
  toolId: name,
  name,
  op,
  parameters: { type: 'object', properties, required: Object.keys(properties) },
  code: `(db, args) => { ${body} }`,
  ...extra,
});
/** One tool checked; `others` only take part in deciding which table each tool acts on. */
const check = async (schema: EnvironmentSchema, t: ToolCode, others: ToolCode[] = []) =>
  (await validateEnvironment({ schema, tools: [t, ...others] }, sandbox, { seed: 3, only: [t.name] })).tools[0]!;

const BANK: EnvironmentSchema = {
  tables: [
    {
      name: 'accounts',
      description: '',
      primaryKey: 'account_id',
      columns: { account_id: s, holder: s, note: s },
      required: ['account_id'],
      references: [],
    },
    {
      name: 'cards',
      description: '',
      primaryKey: 'card_id',
      columns: { card_id: s, account_id: s, status: { type: 'string', enum: ['active', 'blocked'] } },
      required: ['card_id', 'account_id', 'status'],
      references: [{ column: 'account_id', table: 'accounts' }],
    },
  ],
};

describe('a write must change the table its evidence names', () => {
  const blockCard = (body: string) => tool('block_card', 'write', body, { card_id: s });

  it('passes a block_card that blocks the card', async () => {
    const c = await check(
      BANK,
      blockCard(
        'const c = db.cards[args.card_id]; if (c.status === "blocked") throw new Error("card " + args.card_id + " is already blocked"); c.status = "blocked"; return c;',
      ),
    );
    expect(c.ok, c.detail).toBe(true);
    expect(c.detail).toMatch(/^changed cards\.card_\d+\.status/);
  });

  it('fails a block_card that no longer changes the card but notes it on the account', async () => {
    const c = await check(BANK, blockCard('const c = db.cards[args.card_id]; db.accounts[c.account_id].note = "card blocked"; return c;'));
    expect(c).toMatchObject({ ok: false });
    expect(c.detail).toMatch(
      /^block_card changed only accounts\.account_\d+\.note, not cards, the table its evidence names(; .*)? \(on all 10 sampled argument sets\)$/,
    );
  });

  it('fails a block_card that changes the card but no longer blocks it', async () => {
    const c = await check(
      BANK,
      tool('block_card', 'write', 'const c = db.cards[args.card_id]; c.account_id = Object.keys(db.accounts)[0]; return c;', { card_id: s }),
    );
    expect(c).toMatchObject({ ok: false });
    expect(c.detail).toMatch(/^block_card did not set cards\.status to blocked, as its name says \(it changed cards\.card_\d+\.account_id\)/);
  });

  it('fails a block_card that changes nothing', async () => {
    const c = await check(BANK, blockCard('return db.cards[args.card_id];'));
    expect(c).toMatchObject({ ok: false, detail: 'write tool did not change the state (on all 10 sampled argument sets)' });
  });

  it('takes the table a generator recorded (a grounded plan’s target) over the one the name points at', async () => {
    // The name says users, the evidence says orders: adding an order is right, editing the user is not.
    const props = { user_id: s };
    const addsOrder = 'const id = "order_new"; db.orders[id] = { order_id: id, user_id: args.user_id, status: "pending", product_ids: [] }; return id;';
    const right = await check(SHOP, tool('touch_user', 'write', addsOrder, props, { writes: ['orders'] }));
    expect(right.ok, right.detail).toBe(true);
    const wrong = await check(SHOP, tool('touch_user', 'write', 'db.users[args.user_id].name = "Touched"; return true;', props, { writes: ['orders'] }));
    expect(wrong.detail).toMatch(/^touch_user changed only users\.user_\d+\.name, not orders, the table its evidence names/);
  });

  it('passes a write that changes its table and others beside it', async () => {
    const c = await check(
      SHOP,
      tool('cancel_order', 'write', 'const o = db.orders[args.order_id]; o.status = "cancelled"; db.users[o.user_id].name = "Cancelled Once"; return o;', {
        order_id: s,
      }),
    );
    expect(c.ok, c.detail).toBe(true);
  });

  it('keeps tolerating refusals: a write refused on some rows passes on another', async () => {
    const c = await check(
      BANK,
      blockCard(
        'const c = db.cards[args.card_id]; if (!args.card_id.endsWith("5")) throw new Error("card " + args.card_id + " cannot be blocked"); c.status = "blocked";',
      ),
    );
    expect(c.ok, c.detail).toBe(true);
    expect(c.detail).toMatch(/\(attempt \d+; before: threw: card card_\d+ cannot be blocked/);
  });
});

describe('a read that returns nothing where rows match its arguments is flagged', () => {
  const byEmail = (body: string) => tool('find_user_by_email', 'read', body, { email: s });

  it('flags a lookup by an email a user has that always returns []', async () => {
    const c = await check(SHOP, byEmail('return [];'));
    expect(c).toMatchObject({ ok: false });
    expect(c.detail).toMatch(
      /^find_user_by_email returned nothing \(an empty list\) for \{"email":"[^"]+@[^"]+"\}, though users\.user_\d+ matches those arguments(; .*)? \(on all 10 sampled argument sets\)$/,
    );
  });

  it('passes the lookup that finds the user', async () => {
    const c = await check(SHOP, byEmail('return Object.values(db.users).filter((u) => u.email === args.email);'));
    expect(c).toMatchObject({ ok: true, detail: 'returned 1 item' });
  });

  it('flags null and {} as nothing too', async () => {
    expect((await check(SHOP, byEmail('return null;'))).detail).toMatch(/^find_user_by_email returned nothing \(null\)/);
    expect((await check(SHOP, byEmail('return {};'))).detail).toMatch(/^find_user_by_email returned nothing \(an empty object\)/);
  });

  it('samples a lookup key from the row the target points at, and flags a listing that ignores it', async () => {
    // Orders of the user with this email: the email is the target order's user's. With get_order
    // beside it the domain knows orders, so the listing acts on them (alone it would act on users).
    const props = { user_email: s };
    const getOrder = tool('get_order', 'read', 'return db.orders[args.order_id];', { order_id: s });
    const right = await check(
      SHOP,
      tool(
        'list_orders_by_user_email',
        'read',
        'const u = Object.values(db.users).find((x) => x.email === args.user_email); return u ? Object.values(db.orders).filter((o) => o.user_id === u.user_id) : [];',
        props,
      ),
      [getOrder],
    );
    expect(right.ok, right.detail).toBe(true);
    expect(right.detail).toMatch(/^returned \d+ items?$/);
    const wrong = await check(
      SHOP,
      tool('list_orders_by_user_email', 'read', 'return Object.values(db.orders).filter((o) => o.user_id === args.user_email);', props),
      [getOrder],
    );
    expect(wrong.detail).toMatch(
      /^list_orders_by_user_email returned nothing \(an empty list\) for \{"user_email":"[^"]+"\}, though orders\.order_\d+ matches those arguments/,
    );
  });

  it('finds nested fields (zip in address) to sample and to match', async () => {
    const props = { zip: s };
    const wrong = await check(SHOP, tool('find_users_by_zip', 'read', 'return Object.values(db.users).filter((u) => u.zip === args.zip);', props));
    expect(wrong.detail).toMatch(/^find_users_by_zip returned nothing \(an empty list\) for \{"zip":"\d+"\}, though users\.user_\d+ matches/);
    const right = await check(
      SHOP,
      tool('find_users_by_zip', 'read', 'return Object.values(db.users).filter((u) => u.address && u.address.zip === args.zip);', props),
    );
    expect(right.ok, right.detail).toBe(true);
  });

  it('does not flag an empty result when the arguments may rightly match nothing', async () => {
    // A bound, not a value to equal; a status the name asks for; no filtering argument at all.
    const after = await check(SHOP, tool('list_orders_placed_after', 'read', 'return [];', { placed_after: { type: 'string', format: 'date-time' } }));
    expect(after).toMatchObject({ ok: true, detail: 'returned 0 items' });
    const pending = await check(
      SHOP,
      tool('list_pending_orders', 'read', 'return Object.values(db.orders).filter((o) => o.user_id === args.user_id && o.status === "pending");', {
        user_id: s,
      }),
    );
    expect(pending.ok, pending.detail).toBe(true);
    const none = await check(SHOP, tool('list_orders', 'read', 'return [];', {}));
    expect(none.ok, none.detail).toBe(true);
  });
});

describe('arguments and results fit the tool’s own schemas', () => {
  const getOrder = (
    orderId: Record<string, unknown>,
    extra: Extra = {},
    body = 'const o = db.orders[args.order_id]; if (!o) throw new Error("no order " + args.order_id); return o;',
  ) => tool('get_order', 'read', body, { order_id: orderId }, extra);

  it('fails a tool whose seeded ids break its parameters’ pattern (ids the API would refuse)', async () => {
    // The sampler never sends an id its schema refuses: it draws one that fits, which names no seeded row.
    const c = await check(SHOP, getOrder({ type: 'string', pattern: '^(0|[1-9][0-9]*)$' }));
    expect(c).toMatchObject({ ok: false });
    expect(c.detail).toMatch(/^threw: no order \d+ \(on all 10 sampled argument sets\)$/);
  });

  it('passes ids that fit the pattern', async () => {
    const c = await check(SHOP, getOrder({ type: 'string', pattern: '^order_[0-9]+$' }));
    expect(c.ok, c.detail).toBe(true);
  });

  const returns = {
    type: 'object',
    required: ['order_id', 'status'],
    properties: { order_id: s, status: { type: 'string', enum: ['pending', 'delivered', 'cancelled'] }, placed_at: { type: 'string', nullable: true } },
  };

  it('fails a result its returns schema rejects', async () => {
    const c = await check(SHOP, getOrder(s, { returns }, 'const o = db.orders[args.order_id]; return { id: o.order_id, status: o.status };'));
    expect(c.detail).toMatch(/^get_order returned a result its returns schema rejects: lacks required order_id(; .*)? \(on all 10 sampled argument sets\)$/);
    const wrongType = await check(SHOP, getOrder(s, { returns: { type: 'array' } }));
    expect(wrongType.detail).toMatch(/^get_order returned a result its returns schema rejects: the result must be array \(got \{"order_id":/);
  });

  it('passes a result that fits, OpenAPI’s nullable fields included', async () => {
    const c = await check(SHOP, getOrder(s, { returns }, 'const o = db.orders[args.order_id]; return { ...o, placed_at: null };'));
    expect(c).toMatchObject({ ok: true });
    expect(c.detail).toMatch(/^returned an object \(order_id/);
  });

  it('checks writes’ results too', async () => {
    const c = await check(
      SHOP,
      tool(
        'cancel_order',
        'write',
        'db.orders[args.order_id].status = "cancelled"; return "done";',
        { order_id: s },
        { returns: { type: 'object', properties: { status: s } } },
      ),
    );
    expect(c.detail).toMatch(/^cancel_order returned a result its returns schema rejects: the result must be object \(got "done"\)/);
  });
});
