import { describe, expect, it } from 'vitest';
import { DataFileError, MAX_DATA_BYTES, parseDataFile } from './data-file';
import { inferDataSchema } from './infer-from-data';

const tools = [
  { name: 'get_order', op: 'read' as const, parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } },
  { name: 'find_customer_id_by_email', op: 'read' as const, parameters: { type: 'object', properties: { email: { type: 'string' } } } },
];

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return e as DataFileError;
  }
  throw new Error('expected a refusal');
};

describe('data files', () => {
  it('reads keyed tables as they are and list tables by their id field', () => {
    const keyed = parseDataFile(JSON.stringify({ orders: { o1: { order_id: 'o1', total: 3 } } }));
    expect(keyed.state.orders!.o1).toEqual({ order_id: 'o1', total: 3 });
    expect(keyed.listKeys.orders).toBeNull();
    const list = parseDataFile(
      JSON.stringify({
        customers: [
          { customer_id: 'c1', email: 'a@b.co' },
          { customer_id: 'c2', email: 'c@d.co' },
        ],
      }),
    );
    expect(Object.keys(list.state.customers!)).toEqual(['c1', 'c2']);
    expect(list.listKeys.customers).toBe('customer_id');
    expect(list.rows).toBe(2);
  });

  it('refuses text that is not JSON, naming the line and column', () => {
    const e = refusal(() => parseDataFile('{"orders": {\n  "o1": {"a": 1,,}\n}}', 'db.json'));
    expect(e.message).toMatch(/^db\.json at line 2, column \d+: not valid JSON/);
    // V8 names no position for an unexpected token: the place is found by scanning, and the excerpt goes.
    const token = refusal(() => parseDataFile('{"orders": {"#W1": {"status": }}}', 'db.json'));
    expect(token.message).toBe("db.json at line 1, column 31: not valid JSON (Unexpected token '}')");
  });

  it('refuses rows without a key, naming the table and row', () => {
    const e = refusal(() => parseDataFile(JSON.stringify({ customers: [{ customer_id: 'c1' }, { email: 'x@y.z' }] }), 'db.json'));
    expect(e.path).toBe('customers[1].customer_id');
    expect(e.message).toContain('this row has no key');
  });

  it('refuses a row that is not an object', () => {
    const e = refusal(() => parseDataFile(JSON.stringify({ orders: { o1: 5 } }), 'db.json'));
    expect(e.path).toBe('orders["o1"]');
  });

  it('refuses a file over the limit before parsing it', () => {
    const big = `{"orders": {"o": {"pad": "${'x'.repeat(MAX_DATA_BYTES)}"}}}`;
    const e = refusal(() => parseDataFile(big, 'huge.json'));
    expect(e.message).toMatch(/huge\.json: the file is 50\.0 MB; the limit is 50 MB/);
  });

  it('refuses NUL characters, which the database cannot store', () => {
    const e = refusal(() => parseDataFile('{"orders": {"o1": {"note": "a\\u0000b"}}}', 'db.json'));
    expect(e.message).toContain('NUL');
  });

  it('refuses a table no tool mentions, by name', () => {
    const data = parseDataFile(JSON.stringify({ orders: { o1: { order_id: 'o1' } }, widgets: { w1: { id: 'w1' } } }));
    const e = refusal(() => inferDataSchema(data, tools, 'db.json'));
    expect(e.path).toBe('widgets');
    expect(e.message).toContain('no tool of this domain mentions "widgets"');
  });
});
