import type { CodeTool } from '../code-plan';
import { jsdocFor, statelessBody } from '../generate-code';
import type { GroundedPlan, Path } from './plan';

/**
 * JavaScript for a grounded plan: one `(db, args) => result` per tool, plain ES2020 for the sandbox,
 * with the plan's decisions as literals and its evidence as comments, so a person reading or editing
 * the code sees why it does what it does. Writes return the row they changed, as τ-bench-style APIs
 * do; refusals are thrown Errors with a sentence naming the row.
 */

const lit = (v: unknown) => JSON.stringify(v);
const arg = (name: string) => `args[${lit(name)}]`;
const at = (base: string, path: Path) => base + path.map((k) => `[${lit(k)}]`).join('');
const indent = (lines: string[]) => lines.map((l) => (l ? `  ${l}` : l)).join('\n');

export function groundedCode(tool: CodeTool, plan: GroundedPlan): string {
  const body = bodyFor(tool, plan);
  const why = plan.evidence.map((e) => `// - ${e.replace(/\s+/g, ' ')}`);
  return `${jsdocFor(tool.name)}\n(db, args) => {\n${indent([`// ${tool.name}, from the data and the tool's own words:`, ...why, ...body])}\n}`;
}

function bodyFor(tool: CodeTool, plan: GroundedPlan): string[] {
  switch (plan.kind) {
    case 'calculate':
      return statelessBody(tool).split('\n');
    case 'echo':
      return ['// Touches no table: it acknowledges what it was given.', 'return { ok: true, received: args };'];
    case 'fetch':
      return [...findRow(plan), 'return row;'];
    case 'find':
      return findBody(plan);
    case 'create':
      return createBody(plan);
    case 'delete':
      return [...findRow(plan), ...preconditions(plan), `delete db[${lit(plan.table)}][String(id)];`, 'return { deleted: id };'];
    case 'update':
      return updateBody(plan);
  }
}

function findRow(plan: GroundedPlan): string[] {
  return [
    `const id = ${arg(plan.keyArg!)};`,
    `const row = (db[${lit(plan.table)}] || {})[String(id)];`,
    `if (!row) throw new Error(${lit(`${plan.label} `)} + id + " not found");`,
  ];
}

function preconditions(plan: GroundedPlan): string[] {
  return plan.preconditions.map(
    (p) =>
      `if (!${lit(p.values)}.includes(${at('row', p.path)})) throw new Error(${lit(`${plan.label} `)} + id + " is " + ${at('row', p.path)} + ${lit(`, not ${p.values.join(' or ')}`)});`,
  );
}

/** Arguments that name rows of other tables must name rows that exist. */
function refChecks(plan: GroundedPlan): string[] {
  if (!plan.refs.length) return [];
  return [
    `for (const [name, table, field] of ${lit(plan.refs.map((r) => [r.arg, r.table, r.field ?? null]))}) {`,
    `  if (args[name] === undefined || args[name] === null) continue;`,
    `  for (const item of [].concat(args[name])) {`,
    `    const ref = field === null ? item : item && item[field];`,
    `    if (ref !== undefined && !(db[table] || {})[String(ref)]) throw new Error(table.replace(/s$/, "") + " " + ref + " not found");`,
    `  }`,
    `}`,
  ];
}

const SET_PATH = [
  `const setPath = (target, path, value) => {`,
  `  let o = target;`,
  `  for (const k of path.slice(0, -1)) o = o[k] && typeof o[k] === "object" ? o[k] : (o[k] = {});`,
  `  o[path[path.length - 1]] = value;`,
  `};`,
];

function setLines(plan: GroundedPlan, target: string): string[] {
  if (!plan.sets.length) return [];
  return [
    `for (const [name, path, sorted] of ${lit(plan.sets.map((s) => [s.arg, s.path, !!s.sorted]))}) {`,
    `  if (args[name] === undefined) continue;`,
    `  const value = JSON.parse(JSON.stringify(args[name]));`,
    `  setPath(${target}, path, sorted && Array.isArray(value) ? value.slice().sort() : value);`,
    `}`,
  ];
}

function updateBody(plan: GroundedPlan): string[] {
  const lines = [...findRow(plan), ...preconditions(plan), ...refChecks(plan)];
  for (const s of plan.selectors) {
    lines.push(
      `// Each of ${s.arg} must be an entry of the ${plan.label}'s ${s.list} (a duplicate needs two).`,
      `{`,
      `  const left = (row[${lit(s.list)}] || []).map((e) => String(e && e[${lit(s.field)}]));`,
      `  for (const v of [].concat(${arg(s.arg)} || [])) {`,
      `    const i = left.indexOf(String(v));`,
      `    if (i < 0) throw new Error(${lit(`${s.field.replace(/_id$/, '')} `)} + v + ${lit(` is not in the ${plan.label}'s ${s.list}`)});`,
      `    left.splice(i, 1);`,
      `  }`,
      `}`,
    );
  }
  for (const r of plan.replacements) {
    lines.push(
      `// ${r.from}[i] becomes ${r.to}[i] in ${r.list}${r.source ? `, with the fields ${r.source.table}.${r.source.dict} holds for it` : ''}.`,
      `{`,
      `  const from = [].concat(${arg(r.from)} || []);`,
      `  const to = [].concat(${arg(r.to)} || []);`,
      `  if (from.length !== to.length) throw new Error(${lit(`${r.from} and ${r.to} must have the same length`)});`,
      `  const taken = new Set();`,
      `  from.forEach((old, i) => {`,
      `    const list = row[${lit(r.list)}] || [];`,
      `    const j = list.findIndex((e, k) => !taken.has(k) && e && String(e[${lit(r.field)}]) === String(old));`,
      `    taken.add(j);`,
      `    const entry = list[j];`,
      ...(r.source
        ? [
            `    let found = null;`,
            `    for (const other of Object.values(db[${lit(r.source.table)}] || {})) {`,
            `      const dict = other[${lit(r.source.dict)}];`,
            `      if (dict && dict[String(to[i])]) { found = dict[String(to[i])]; break; }`,
            `    }`,
            `    if (!found) throw new Error(${lit(`${r.field.replace(/_id$/, '')} `)} + to[i] + " not found");`,
            `    for (const [k, v] of Object.entries(found)) if (k in entry) entry[k] = JSON.parse(JSON.stringify(v));`,
          ]
        : []),
      `    entry[${lit(r.field)}] = to[i];`,
      `  });`,
      `}`,
    );
  }
  lines.push(...(plan.sets.length ? SET_PATH : []), ...setLines(plan, 'row'));
  if (plan.status) lines.push(`${at('row', plan.status.path)} = ${lit(plan.status.value)};`);
  if (plan.addEntry) {
    const e = plan.addEntry;
    lines.push(
      `// A new ${e.kind} in ${e.dict}, keyed like the others of its kind.`,
      `const dict = row[${lit(e.dict)}] || (row[${lit(e.dict)}] = {});`,
      `let key;`,
      `do key = ${lit(e.prefix)} + Array.from({ length: ${e.digits} }, () => Math.floor(Math.random() * 10)).join(""); while (dict[key]);`,
      `const entry = { ${lit(e.kindField)}: ${lit(e.kind)} };`,
      ...e.sets.map((s) => `if (${arg(s.arg)} !== undefined) entry[${lit(s.field)}] = ${arg(s.arg)};`),
      ...(e.keyField ? [`entry[${lit(e.keyField)}] = key;`] : []),
      `dict[key] = entry;`,
      `return entry;`,
    );
    return lines;
  }
  lines.push('return row;');
  return lines;
}

function createBody(plan: GroundedPlan): string[] {
  const k = plan.newKey!;
  const next =
    k.kind === 'number'
      ? [`let n = 0;`, `for (const key of Object.keys(table)) n = Math.max(n, Number(key) || 0);`, `const id = String(n + 1);`]
      : [
          `const alphabet = ${lit(k.alphabet)};`,
          `let id;`,
          `do id = ${lit(k.prefix)} + Array.from({ length: ${k.length} }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join(""); while (table[id]);`,
        ];
  return [
    `const table = db[${lit(plan.table)}] || (db[${lit(plan.table)}] = {});`,
    ...refChecks(plan),
    ...next,
    `const row = {};`,
    ...(plan.keyInRow ? [`row[${lit(plan.primaryKey)}] = id;`] : []),
    ...(plan.sets.length ? SET_PATH : []),
    ...setLines(plan, 'row'),
    ...plan.defaults.map((d) => `if (${at('row', d.path)} === undefined) ${at('row', d.path)} = ${lit(d.value)};`),
    ...plan.nowFields.map((f) => `row[${lit(f)}] = new Date().toISOString().slice(0, 19);`),
    ...plan.backRefs.map(
      (b) =>
        `{ const parent = (db[${lit(b.parentTable)}] || {})[String(row[${lit(b.column)}])]; if (parent) (parent[${lit(b.parentColumn)}] || (parent[${lit(b.parentColumn)}] = [])).push(id); }`,
    ),
    `table[id] = row;`,
    `return row;`,
  ];
}

function findBody(plan: GroundedPlan): string[] {
  const dict = plan.filters.find((f) => f.dictKey);
  const lines = [
    `const filters = ${lit(plan.filters.filter((f) => !f.dictKey).map((f) => [f.arg, f.path]))};`,
    `const get = (o, path) => path.reduce((v, k) => (v && typeof v === "object" ? v[k] : undefined), o);`,
    `// Text matches case-insensitively; a list matches when it holds the value.`,
    `const same = (have, want) => {`,
    `  if (Array.isArray(have)) return have.some((h) => same(h, want));`,
    `  if (typeof have === "string" && typeof want === "string") return have.toLowerCase() === want.toLowerCase();`,
    `  if (have && typeof have === "object") return JSON.stringify(have) === JSON.stringify(want);`,
    `  return have !== undefined && have !== null && String(have) === String(want);`,
    `};`,
    `const found = [];`,
    `for (const [key, row] of Object.entries(db[${lit(plan.table)}] || {})) {`,
    `  if (!filters.every(([name, path]) => args[name] === undefined || args[name] === null || args[name] === "" || same(get(row, path), args[name]))) continue;`,
  ];
  if (dict) {
    lines.push(
      `  // ${dict.arg} keys ${dict.path[0]}: the row as it is on that ${dict.arg}.`,
      `  const entry = (row[${lit(dict.path[0])}] || {})[String(${arg(dict.arg)})];`,
      `  if (!entry) continue;`,
      `  const view = Object.assign({}, row, entry);`,
      `  delete view[${lit(dict.path[0])}];`,
      `  found.push([key, view]);`,
    );
  } else lines.push(`  found.push([key, row]);`);
  lines.push(`}`);
  if (plan.returns === 'key') lines.push(`if (!found.length) throw new Error(${lit(`${plan.label} not found`)});`, `return found[0][0];`);
  else if (plan.returns === 'keys') lines.push(`return found.slice(0, 100).map(([key]) => key);`);
  else if (plan.project.length) lines.push(`return found.slice(0, 100).map(([, row]) => Object.fromEntries(${lit(plan.project)}.map((c) => [c, row[c]])));`);
  else lines.push(`return found.slice(0, 100).map(([, row]) => row);`);
  return lines;
}
