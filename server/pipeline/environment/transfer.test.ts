import { describe, expect, it } from 'vitest';
import type { EnvironmentSchema } from './model';
import { transferChecks } from './transfer';

const accounts = (balance: boolean): EnvironmentSchema => ({
  tables: [
    {
      name: 'accounts',
      description: '',
      primaryKey: 'account_id',
      columns: { account_id: { type: 'string' }, ...(balance ? { balance: { type: 'number' } } : {}) },
      required: ['account_id'],
      references: [],
    },
  ],
});
const s = (description = '') => ({ type: 'string', description });

describe('transferChecks', () => {
  const refs: Array<[string, string, string]> = [
    ['account_id', 'accounts', 'account'],
    ['to_account_id', 'accounts', 'account'],
  ];
  const props = { account_id: s('the money leaves'), to_account_id: s('receives it'), amount: { type: 'number' } };

  it('pairs a plain or source id with a destination id of the same table', () => {
    expect(transferChecks(props, refs, accounts(false))).toEqual({
      from: 'account_id',
      to: 'to_account_id',
      label: 'account',
      amount: 'amount',
      balance: null,
    });
    const named = { from_wallet: s(), destination_wallet: s() };
    expect(
      transferChecks(
        named,
        [
          ['destination_wallet', 'wallets', 'wallet'],
          ['from_wallet', 'wallets', 'wallet'],
        ],
        accounts(false),
      ),
    ).toMatchObject({ from: 'from_wallet', to: 'destination_wallet' });
  });

  it('checks the amount against a balance only when the source table has one', () => {
    expect(transferChecks(props, refs, accounts(true))?.balance).toEqual({ table: 'accounts', column: 'balance' });
  });

  it('finds nothing in ids of different tables, or two ids with no destination among them', () => {
    expect(
      transferChecks(
        props,
        [
          ['account_id', 'accounts', 'account'],
          ['card_id', 'cards', 'card'],
        ],
        accounts(false),
      ),
    ).toBeNull();
    expect(
      transferChecks(
        { user_id: s(), other_user_id: s() },
        [
          ['user_id', 'users', 'user'],
          ['other_user_id', 'users', 'user'],
        ],
        accounts(false),
      ),
    ).toBeNull();
  });
});
