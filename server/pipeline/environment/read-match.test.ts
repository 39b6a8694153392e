import { describe, expect, it } from 'vitest';
import type { TableSchema } from './model';
import type { State } from '../kernel/state';
import { isEmptyResult, rowMatchingArgs } from './read-match';

const s = { type: 'string' };
const users: TableSchema = {
  name: 'users',
  description: '',
  primaryKey: 'user_id',
  keyInRow: false,
  columns: { name: { type: 'object' }, address: { type: 'object' }, email: s },
  required: [],
  references: [],
};
const tickets: TableSchema = {
  name: 'tickets',
  description: '',
  primaryKey: 'ticket_id',
  columns: { ticket_id: s, user_id: s, status: s, subject: s },
  required: [],
  references: [{ column: 'user_id', table: 'users' }],
};
const state: State = {
  users: { harper_li_7655: { name: { first_name: 'Harper', last_name: 'Li' }, address: { zip: '32253' }, email: 'harper@example.com' } },
  tickets: { t1: { ticket_id: 't1', user_id: 'harper_li_7655', status: 'closed', subject: 'Refund for a broken lamp' } },
};
const params = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, s])) });

describe('rowMatchingArgs', () => {
  it('finds a row by its key (kept out of the row) or by nested fields', () => {
    expect(rowMatchingArgs('get_user_details', params('user_id'), { user_id: 'harper_li_7655' }, users, state)).toEqual({
      table: 'users',
      key: 'harper_li_7655',
    });
    expect(
      rowMatchingArgs(
        'find_user_id_by_name_zip',
        params('first_name', 'last_name', 'zip'),
        { first_name: 'Harper', last_name: 'Li', zip: '32253' },
        users,
        state,
      ),
    ).toEqual({ table: 'users', key: 'harper_li_7655' });
    expect(
      rowMatchingArgs(
        'find_user_id_by_name_zip',
        params('first_name', 'last_name', 'zip'),
        { first_name: 'Harper', last_name: 'Lee', zip: '32253' },
        users,
        state,
      ),
    ).toBeNull();
  });

  it('follows a reference for a lookup key, and matches a query by a word of the row', () => {
    expect(rowMatchingArgs('list_tickets_by_user_email', params('user_email'), { user_email: 'harper@example.com' }, tickets, state)).toEqual({
      table: 'tickets',
      key: 't1',
    });
    expect(rowMatchingArgs('search_tickets', params('query', 'limit'), { query: 'LAMP', limit: 5 }, tickets, state)).toEqual({ table: 'tickets', key: 't1' });
  });

  it('leaves open what it cannot tell: bounds, arguments the row does not hold, a status the name asks for, no filter', () => {
    expect(rowMatchingArgs('list_tickets', params('created_after'), { created_after: '2024-01-01' }, tickets, state)).toBeNull();
    expect(
      rowMatchingArgs('list_tickets', params('user_id', 'include_archived'), { user_id: 'harper_li_7655', include_archived: true }, tickets, state),
    ).toBeNull();
    expect(rowMatchingArgs('list_open_tickets', params('user_id'), { user_id: 'harper_li_7655' }, tickets, state)).toBeNull();
    expect(rowMatchingArgs('list_closed_tickets', params('user_id'), { user_id: 'harper_li_7655' }, tickets, state)).toEqual({ table: 'tickets', key: 't1' });
    expect(rowMatchingArgs('list_tickets', params('limit'), { limit: 5 }, tickets, state)).toBeNull();
  });
});

describe('isEmptyResult', () => {
  it('is an empty list, an empty object, null or nothing; not 0, false or ""', () => {
    expect([[], {}, null, undefined].map(isEmptyResult)).toEqual([true, true, true, true]);
    expect([0, false, '', [0], { a: 1 }].map(isEmptyResult)).toEqual([false, false, false, false, false]);
  });
});
