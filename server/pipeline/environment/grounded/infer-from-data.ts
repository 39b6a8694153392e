import { singular } from '../../graph/terms';
import { words } from '../../kernel/words';
import type { ToolShape } from '../acts-on';
import { idParam } from '../entities';
import type { JsonSchema } from '../json-schema';
import { environmentSchema, type EnvironmentSchema, type TableSchema } from '../model';
import { DataFileError, type DataFile } from './data-file';
import { SchemaLearner } from './value-schema';

/**
 * The schema of a user's database, learned from its rows and named with the tools' words: each
 * table keeps the file's name, its key is the field that repeats the row's key (`order_id`) or, when
 * rows do not carry it, the id parameter the tools use for it (`user_id`); columns are what the rows
 * hold, nested objects, lists and dictionaries included; a column whose values are all keys of
 * another table references it. A table no tool mentions is refused: the file does not belong to
 * this domain, or the domain is missing tools.
 */

export type DataSchema = { schema: EnvironmentSchema; notes: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Singular words of a table's name: `payment_methods` → payment, method. */
const tableWords = (table: string) => words(table).map(singular);

/** Every word the tools use, singular: names, parameters and descriptions. */
function toolVocabulary(tools: ToolShape[]): Set<string> {
  const out = new Set<string>();
  const add = (text: unknown) => {
    if (typeof text === 'string') for (const w of words(text)) out.add(singular(w));
  };
  for (const t of tools) {
    add(t.name);
    add((t as { description?: string }).description);
    for (const [param, schema] of Object.entries((t.parameters?.properties ?? {}) as Record<string, unknown>)) {
      add(param);
      if (isRecord(schema)) add(schema.description);
    }
  }
  return out;
}

export function inferDataSchema(data: DataFile, tools: ToolShape[], file = 'data.json'): DataSchema {
  const vocabulary = toolVocabulary(tools);
  const notes: string[] = [];
  for (const table of Object.keys(data.state)) {
    const ws = tableWords(table);
    if (!ws.some((w) => vocabulary.has(w))) {
      throw new DataFileError(
        file,
        table,
        `no tool of this domain mentions "${table}" (by name, parameter or description); remove the table or add the tools that use it`,
      );
    }
  }
  const keySets = new Map(Object.entries(data.state).map(([t, rows]) => [t, new Set(Object.keys(rows))]));
  const tables = Object.entries(data.state).map(([name, rows]) => tableFrom(name, rows, data.listKeys[name] ?? null, tools, keySets, notes));
  return { schema: environmentSchema.parse({ tables }), notes };
}

function tableFrom(
  name: string,
  rows: Record<string, Record<string, unknown>>,
  listKey: string | null,
  tools: ToolShape[],
  keySets: Map<string, Set<string>>,
  notes: string[],
): TableSchema {
  const learner = new SchemaLearner();
  for (const row of Object.values(rows)) learner.observe(row);
  const rowSchema = learner.schema();
  const columns = (rowSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(rowSchema.required) ? (rowSchema.required as string[]) : [];
  const { primaryKey, keyInRow } = listKey ? { primaryKey: listKey, keyInRow: true } : keyOf(name, rows, tools);
  const references: TableSchema['references'] = [];
  for (const column of Object.keys(columns)) {
    if (column === primaryKey) continue;
    const target = referencedTable(rows, column, name, keySets);
    if (target) references.push({ column, table: target });
  }
  const count = Object.keys(rows).length;
  if (!keyInRow) notes.push(`${name}: rows do not carry their key; the tools call it ${primaryKey}`);
  return {
    name,
    description: `${count} row${count === 1 ? '' : 's'} from the data file.`,
    primaryKey,
    ...(keyInRow ? {} : { keyInRow: false }),
    columns,
    required,
    references,
  };
}

/** The field every row repeats its key in; else the id parameter the tools use for this table. */
function keyOf(table: string, rows: Record<string, Record<string, unknown>>, tools: ToolShape[]): { primaryKey: string; keyInRow: boolean } {
  const entries = Object.entries(rows);
  if (entries.length) {
    const candidates = Object.keys(entries[0]![1]).filter((f) =>
      entries.every(([k, r]) => (typeof r[f] === 'string' || typeof r[f] === 'number') && String(r[f]) === k),
    );
    candidates.sort((a, b) => Number(!/id$/i.test(a)) - Number(!/id$/i.test(b)));
    if (candidates[0]) return { primaryKey: candidates[0], keyInRow: true };
  }
  const entity = tableWords(table).join('_');
  const counts = new Map<string, number>();
  for (const t of tools)
    for (const [param, schema] of Object.entries((t.parameters?.properties ?? {}) as Record<string, unknown>)) {
      const id = idParam(param, isRecord(schema) && typeof schema.description === 'string' ? schema.description : '');
      if (id?.entity === entity && !id.lookup && !id.many) counts.set(param, (counts.get(param) ?? 0) + 1);
    }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { primaryKey: best ?? `${entity}_id`, keyInRow: false };
}

/** The table whose keys every value of the column is (a key, or a list of keys), if one is. */
function referencedTable(rows: Record<string, Record<string, unknown>>, column: string, self: string, keySets: Map<string, Set<string>>): string | null {
  const values: string[] = [];
  for (const row of Object.values(rows)) {
    const v = row[column];
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x !== 'string' && typeof x !== 'number') return null;
      values.push(String(x));
    }
    if (values.length > 5000) break;
  }
  if (values.length === 0) return null;
  for (const [table, keys] of keySets) {
    if (table === self && !/parent|previous|next|related|linked/.test(column)) continue;
    if (values.every((v) => keys.has(v))) return table;
  }
  return null;
}
