import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { EnvironmentContent } from './model';
import { SHOP } from './test-schema';
import { typingsFor } from './types';

const content: EnvironmentContent = {
  schema: {
    tables: [
      ...SHOP.tables,
      // A table whose row type would be the DOM's `Document`, and a column that is no identifier.
      {
        name: 'documents',
        description: 'Files */ with a comment end',
        primaryKey: 'id',
        columns: { id: { type: 'string' }, 'lang-code': { type: 'string' } },
        required: ['id'],
        references: [],
      },
    ],
  },
  tools: [
    {
      toolId: '1',
      name: 'get_order',
      op: 'read',
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string', description: 'The order.' }, limit: { type: 'integer' } },
        required: ['order_id'],
      },
      code: '',
    },
    {
      toolId: '2',
      name: 'Weird-Name',
      op: 'write',
      parameters: { type: 'object', properties: { 'a b': { type: 'array', items: { enum: ['x', 'y'] } } } },
      code: '',
    },
  ],
};

const OPTIONS: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'] };
/** The standard library parsed once: lib.dom alone takes seconds. */
const libs = new Map<string, ts.SourceFile | undefined>();

/** Type-checks the declarations plus `usage`, as the editor would; returns the error messages. */
function check(usage: string): string[] {
  const files: Record<string, string> = { 'env.d.ts': typingsFor(content), 'use.ts': usage };
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.getSourceFile;
  host.getSourceFile = (name, lang) => {
    if (name in files) return ts.createSourceFile(name, files[name]!, lang);
    if (!libs.has(name)) libs.set(name, read.call(host, name, lang));
    return libs.get(name);
  };
  const program = ts.createProgram(Object.keys(files), OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('typingsFor', { timeout: 30_000 }, () => {
  it('declares db with typed rows and Args_<tool> interfaces that compile', () => {
    expect(
      check(`
        const o = db.orders['order_1'];
        const s: 'pending' | 'delivered' | 'cancelled' = o.status;
        const ids: number[] | undefined = o.product_ids;
        const city: string | undefined = db.users['u'].address?.city;
        const d: Document = document; // the DOM's Document is untouched
        const lang: string | undefined = db.documents['x']['lang-code'];
        const a: Args_get_order = { order_id: 'x' };
        const w: Args_Weird_Name = { 'a b': ['x'] };
        export { s, ids, city, d, lang, a, w };
      `),
    ).toEqual([]);
  });

  it('lets the editor catch wrong columns and arguments', () => {
    const errors = check(`
      const x = db.orders['1'].nope;
      const a: Args_get_order = { limit: 1 };
      export { x, a };
    `);
    expect(errors.join('\n')).toMatch(/Property 'nope' does not exist/);
    expect(errors.join('\n')).toMatch(/order_id/);
  });
});
