import type { EnvironmentContent } from './model';

/**
 * TypeScript declarations for the code editor (Monaco), so `db.` completes table names and columns
 * and `args.` a tool's parameters. Rows live in a `Rows` namespace: a table `documents` or `events`
 * would otherwise declare `Document` or `Event` over the DOM's. Arguments are `Args_<tool>` (name
 * with anything but letters, digits and _ replaced by _). Generated code carries a JSDoc line
 * `@param {Db} db @param {Args_<tool>} args`: in JavaScript the arrow's own parameters hide any
 * global, and the JSDoc types them.
 */
export function typingsFor(content: EnvironmentContent): string {
  const out: string[] = ['declare namespace Rows {'];
  const rowNames = new Map<string, string>();
  const used = new Set<string>();
  for (const table of content.schema.tables) {
    const name = unique(pascal(singularish(table.name)) || 'Row', used);
    rowNames.set(table.name, name);
    const required = new Set([...table.required, table.primaryKey]);
    if (table.description) out.push(`  ${doc(table.description)}`);
    out.push(`  interface ${name} {`);
    for (const [column, schema] of Object.entries(table.columns)) {
      const ref = table.references.find((r) => r.column === column);
      const note = [str(schema.description), ref ? `Keys of ${ref.table}.` : '', column === table.primaryKey ? 'Primary key.' : ''].filter(Boolean).join(' ');
      if (note) out.push(`    ${doc(note)}`);
      out.push(`    ${key(column)}${required.has(column) ? '' : '?'}: ${tsType(schema, 3)};`);
    }
    out.push('  }');
  }
  out.push('}', '', '/** The database: table → primary key → row. Tools read it and, for writes, change it in place. */', 'interface Db {');
  for (const table of content.schema.tables) out.push(`  ${key(table.name)}: Record<string, Rows.${rowNames.get(table.name)}>;`);
  out.push('}', 'declare const db: Db;');

  const argNames = new Set<string>();
  for (const tool of content.tools) {
    const name = `Args_${tool.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    if (argNames.has(name)) continue;
    argNames.add(name);
    const props = (tool.parameters?.properties ?? {}) as Record<string, Record<string, unknown>>;
    const required = new Set(Array.isArray(tool.parameters?.required) ? (tool.parameters.required as string[]) : []);
    out.push('', `/** Arguments of ${tool.name} (${tool.op}). */`, `interface ${name} {`);
    for (const [param, schema] of Object.entries(props)) {
      if (str(schema?.description)) out.push(`  ${doc(str(schema.description))}`);
      out.push(`  ${key(param)}${required.has(param) ? '' : '?'}: ${tsType(schema ?? {}, 3)};`);
    }
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));
const doc = (text: string) => `/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim().slice(0, 300)} */`;
const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')
    .replace(/^[0-9]+/, '');
const singularish = (table: string) =>
  table
    .replace(/ies$/, 'y')
    .replace(/(ch|sh|x|ss)es$/, '$1')
    .replace(/([^s])s$/, '$1');

function unique(name: string, used: Set<string>): string {
  let n = name;
  for (let i = 2; used.has(n); i++) n = `${name}${i}`;
  used.add(n);
  return n;
}

/** A JSON Schema as a TypeScript type; `unknown` where it says nothing or nests too deep. */
function tsType(schema: Record<string, unknown>, depth: number): string {
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const parts = types.map((t) => {
    switch (t) {
      case 'string':
        return 'string';
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const items = schema.items && typeof schema.items === 'object' && depth > 0 ? tsType(schema.items as Record<string, unknown>, depth - 1) : 'unknown';
        return /[|&]/.test(items) ? `Array<${items}>` : `${items}[]`;
      }
      case 'object': {
        const props =
          schema.properties && typeof schema.properties === 'object' ? Object.entries(schema.properties as Record<string, Record<string, unknown>>) : [];
        if (!props.length || depth <= 0) return 'Record<string, unknown>';
        const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
        return `{ ${props.map(([k, s]) => `${key(k)}${required.has(k) ? '' : '?'}: ${tsType(s ?? {}, depth - 1)}`).join('; ')} }`;
      }
      default:
        return 'unknown';
    }
  });
  return [...new Set(parts)].join(' | ') || 'unknown';
}
