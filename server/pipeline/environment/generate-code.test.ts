import { afterAll, describe, expect, it } from 'vitest';
import type { CodeTool } from './code-plan';
import { generateCode } from './generate-code';
import type { CallOutcome } from '../kernel/calls';
import type { EnvironmentSchema } from './model';
import type { State } from '../kernel/state';
import { seedState } from './seed-state';
import { Sandbox } from '../sandbox/sandbox';
import { SHOP } from './test-schema';
import { validateState } from './validate-state';

const schema: EnvironmentSchema = {
  tables: [
    ...SHOP.tables,
    {
      name: 'tickets',
      description: '',
      primaryKey: 'ticket_id',
      columns: { ticket_id: { type: 'string' }, subject: { type: 'string' }, last_action: { type: 'string' } },
      required: ['ticket_id'],
      references: [],
    },
  ],
};
const state = seedState(schema, { seed: 4, rows: 6 });
const table = (name: string) => schema.tables.find((t) => t.name === name)!;
const tool = (name: string, op: 'read' | 'write', properties: Record<string, unknown> = {}, required = Object.keys(properties)): CodeTool => ({
  name,
  op,
  parameters: { type: 'object', properties, required },
});
const s = { type: 'string' };

const sandbox = new Sandbox({ workers: 1 });
afterAll(() => sandbox.close());

/** Calls `code` in the sandbox on `db`: the outcome, and the database afterwards. */
async function runIn(code: string, db: State, args: Record<string, unknown>) {
  const { state: after, ...outcome } = await sandbox.run(code, db, args);
  return { code, outcome: outcome as CallOutcome, db: after! };
}

/** Generates the tool's code for `tableName` and calls it on the seeded state. */
const call = (t: CodeTool, tableName: string | null, args: Record<string, unknown>) =>
  runIn(generateCode(t, tableName ? table(tableName) : null, schema), state, args);
const result = (r: Awaited<ReturnType<typeof call>>) => {
  if (!r.outcome.ok) throw new Error(`${r.outcome.error.kind}: ${r.outcome.error.message}\n${r.code}`);
  return r.outcome.result as never;
};
const error = (r: Awaited<ReturnType<typeof call>>) => (r.outcome.ok ? null : r.outcome.error.message);
const pendingOrder = () => Object.values(state.orders!).find((o) => o.status === 'pending')!;
const orderWith = (status: string) => Object.values(state.orders!).find((o) => o.status === status)!;

describe('generated reads', () => {
  it('get: the row by key, or the API’s not-found error', async () => {
    const get = tool('get_order_details', 'read', { order_id: s });
    expect(result(await call(get, 'orders', { order_id: 'order_2' }))).toEqual(state.orders!.order_2);
    expect(error(await call(get, 'orders', { order_id: 'nope' }))).toBe('order nope not found');
  });

  it('list: filters by the arguments that name columns, by the name’s status word, and pages', async () => {
    const user = state.orders!.order_1!.user_id;
    const rows = result(await call(tool('list_orders', 'read', { user_id: s, limit: { type: 'integer' } }, []), 'orders', { user_id: user })) as Array<{
      user_id: string;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.user_id === user)).toBe(true);
    expect(result(await call(tool('list_orders', 'read', { limit: { type: 'integer' } }, []), 'orders', { limit: 2 }))).toHaveLength(2);
    const pending = result(await call(tool('list_pending_orders', 'read'), 'orders', {})) as Array<{ status: string }>;
    expect(pending.map((o) => o.status)).toEqual(
      Object.values(state.orders!)
        .filter((o) => o.status === 'pending')
        .map(() => 'pending'),
    );
  });

  it('search: substrings of text columns or of any text, and ids when the name asks for ids', async () => {
    const name = state.users!.user_3!.name as string;
    const found = result(await call(tool('find_user_id_by_name', 'read', { name: s }), 'users', { name: name.slice(1, 5).toUpperCase() })) as string[];
    expect(found).toContain('user_3');
    const byQuery = result(await call(tool('search_users', 'read', { query: s }), 'users', { query: state.users!.user_4!.email })) as Array<{
      user_id: string;
    }>;
    expect(byQuery.map((u) => u.user_id)).toEqual(['user_4']);
  });

  it('compute: a count and totals over matching rows; without a table, arithmetic or an echo', async () => {
    const r = result(await call(tool('count_products', 'read'), 'products', {})) as { count: number; totals: { price: number } };
    expect(r.count).toBe(6);
    expect(r.totals.price).toBeCloseTo(
      Object.values(state.products!).reduce((a, p) => a + (p.price as number), 0),
      1,
    );
    expect(result(await call(tool('calculate', 'read', { expression: s }), null, { expression: '(2 + 3) * 4 - 10 / 4' }))).toBe(17.5);
    expect(error(await call(tool('calculate', 'read', { expression: s }), null, { expression: '2 +' }))).toMatch(/invalid expression/);
    expect(result(await call(tool('think', 'read', { thought: s }), null, { thought: 'hm' }))).toEqual({ ok: true, received: { thought: 'hm' } });
  });

  it('never change the state, whatever the verb says (a GET named Set_Item is a read)', async () => {
    const reads: Array<[CodeTool, string | null, Record<string, unknown>]> = [
      [tool('get_order', 'read', { order_id: s }), 'orders', { order_id: 'order_1' }],
      [tool('list_orders', 'read', { status: s }), 'orders', { status: 'pending' }],
      [tool('search_users', 'read', { q: s }), 'users', { q: 'a' }],
      [tool('count_orders', 'read'), 'orders', {}],
      [tool('CatalogAPI_Set_Ticket_Subject', 'read', { ticket_id: s, subject: s }), 'tickets', { ticket_id: 'ticket_1', subject: 'x' }],
    ];
    for (const [t, name, args] of reads) {
      const r = await call(t, name, args);
      expect(r.outcome.ok, r.code).toBe(true);
      expect(r.db).toEqual(state);
    }
  });
});

describe('generated writes', () => {
  it('create: a new row with the next key in the table’s style, after checking fields and references', async () => {
    const create = tool('create_order', 'write', { user_id: s, product_ids: { type: 'array', items: { type: 'integer' } } });
    const r = await call(create, 'orders', { user_id: 'user_1', product_ids: [1, 2] });
    expect(result(r)).toMatchObject({ order_id: 'order_7', user_id: 'user_1', product_ids: [1, 2], status: 'pending' });
    expect(validateState(schema, r.db)).toEqual([]);
    expect(error(await call(create, 'orders', { product_ids: [1] }))).toBe('missing required field user_id');
    expect(error(await call(create, 'orders', { user_id: 'user_99', product_ids: [1] }))).toBe('user user_99 not found');
    expect(result(await call(tool('add_product', 'write', { name: s }), 'products', { name: 'Lamp' }))).toMatchObject({ product_id: 7, name: 'Lamp' });
    expect(
      (result(await call(tool('create_session', 'write', { user_id: s }), 'sessions', { user_id: 'user_1' })) as { session_uuid: string }).session_uuid,
    ).toBe('00000000-0000-4000-8000-000000000007');
    expect(error(await call(tool('register_user', 'write', { user_id: s, email: s }), 'users', { user_id: 'user_1', email: 'a@b.c' }))).toBe(
      'user user_1 already exists',
    );
  });

  it('create: snowflake keys continue the seeded digits, so new ids fit the API’s pattern', async () => {
    const guilds: EnvironmentSchema = {
      tables: [
        {
          name: 'guilds',
          description: '',
          primaryKey: 'guild_id',
          columns: { guild_id: { type: 'string', pattern: '^(0|[1-9][0-9]*)$' }, name: s },
          required: ['guild_id'],
          references: [],
        },
      ],
    };
    const db = seedState(guilds, { seed: 1, rows: 3 });
    const r = await runIn(generateCode(tool('create_guild', 'write', { name: s }), guilds.tables[0]!, guilds), db, { name: 'Chess club' });
    expect(Object.keys(db.guilds!)).toEqual(['1100000000000000000', '1100000000000000001', '1100000000000000002']);
    expect(r.outcome.ok && r.outcome.result).toMatchObject({ guild_id: '1100000000000000003', name: 'Chess club' });
    expect(validateState(guilds, r.db)).toEqual([]);
  });

  it('update: sets known columns of an existing row and nothing else', async () => {
    const update = tool('update_user', 'write', { user_id: s, name: s, nickname: s }, ['user_id']);
    const r = await call(update, 'users', { user_id: 'user_2', name: 'Ada', nickname: 'x' });
    expect(r.db.users!.user_2).toEqual({ ...state.users!.user_2, name: 'Ada' });
    expect(error(await call(update, 'users', { user_id: 'user_x', name: 'Ada' }))).toBe('user user_x not found');
    const modify = tool('modify_pending_order_user', 'write', { order_id: s, user_id: s });
    expect(error(await call(modify, 'orders', { order_id: pendingOrder().order_id, user_id: 'ghost' }))).toBe('user ghost not found');
    expect(
      (await call(modify, 'orders', { order_id: pendingOrder().order_id, user_id: 'user_5' })).db.orders![pendingOrder().order_id as string]!.user_id,
    ).toBe('user_5');
  });

  it('delete: removes the row', async () => {
    const del = tool('delete_ticket', 'write', { ticket_id: s });
    expect((await call(del, 'tickets', { ticket_id: 'ticket_1' })).db.tickets).not.toHaveProperty(['ticket_1']);
    expect(error(await call(del, 'tickets', { ticket_id: 'ticket_9' }))).toBe('ticket ticket_9 not found');
  });

  it('delete: refuses a row a required link points at, and drops optional links to it', async () => {
    // Every order (user_id required) and session (user_id optional) belongs to user_1; orders hold product 2.
    const st = structuredClone(state);
    for (const o of Object.values(st.orders!)) Object.assign(o, { user_id: 'user_1', product_ids: [2, 3] });
    for (const x of Object.values(st.sessions!)) x.user_id = 'user_2';
    const run = (t: CodeTool, name: string, args: Record<string, unknown>) => runIn(generateCode(t, table(name), schema), st, args);
    const del = tool('delete_user', 'write', { user_id: s });
    const refused = await run(del, 'users', { user_id: 'user_1' });
    expect(refused.outcome).toMatchObject({ ok: false, error: { message: 'user user_1 is still referenced by orders order_1' } });
    expect(refused.db).toEqual(st);
    const freed = await run(del, 'users', { user_id: 'user_2' });
    expect(freed.db.users).not.toHaveProperty(['user_2']);
    expect(Object.values(freed.db.sessions!).every((x) => !('user_id' in x))).toBe(true);
    expect(validateState(schema, freed.db)).toEqual([]);
    const byName = await run(tool('remove_products', 'write', { name: s }), 'products', { name: st.products!['2']!.name });
    expect(byName.outcome).toMatchObject({ ok: true, result: { deleted: [2] } });
    expect(Object.values(byName.db.orders!).map((o) => o.product_ids)).toEqual(Object.values(st.orders!).map(() => [3]));
    expect(validateState(schema, byName.db)).toEqual([]);
  });

  it('status: moves a row to the verb’s status, checking the status it must be in', async () => {
    const cancel = tool('cancel_pending_order', 'write', { order_id: s });
    const pending = pendingOrder().order_id as string;
    expect((await call(cancel, 'orders', { order_id: pending })).db.orders![pending]!.status).toBe('cancelled');
    const cancelled = orderWith('cancelled').order_id;
    expect(error(await call(cancel, 'orders', { order_id: cancelled }))).toBe(`order ${cancelled} is already cancelled`);
    const delivered = orderWith('delivered').order_id;
    expect(error(await call(cancel, 'orders', { order_id: delivered }))).toBe(`order ${delivered} is not pending (it is delivered)`);
  });

  it('any other write records the call in the row', async () => {
    const r = await call(tool('escalate_ticket', 'write', { ticket_id: s }), 'tickets', { ticket_id: 'ticket_2' });
    expect(r.db.tickets!.ticket_2!.last_action).toBe('escalate_ticket');
    expect(validateState(schema, r.db)).toEqual([]);
  });

  it('is plain ES2020 with no host APIs', async () => {
    const code = generateCode(tool('create_order', 'write', { user_id: s }), table('orders'), schema);
    // A JSDoc line types db and args for the editor, then the function itself.
    expect(code.split('\n')[0]).toBe('/** @param {Db} db @param {Args_create_order} args */');
    expect(code.split('\n')[1]).toBe('(db, args) => {');
    expect(code).not.toMatch(/\b(require|import|fetch|process|console|setTimeout|Math\.random|Date\.now|new Date)\b/);
  });
});

describe('generated transfers', () => {
  const bank: EnvironmentSchema = {
    tables: [
      {
        name: 'accounts',
        description: '',
        primaryKey: 'account_id',
        columns: { account_id: s, balance: { type: 'number' } },
        required: ['account_id'],
        references: [],
      },
      {
        name: 'transfers',
        description: '',
        primaryKey: 'id',
        columns: { id: s, account_id: s, to_account_id: s, amount: { type: 'number' } },
        required: ['id'],
        references: [
          { column: 'account_id', table: 'accounts' },
          { column: 'to_account_id', table: 'accounts' },
        ],
      },
    ],
  };
  const db: State = { accounts: { a1: { account_id: 'a1', balance: 100 }, a2: { account_id: 'a2', balance: 5 } }, transfers: {} };
  const transfer = tool('create_transfer', 'write', {
    account_id: { type: 'string', description: 'the money leaves' },
    to_account_id: s,
    amount: { type: 'number' },
  });
  const code = generateCode(transfer, bank.tables[1]!, bank);

  it('adds a transfer between two accounts, refusing one account twice and an amount above the source’s balance', async () => {
    const ok = await runIn(code, db, { account_id: 'a1', to_account_id: 'a2', amount: 40 });
    expect(ok.outcome.ok).toBe(true);
    expect(Object.values(ok.db.transfers!)).toEqual([expect.objectContaining({ account_id: 'a1', to_account_id: 'a2', amount: 40 })]);
    const same = await runIn(code, db, { account_id: 'a1', to_account_id: 'a1', amount: 1 });
    expect(!same.outcome.ok && same.outcome.error.message).toBe('the source and destination account must differ (both a1)');
    const poor = await runIn(code, db, { account_id: 'a2', to_account_id: 'a1', amount: 40 });
    expect(!poor.outcome.ok && poor.outcome.error.message).toBe('account a2 has 5, less than 40');
  });
});
