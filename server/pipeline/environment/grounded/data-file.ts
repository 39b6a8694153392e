import { jsonErrorOffset, jsonReason } from '../../tools/parse';
import type { State } from '../../kernel/state';

/**
 * A user's database file: τ-bench style `{table: {key: row}}`, or `{table: [rows]}` whose rows carry
 * an id field. Read into the studio's state shape (table → key → row) with the names the file uses,
 * so a replay's diff names tables and keys as the file does. Everything wrong is reported with the
 * place it is at (`orders["#W1"]`, `users[3]`), and nothing is half-read: it parses whole or not at all.
 */

/** A file larger than this is refused before it is parsed. */
export const MAX_DATA_BYTES = 50 * 1024 * 1024;
/** Tables and rows a file may hold: bounds the schema inference and the editor's previews. */
export const MAX_TABLES = 200;
export const MAX_ROWS = 1_000_000;

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    message: string,
  ) {
    super(`${file}${path ? ` at ${path}` : ''}: ${message}`);
    this.name = 'DataFileError';
  }
}

export type DataFile = {
  state: State;
  /** For list tables, the field that keys their rows (`id`); null for keyed tables. */
  listKeys: Record<string, string | null>;
  bytes: number;
  rows: number;
};

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Where a JSON.parse error points, as line and column (scanned for when the message gives no position). */
function parsePosition(text: string, message: string): string {
  const at = jsonErrorOffset(text, message);
  if (at < 0) return '';
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}

export function parseDataFile(text: string, file = 'data.json'): DataFile {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DATA_BYTES) throw new DataFileError(file, '', `the file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${MAX_DATA_BYTES / 1048576} MB`);
  // PostgreSQL's jsonb cannot hold NUL, so the state could not be stored.
  const nul = text.indexOf('\\u0000');
  if (nul >= 0) throw new DataFileError(file, parsePosition(text, `position ${nul}`), 'NUL characters (\\u0000) cannot be stored');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new DataFileError(file, parsePosition(text, message), `not valid JSON (${jsonReason(message)})`);
  }
  return readDataDocument(doc, file, bytes);
}

/** The same checks on an already parsed document. */
export function readDataDocument(doc: unknown, file: string, bytes = 0): DataFile {
  if (!isRecord(doc)) throw new DataFileError(file, '', 'the top level must be an object of tables, {"table": {key: row}} or {"table": [rows]}');
  const tables = Object.keys(doc);
  if (tables.length === 0) throw new DataFileError(file, '', 'the file holds no tables');
  if (tables.length > MAX_TABLES) throw new DataFileError(file, '', `${tables.length} tables; at most ${MAX_TABLES}`);
  const state: State = {};
  const listKeys: Record<string, string | null> = {};
  let rows = 0;
  for (const table of tables) {
    if (!TABLE_NAME.test(table))
      throw new DataFileError(file, JSON.stringify(table), 'a table name must be letters, digits and _ (at most 63), starting with a letter or _');
    const value = doc[table];
    if (Array.isArray(value)) {
      const key = listKeyField(value, table, file);
      const out: Record<string, Record<string, unknown>> = {};
      value.forEach((row, i) => {
        const k = String((row as Record<string, unknown>)[key]);
        if (Object.hasOwn(out, k)) throw new DataFileError(file, `${table}[${i}].${key}`, `duplicate key ${k} (also at an earlier row)`);
        out[k] = row as Record<string, unknown>;
      });
      state[table] = out;
      listKeys[table] = key;
      rows += value.length;
    } else if (isRecord(value)) {
      for (const [k, row] of Object.entries(value)) {
        if (!isRecord(row)) throw new DataFileError(file, `${table}[${JSON.stringify(k)}]`, `a row must be an object, not ${describe(row)}`);
      }
      state[table] = value as Record<string, Record<string, unknown>>;
      listKeys[table] = null;
      rows += Object.keys(value).length;
    } else {
      throw new DataFileError(file, table, `a table must be an object of rows keyed by id or an array of rows, not ${describe(value)}`);
    }
    if (rows > MAX_ROWS) throw new DataFileError(file, table, `more than ${MAX_ROWS} rows`);
  }
  return { state, listKeys, bytes, rows };
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/**
 * The field that keys a list table's rows: present in every row with a unique string or number.
 * `id` first, then `<entity>_id`, then any field ending in id.
 */
function listKeyField(rows: unknown[], table: string, file: string): string {
  rows.forEach((row, i) => {
    if (!isRecord(row)) throw new DataFileError(file, `${table}[${i}]`, `a row must be an object, not ${describe(row)}`);
  });
  const records = rows as Array<Record<string, unknown>>;
  if (records.length === 0) throw new DataFileError(file, table, 'an empty list: its id field cannot be known (write {} for an empty table)');
  const candidates = Object.keys(records[0]!).filter((f) => /(^id$|_id$|Id$|ID$|^key$|^uuid$)/.test(f));
  const entity = table.replace(/ies$/, 'y').replace(/s$/, '');
  candidates.sort((a, b) => rank(a, entity) - rank(b, entity));
  for (const field of candidates) {
    const seen = new Set<string>();
    const bad = records.findIndex((r) => {
      const v = r[field];
      if ((typeof v !== 'string' && typeof v !== 'number') || v === '') return true;
      if (seen.has(String(v))) return true;
      seen.add(String(v));
      return false;
    });
    if (bad < 0) return field;
    if (field === candidates[0] && candidates.length === 1) {
      const v = records[bad]![field];
      throw new DataFileError(
        file,
        `${table}[${bad}].${field}`,
        v === undefined || v === '' ? 'this row has no key' : `key ${String(v)} is not a unique string or number`,
      );
    }
  }
  const missing = records.findIndex((r) => !candidates.some((f) => r[f] !== undefined));
  throw new DataFileError(file, `${table}[${Math.max(missing, 0)}]`, 'rows need an id field (id, or one ending in _id) with a unique value in every row');
}

function rank(field: string, entity: string): number {
  if (field === 'id') return 0;
  if (field.toLowerCase() === `${entity}_id` || field === `${entity}Id`) return 1;
  return 2;
}
