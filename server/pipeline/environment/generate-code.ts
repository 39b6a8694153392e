import { planTool, type CodePlan, type CodeTool } from './code-plan';
import { LAST_ACTION } from './infer-schema';
import { digitLength, keyPrefix, keyStyle } from './keys';
import type { EnvironmentSchema, TableSchema } from './model';

/**
 * Template code for one tool: `(db, args) => result`, plain ES2020 for QuickJS, no host APIs and
 * nothing random, so a call's outcome depends on the state and the arguments only. Reads never
 * assign to `db`; writes change it on valid arguments and throw an Error (the API's 4xx) otherwise.
 */
export function generateCode(tool: CodeTool, table: TableSchema | null, schema: EnvironmentSchema): string {
  const plan = planTool(tool, table, schema);
  const body = plan.intent.op === 'read' ? readBody(tool, plan) : writeBody(tool, plan, schema);
  return `${jsdocFor(tool.name)}\n(db, args) => {\n${indent(body)}\n}`;
}

/** Types the parameters for the editor (see types.ts); QuickJS ignores the comment. */
export const jsdocFor = (toolName: string) => `/** @param {Db} db @param {Args_${toolName.replace(/[^A-Za-z0-9_]/g, '_')}} args */`;

const lit = (v: unknown) => JSON.stringify(v);
const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
const arg = (name: string) => `args[${lit(name)}]`;
const a = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const tableRef = (t: TableSchema) => `db[${lit(t.name)}]`;

// ── reads ────────────────────────────────────────────────────────────────────────────────────────

function readBody(tool: CodeTool, plan: CodePlan): string {
  const t = plan.table;
  if (!t) return statelessBody(tool);
  if ((plan.intent.kind === 'fetch' || plan.intent.kind === 'list') && plan.key && plan.keyRequired && !plan.keyMany) {
    return [
      `// ${tool.name}: one ${t.name} row by its key.`,
      `const id = ${arg(plan.key)};`,
      `const row = (${tableRef(t)} || {})[String(id)];`,
      `if (!row) throw new Error(${lit(`${plan.label} `)} + id + " not found");`,
      `return row;`,
    ].join('\n');
  }
  const search = plan.intent.kind === 'search';
  const lines = [
    search ? `// ${tool.name}: ${t.name} rows whose text contains the arguments.` : `// ${tool.name}: ${t.name} rows matching the arguments that name columns.`,
    ...selectRows(plan, search),
  ];
  if (plan.intent.kind === 'compute') {
    lines.push(
      `// Totals of the numeric columns over the matching rows.`,
      `const totals = {};`,
      `for (const row of rows) for (const [column, value] of Object.entries(row)) {`,
      `  if (column !== ${lit(t.primaryKey)} && typeof value === "number") totals[column] = Math.round(((totals[column] || 0) + value) * 100) / 100;`,
      `}`,
      `return { count: rows.length, totals };`,
    );
    return lines.join('\n');
  }
  lines.push(...paging(plan));
  lines.push(plan.returnsKeys ? `return page.map((row) => row[${lit(t.primaryKey)}]);` : `return page;`);
  return lines.join('\n');
}

/** Filters rows by every given argument that names a column (or the key), plus the name's status words. */
function selectRows(plan: CodePlan, partial: boolean): string[] {
  const t = plan.table!;
  const filters: Array<{ column: string; arg?: string; value?: unknown }> = plan.sets.map(([column, a]) => ({ column, arg: a }));
  if (plan.key) filters.push({ column: t.primaryKey, arg: plan.key });
  if (plan.preconditions.length) filters.push({ column: 'status', value: plan.preconditions });
  const lines = [
    `const filters = ${lit(filters)};`,
    `// Lists match any of their values; ${partial ? 'text matches as a case-insensitive substring' : 'text matches case-insensitively'}.`,
    `const same = (have, want) => {`,
    `  if (Array.isArray(want)) return want.some((w) => same(have, w));`,
    `  if (Array.isArray(have)) return have.some((h) => same(h, want));`,
    `  if (typeof have === "string" && typeof want === "string") return ${partial ? 'have.toLowerCase().includes(want.toLowerCase())' : 'have.toLowerCase() === want.toLowerCase()'};`,
    `  if (have && typeof have === "object") return JSON.stringify(have) === JSON.stringify(want);`,
    `  return have !== undefined && have !== null && String(have) === String(want);`,
    `};`,
    `let rows = Object.values(${tableRef(t)} || {}).filter((row) =>`,
    `  filters.every((f) => {`,
    `    const want = f.arg === undefined ? f.value : args[f.arg];`,
    `    return want === undefined || want === null || want === "" || same(row[f.column], want);`,
    `  }),`,
    `);`,
  ];
  if (plan.query) {
    lines.push(
      `const query = ${arg(plan.query)};`,
      `if (query !== undefined && query !== null && query !== "") {`,
      `  const needle = String(query).toLowerCase();`,
      `  rows = rows.filter((row) => Object.values(row).some((v) => typeof v === "string" && v.toLowerCase().includes(needle)));`,
      `}`,
    );
  }
  return lines;
}

function paging(plan: CodePlan): string[] {
  const lines = [
    plan.limit ? `const limit = Number(${arg(plan.limit)}) > 0 ? Math.min(Math.floor(Number(${arg(plan.limit)})), 100) : 50;` : `const limit = 50;`,
  ];
  if (plan.offset) lines.push(`const offset = Math.max(0, Math.floor(Number(${arg(plan.offset)})) || 0);`);
  else if (plan.page) lines.push(`const offset = (Math.max(1, Math.floor(Number(${arg(plan.page)})) || 1) - 1) * limit;`);
  else lines.push(`const offset = 0;`);
  lines.push(`const page = rows.slice(offset, offset + limit);`);
  return lines;
}

/** A read that names no table (`calculate`, `think`): arithmetic when it has an expression, else an echo. */
export function statelessBody(tool: CodeTool): string {
  const props = Object.keys(tool.parameters?.properties ?? {});
  const expression = props.find((p) => /expression|formula|equation|expr\b|math/i.test(p));
  if (expression) {
    return [
      `// ${tool.name}: evaluates + - * / and parentheses; touches no table.`,
      `const text = String(${arg(expression)});`,
      `let i = 0;`,
      `const peek = () => { while (text[i] === " ") i++; return text[i]; };`,
      `const number = () => {`,
      `  peek();`,
      `  const m = /^(\\d+(\\.\\d*)?|\\.\\d+)/.exec(text.slice(i));`,
      `  if (!m) throw new Error("invalid expression: " + text);`,
      `  i += m[0].length;`,
      `  return Number(m[0]);`,
      `};`,
      `const factor = () => {`,
      `  const c = peek();`,
      `  if (c === "-") { i++; return -factor(); }`,
      `  if (c === "+") { i++; return factor(); }`,
      `  if (c !== "(") return number();`,
      `  i++;`,
      `  const v = sum();`,
      `  if (peek() !== ")") throw new Error("invalid expression: missing )");`,
      `  i++;`,
      `  return v;`,
      `};`,
      `const product = () => {`,
      `  let v = factor();`,
      `  for (let c = peek(); c === "*" || c === "/"; c = peek()) {`,
      `    i++;`,
      `    const r = factor();`,
      `    if (c === "/" && r === 0) throw new Error("division by zero");`,
      `    v = c === "*" ? v * r : v / r;`,
      `  }`,
      `  return v;`,
      `};`,
      `const sum = () => {`,
      `  let v = product();`,
      `  for (let c = peek(); c === "+" || c === "-"; c = peek()) {`,
      `    i++;`,
      `    v = c === "+" ? v + product() : v - product();`,
      `  }`,
      `  return v;`,
      `};`,
      `const value = sum();`,
      `if (peek() !== undefined) throw new Error("invalid expression: unexpected " + text[i]);`,
      `return Math.round(value * 100) / 100;`,
    ].join('\n');
  }
  return [`// ${tool.name}: touches no table; acknowledges what it was given.`, `return { ok: true, received: args };`].join('\n');
}

// ── writes ───────────────────────────────────────────────────────────────────────────────────────

function writeBody(tool: CodeTool, plan: CodePlan, schema: EnvironmentSchema): string {
  const t = plan.table ?? schema.tables[0] ?? null;
  if (!t) return `// ${tool.name}: the schema has no table to write to.\nthrow new Error("no table to write to");`;
  const p: CodePlan = plan.table ? plan : { ...plan, table: t };
  const kind = p.intent.kind;
  const hasStatus = Array.isArray(t.columns.status?.enum);
  if (kind === 'delete') return p.key ? deleteBody(tool, p, schema) : deleteMatchingBody(tool, p, schema);
  if (kind === 'create' || !p.key) return createBody(tool, p);
  const target =
    p.intent.op === 'write' && p.intent.statusTarget && hasStatus && (t.columns.status!.enum as unknown[]).includes(p.intent.statusTarget)
      ? p.intent.statusTarget
      : null;
  const lines = [
    `// ${tool.name}: ${target ? `sets the status of ${a(p.label)} to ${target}` : `changes ${a(p.label)}`}.`,
    ...findRows(p),
    ...checkStatus(p, target),
    ...checkRefs(p),
    ...checkTransfer(p),
  ];
  const forEach = (stmt: string[]) => (p.keyMany ? [`for (const row of rows) {`, ...stmt.map((s) => `  ${s}`), `}`] : stmt);
  // A status change keeps the record's links: it sets plain columns (a reason) and replacements
  // (`new_item_ids`), not the ids it was told about (the items returned, the card to refund).
  const sets = p.sets.filter(([column, name]) => !target || (column !== 'status' && (column !== name || !p.refs.some(([r]) => r === name))));
  const assign: string[] = [];
  if (target) assign.push(`row.status = ${lit(target)};`);
  if (sets.length) assign.push(`for (const [column, name] of ${lit(sets)}) if (args[name] !== undefined) row[column] = args[name];`);
  // With nothing else to set, the row records the call, so the write still leaves a trace.
  if ((kind === 'write' || !assign.length) && LAST_ACTION in t.columns) assign.push(`row[${lit(LAST_ACTION)}] = ${lit(tool.name)};`);
  lines.push(...forEach(assign), p.keyMany ? `return rows;` : `return row;`);
  return lines.join('\n');
}

/** Looks the key up (`row`, or `rows` for a list of keys); unknown keys are the API's 404. */
function findRows(p: CodePlan): string[] {
  const t = p.table!;
  if (p.keyMany)
    return [
      `const table = ${tableRef(t)} || {};`,
      `const rows = [].concat(${arg(p.key!)}).map((id) => {`,
      `  const row = table[String(id)];`,
      `  if (!row) throw new Error(${lit(`${p.label} `)} + id + " not found");`,
      `  return row;`,
      `});`,
    ];
  return [
    `const id = ${arg(p.key!)};`,
    `const row = (${tableRef(t)} || {})[String(id)];`,
    `if (!row) throw new Error(${lit(`${p.label} `)} + id + " not found");`,
  ];
}

function checkStatus(p: CodePlan, target: string | null): string[] {
  const each = (cond: string, message: string) =>
    p.keyMany
      ? [`for (const row of rows) if (${cond}) throw new Error(${lit(`${p.label} `)} + row[${lit(p.table!.primaryKey)}] + ${message});`]
      : [`if (${cond}) throw new Error(${lit(`${p.label} `)} + id + ${message});`];
  const out: string[] = [];
  if (target) out.push(...each(`row.status === ${lit(target)}`, lit(` is already ${target}`)));
  if (p.preconditions.length)
    out.push(...each(`!${lit(p.preconditions)}.includes(row.status)`, `${lit(` is not ${p.preconditions.join(' or ')} (it is `)} + row.status + ")"`));
  return out;
}

/** Arguments that point at other tables must name rows that exist, or the state would dangle. */
function checkRefs(p: CodePlan): string[] {
  if (!p.refs.length) return [];
  return [
    `for (const [name, table, label] of ${lit(p.refs)}) {`,
    `  if (args[name] === undefined || args[name] === null) continue;`,
    `  for (const ref of [].concat(args[name])) if (!(db[table] || {})[String(ref)]) throw new Error(label + " " + ref + " not found");`,
    `}`,
  ];
}

/** A source and a destination of one table must differ; an amount must not exceed the source's balance. */
function checkTransfer(p: CodePlan): string[] {
  const t = p.transfer;
  if (!t) return [];
  const lines = [
    `if (${arg(t.from)} !== undefined && ${arg(t.from)} !== null && String(${arg(t.from)}) === String(${arg(t.to)})) {`,
    `  throw new Error(${lit(`the source and destination ${t.label} must differ (both `)} + ${arg(t.from)} + ")");`,
    `}`,
  ];
  if (t.amount && t.balance) {
    lines.push(
      `const source = (db[${lit(t.balance.table)}] || {})[String(${arg(t.from)})];`,
      `if (source && typeof source[${lit(t.balance.column)}] === "number" && Number(${arg(t.amount)}) > source[${lit(t.balance.column)}]) {`,
      `  throw new Error(${lit(`${t.label} `)} + ${arg(t.from)} + " has " + source[${lit(t.balance.column)}] + ", less than " + ${arg(t.amount)});`,
      `}`,
    );
  }
  return lines;
}

/** A delete without a key: removes the rows its arguments match (at least one argument must be given). */
function deleteMatchingBody(tool: CodeTool, p: CodePlan, schema: EnvironmentSchema): string {
  const t = p.table!;
  const pk = lit(t.primaryKey);
  return [
    `// ${tool.name}: removes the ${t.name} rows matching the arguments.`,
    ...selectRows(p, false),
    `if (rows.length === 0 || filters.every((f) => f.arg !== undefined && (args[f.arg] === undefined || args[f.arg] === null || args[f.arg] === ""))) throw new Error(${lit(`no ${p.label} matches`)});`,
    `const table = ${tableRef(t)};`,
    ...detachLinks(p, schema, `rows.map((row) => row[${pk}])`),
    `for (const row of rows) delete table[String(row[${pk}])];`,
    `return { deleted: rows.map((row) => row[${pk}]) };`,
  ].join('\n');
}

/**
 * A new row from the arguments. Also what a write without a key does: it cannot find a row, so it
 * records the call as one.
 */
function createBody(tool: CodeTool, p: CodePlan): string {
  const t = p.table!;
  const statusEnum = t.columns.status?.enum;
  const initial: Record<string, unknown> = {};
  if (Array.isArray(statusEnum) && statusEnum.length) initial.status = statusEnum[0];
  if (p.intent.kind !== 'create' && LAST_ACTION in t.columns) initial[LAST_ACTION] = tool.name;
  const style = keyStyle(t);
  const next =
    style === 'number'
      ? [`  let n = 0;`, `  for (const k of Object.keys(table)) n = Math.max(n, Number(k) || 0);`, `  id = n + 1;`]
      : style === 'uuid'
        ? [
            `  const uuid = (n) => "00000000-0000-4000-8000-" + String(n).padStart(12, "0");`,
            `  let n = Object.keys(table).length + 1;`,
            `  while (table[uuid(n)]) n++;`,
            `  id = uuid(n);`,
          ]
        : style === 'digits'
          ? [
              `  const digits = (n) => "11" + String(n - 1).padStart(${digitLength(t) - 2}, "0");`,
              `  let n = Object.keys(table).length + 1;`,
              `  while (table[digits(n)]) n++;`,
              `  id = digits(n);`,
            ]
          : [`  let n = Object.keys(table).length + 1;`, `  while (table[${lit(keyPrefix(t))} + n]) n++;`, `  id = ${lit(keyPrefix(t))} + n;`];
  return [
    `// ${tool.name}: adds ${a(p.label)}${p.intent.kind === 'create' ? '' : ' recording the call'}.`,
    `const table = ${tableRef(t)} || (${tableRef(t)} = {});`,
    `for (const name of ${lit(p.required)}) {`,
    `  if (args[name] === undefined || args[name] === null || args[name] === "") throw new Error("missing required field " + name);`,
    `}`,
    ...checkRefs(p),
    ...checkTransfer(p),
    p.key ? `let id = ${arg(p.key)};` : `let id;`,
    `if (id !== undefined && id !== null) {`,
    `  if (table[String(id)]) throw new Error(${lit(`${p.label} `)} + id + " already exists");`,
    `} else {`,
    ...next,
    `}`,
    `const row = Object.assign({ ${lit(t.primaryKey)}: id }, ${lit(initial)});`,
    ...(p.sets.length ? [`for (const [column, name] of ${lit(p.sets)}) if (args[name] !== undefined) row[column] = args[name];`] : []),
    `for (const column of ${lit(t.required)}) if (row[column] === undefined) throw new Error("missing required field " + column);`,
    `table[String(id)] = row;`,
    `return row;`,
  ].join('\n');
}

/** Removes a row by key. */
function deleteBody(tool: CodeTool, p: CodePlan, schema: EnvironmentSchema): string {
  const t = p.table!;
  const pk = lit(t.primaryKey);
  return [
    `// ${tool.name}: removes ${a(p.label)}.`,
    ...findRows(p),
    ...checkStatus(p, null),
    ...detachLinks(p, schema, p.keyMany ? `rows.map((row) => row[${pk}])` : `[id]`),
    p.keyMany ? `for (const row of rows) delete table[String(row[${pk}])];` : `delete ${tableRef(t)}[String(id)];`,
    p.keyMany ? `return { deleted: rows.map((row) => row[${pk}]) };` : `return { deleted: id };`,
  ].join('\n');
}

/**
 * Before deleting the rows keyed `idsExpr`, the rows that point at them: a required link refuses
 * the delete (an API's 409), an optional one is dropped (the key leaves a list, a single key goes),
 * so no reference dangles. Checked first, so a refused delete changes nothing.
 */
function detachLinks(p: CodePlan, schema: EnvironmentSchema, idsExpr: string): string[] {
  const links = schema.tables.flatMap((other) =>
    other.references.filter((r) => r.table === p.table!.name).map((r) => [other.name, r.column, other.required.includes(r.column)]),
  );
  if (!links.length) return [];
  return [
    `const gone = ${idsExpr}.map(String);`,
    `const links = ${lit(links)};`,
    `for (const [other, column, required] of links) {`,
    `  for (const [key, row] of Object.entries(db[other] || {})) {`,
    `    const value = row[column];`,
    `    if (required && !Array.isArray(value) && value !== undefined && value !== null && gone.includes(String(value))) {`,
    `      throw new Error(${lit(`${p.label} `)} + value + " is still referenced by " + other + " " + key);`,
    `    }`,
    `  }`,
    `}`,
    `for (const [other, column] of links) {`,
    `  for (const row of Object.values(db[other] || {})) {`,
    `    const value = row[column];`,
    `    if (Array.isArray(value)) row[column] = value.filter((v) => !gone.includes(String(v)));`,
    `    else if (value !== undefined && value !== null && gone.includes(String(value))) delete row[column];`,
    `  }`,
    `}`,
  ];
}
