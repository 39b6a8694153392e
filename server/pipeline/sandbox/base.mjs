// Starting states a worker keeps between sessions, for lazily loaded sessions (vm.mjs, prelude.mjs).
// Plain JavaScript, like the rest of the worker side (see worker.mjs).
//
// Why. A real database is megabytes of JSON. Sending it, parsing it into every session's QuickJS
// context and dumping it back after the calls costs far more than the calls (a τ-bench task: five
// calls of well under a millisecond each, against 1.2 MB of state). So a state is sent to a worker
// once, as a snapshot keyed by the hash of its JSON, and kept here as one line of JSON per row.
// A session opened on it starts with no rows in its context: a table is handed over (as text) the
// first time a tool reads it, and a row is parsed the first time a tool reads that row. At the end,
// only rows a tool touched can differ; those are compared with their lines here (changes()).
//
// Nothing here runs tool code, and a session's context never sees this object: the one door is
// the host function vm.mjs gives the prelude, which returns text of the session's own starting
// state (a table's keys, one row's line, or the whole table).

/** What the prelude's fetch(table, i) returns: i ≥ 0 row i's line, -1 the keys, -2 the whole text,
 *  -3 the table as one JSON object; undefined for anything else. */
export function baseText(base, table, i) {
  const t = base.tables.get(table);
  if (!t || !Number.isInteger(i)) return undefined;
  if (i === -3) return (t.json ??= '{' + t.keys.map((k, at) => JSON.stringify(k) + ':' + t.lines[at]).join(',') + '}');
  return i === -1 ? t.keysJson : i === -2 ? t.text : t.lines[i];
}

/** Bases kept per worker, most recently used last; a miss costs one resend of the JSON. */
const MAX_BASES = 4;
/** @type {Map<string, Base>} */
const bases = new Map();

/**
 * One starting state, by table: its keys (and as a JSON array), one line of JSON per row in the same
 * order, and `text`, what a session that reads many rows gets at once: the keys' JSON on the first
 * line, then the rows' (JSON.stringify never writes a raw line break, so the lines are the rows).
 * `json`: the table as one JSON object, made when a session first asks for it.
 * @typedef {{ keys: string[], keysJson: string, lines: string[], index: Map<string, number>, text: string, json?: string }} BaseTable
 * `loadedBytes`: the memory of an instance with the whole state loaded (vm.mjs measureLoad).
 * @typedef {{ hash: string, chars: number, rows: number, loadedBytes: number, names: string[], namesJson: string, tables: Map<string, BaseTable> }} Base
 */

/** The base with this hash, if this worker has it (it becomes the most recently used). */
export function findBase(hash) {
  const base = bases.get(hash);
  if (base) {
    bases.delete(hash);
    bases.set(hash, base);
  }
  return base;
}

/**
 * Keeps a state sent by the host (which checked that every table is an object of rows) under its
 * hash. Throws if it is not such a state: the host never sends one, so that is a bug.
 * @param {string} hash  @param {string} json  @param {number} loadedBytes
 * @returns {Base}
 */
export function rememberBase(hash, json, loadedBytes) {
  const state = JSON.parse(json);
  if (!isObject(state)) throw new Error('a lazily loaded state must be an object of tables');
  /** @type {Map<string, BaseTable>} */
  const tables = new Map();
  const names = Object.keys(state);
  for (const name of names) {
    const rows = state[name];
    if (!isObject(rows)) throw new Error(`table ${name} of a lazily loaded state is not an object of rows`);
    const keys = Object.keys(rows);
    const lines = keys.map((k) => JSON.stringify(rows[k]) ?? 'null');
    const keysJson = JSON.stringify(keys);
    tables.set(name, { keys, keysJson, lines, index: new Map(keys.map((k, i) => [k, i])), text: keysJson + '\n' + lines.join('\n') });
  }
  const rows = [...tables.values()].reduce((n, t) => n + t.keys.length, 0);
  const base = { hash, chars: json.length, rows, loadedBytes, names, namesJson: JSON.stringify(names), tables };
  bases.set(hash, base);
  while (bases.size > MAX_BASES) bases.delete(bases.keys().next().value);
  return base;
}

/**
 * The rows of a session's delta (prelude.mjs delta(): `[table, key]` for a row gone, `[table, key,
 * rowJson]` for a row added or possibly changed) as changes against the base, as JSON text:
 * `[{table, key, before?, after?}]`. A row whose JSON reads the same as its base line (touched,
 * not changed) is left out.
 * @param {Base} base  @param {string} deltaJson
 */
export function changesFromDelta(base, deltaJson) {
  /** @type {[string, string, string?][]} */
  const delta = JSON.parse(deltaJson);
  const out = [];
  for (const entry of delta) {
    const [table, key] = entry;
    const t = base.tables.get(table);
    const at = t?.index.get(key);
    const beforeLine = at === undefined ? undefined : t.lines[at];
    if (entry.length < 3) {
      if (beforeLine !== undefined) out.push({ table, key, before: JSON.parse(beforeLine) });
      continue;
    }
    const afterLine = entry[2];
    if (afterLine === beforeLine) continue;
    const after = JSON.parse(afterLine);
    // QuickJS and V8 write the same JSON for the same value; this catches any difference in form.
    if (beforeLine !== undefined && JSON.stringify(after) === beforeLine) continue;
    out.push(beforeLine === undefined ? { table, key, after } : { table, key, before: JSON.parse(beforeLine), after });
  }
  return JSON.stringify(out);
}

/**
 * The same changes for a session loaded whole (small states): both states as JSON, compared row
 * by row as JSON text.
 * @param {string} beforeJson  @param {string} afterJson
 */
export function changesBetween(beforeJson, afterJson) {
  const before = JSON.parse(beforeJson);
  const after = JSON.parse(afterJson);
  const out = [];
  const rowsOf = (state, table) => (isObject(state) && isObject(state[table]) ? state[table] : {});
  const names = new Set([...Object.keys(isObject(before) ? before : {}), ...Object.keys(isObject(after) ? after : {})]);
  for (const table of names) {
    const b = rowsOf(before, table);
    const a = rowsOf(after, table);
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key)) out.push({ table, key, before: b[key] });
      else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out.push({ table, key, before: b[key], after: a[key] });
    }
    for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) out.push({ table, key, after: a[key] });
  }
  return JSON.stringify(out);
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
