import { z } from 'zod';
import type { GraphTool } from '../graph/model';
import { environmentSchema, type EnvironmentContent, type EnvironmentSchema, type ToolCode, type ValidationReport } from './model';

/**
 * The LLM generator: a model writes a domain's database schema and one function per tool, the
 * validator runs them, and what failed goes back to the model to repair. Pure: the model and the
 * validator are injected, so this file knows neither the HTTP client nor the sandbox.
 */

export type GenMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/**
 * What the model is shown beyond the tools' own schemas: the user's data (its learned schema, kept
 * as it is, and a few real rows per table), and, when a reference is attached, a check of each
 * round against it whose disagreements go back with the repair.
 */
export type GenerateEvidence = {
  data?: { schema: EnvironmentSchema; samples: Record<string, Array<[string, unknown]>> };
};
/** A round scored against real traces: how many measures agree, and the disagreements as sentences. */
export type ReferenceFeedback = { agree: number; total: number; summary: string; disagreements: string[] };

export type LlmGeneratorDeps = {
  complete: (messages: GenMessage[]) => Promise<string>;
  validate: (content: EnvironmentContent) => Promise<ValidationReport>;
  evidence?: GenerateEvidence;
  check?: (content: EnvironmentContent) => Promise<ReferenceFeedback>;
  /** Model answers at most (the first one included); default 3. */
  rounds?: number;
  signal?: AbortSignal;
};

export type LlmGeneratorResult = { content: EnvironmentContent; rounds: number; report: ValidationReport; log: string[] };

const DEFAULT_ROUNDS = 3;
/** Long validator details (stack traces, dumped rows) would crowd the repair message. */
const DETAIL_LIMIT = 500;

const SYSTEM = [
  'You write simulated environments for API tools. An environment is a database: one JSON document',
  'of tables, each table an object mapping a primary key value to a row: db[table][primaryKey] = row.',
  'A row is a JSON object whose primary-key column equals its key.',
  '',
  'The schema has exactly this JSON form:',
  '{"tables":[{"name":"orders","description":"Customer orders","primaryKey":"order_id",',
  '  "columns":{"order_id":{"type":"string"},"status":{"type":"string","enum":["pending","cancelled"]},"user_id":{"type":"string"}},',
  '  "required":["order_id","status"],"references":[{"column":"user_id","table":"users"}]}]}',
  'Table names are lower snake_case and plural. Each column is a JSON Schema. "references" says a column',
  'holds primary keys of another table (a string, or an array of them).',
  '',
  'For each tool write the source of ONE JavaScript function expression: (db, args) => result.',
  '- Plain ES2020 only. No host APIs: no require, import, fetch, process, console, timers or I/O.',
  '- It reads db and, for a write tool, changes it in place; the return value is the API response (JSON).',
  '- Throw an Error with a clear message for bad arguments or unknown ids; that is the API error.',
  '- A write tool must change db when it succeeds; a read tool must never change db.',
  '- Use the parameter names exactly as given; every table a tool uses must be in the schema.',
  '',
  'Answer with strict JSON only, in this form:',
  '{"schema":{"tables":[...]},"tools":[{"name":"tool_name","code":"(db, args) => { ... }"}]}',
  'with one entry in "tools" for every tool of the domain, named exactly as given.',
].join('\n');

/** Rows shown per table, and the most characters of them in all: enough to show the shape. */
const SAMPLE_ROWS = 2;
const SAMPLE_CHARS = 12_000;

export function buildGeneratePrompt(tools: GraphTool[], evidence: GenerateEvidence = {}): GenMessage[] {
  const blocks = tools.map((t) => {
    const lines = [`- ${t.name} (${t.op})`];
    const description = t.description.replace(/\s+/g, ' ').trim();
    if (description) lines.push(`  description: ${description}`);
    lines.push(`  parameters: ${JSON.stringify(t.parameters ?? {})}`);
    if (t.returns) lines.push(`  returns: ${JSON.stringify(t.returns)}`);
    return lines.join('\n');
  });
  let user = `Write the environment for this domain of ${tools.length} tools.\n\n${blocks.join('\n')}`;
  if (evidence.data) user += `\n\n${dataBlock(evidence.data)}`;
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}

function dataBlock(data: NonNullable<GenerateEvidence['data']>): string {
  let budget = SAMPLE_CHARS;
  const rows: string[] = [];
  for (const [table, sample] of Object.entries(data.samples)) {
    for (const [key, row] of sample.slice(0, SAMPLE_ROWS)) {
      const line = `${table}[${JSON.stringify(key)}] = ${JSON.stringify(row)}`;
      if (line.length > budget) break;
      budget -= line.length;
      rows.push(line);
    }
  }
  return [
    "The database already exists: it is the user's real data, and your code runs on it. Keep this schema exactly",
    '(answer it back unchanged as "schema"); nested objects, lists and dictionaries keyed by id are as the rows show:',
    JSON.stringify(data.schema),
    '',
    'A few of its rows (db[table][key] = row):',
    ...rows,
    '',
    'Match fields by their real place in the rows (a first name may be under name.first_name). Refuse what the',
    'descriptions say the API refuses (a status a tool does not apply to), with an Error saying why.',
  ].join('\n');
}

/** What could be read from one answer: content always holds every domain tool, in domain order. */
export type ParsedAnswer = { content: EnvironmentContent; missing: string[]; problems: string[] };

const answerShape = z.object({ schema: environmentSchema, tools: z.unknown() });
const toolShape = z.object({ name: z.string().min(1), code: z.string().min(1) });

/**
 * Reads an answer into content for the domain's tools, or throws saying why it cannot. A tool the
 * answer lacks gets code that throws, so the content stays complete and validation fails it
 * honestly; it is also listed in `missing` for the repair message.
 */
export function parseGenerateAnswer(text: string, tools: GraphTool[], fixedSchema?: EnvironmentSchema): ParsedAnswer {
  const json = findJson(text);
  if (json === undefined) throw new Error('the answer holds no readable JSON object');
  // With the user's data the schema is theirs: whatever the model wrote back is not used.
  if (fixedSchema && json && typeof json === 'object') (json as Record<string, unknown>).schema = fixedSchema;
  const shape = answerShape.safeParse(json);
  if (!shape.success) throw new Error(`the answer is not {"schema":{"tables":[...]},"tools":[...]}: ${formatIssues(shape.error)}`);
  const problems: string[] = [];
  const given = readToolEntries(shape.data.tools, problems);

  const byName = new Map(tools.map((t) => [t.name, t]));
  const byLower = new Map(tools.map((t) => [t.name.toLowerCase(), t]));
  const code = new Map<string, string>();
  for (const { name, code: source } of given) {
    const tool = byName.get(name.trim()) ?? byLower.get(name.trim().toLowerCase());
    if (!tool) problems.push(`"${name}" is not a tool of this domain (ignored)`);
    else if (code.has(tool.name)) problems.push(`${tool.name} is given more than once (the first is used)`);
    else code.set(tool.name, source);
  }
  const missing = tools.filter((t) => !code.has(t.name)).map((t) => t.name);
  const content: EnvironmentContent = {
    schema: shape.data.schema as EnvironmentSchema,
    tools: tools.map((t) => toToolCode(t, code.get(t.name) ?? missingCode(t.name))),
  };
  return { content, missing, problems };
}

function readToolEntries(raw: unknown, problems: string[]): Array<{ name: string; code: string }> {
  // Models sometimes answer a map of name → code instead of the asked-for list.
  const items = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object'
      ? Object.entries(raw).map(([name, code]) => (typeof code === 'string' ? { name, code } : { name, ...(code as object) }))
      : null;
  if (!items) {
    problems.push('"tools" is not a list of {"name","code"}');
    return [];
  }
  const out: Array<{ name: string; code: string }> = [];
  items.forEach((item, i) => {
    const t = toolShape.safeParse(item);
    if (t.success) out.push(t.data);
    else problems.push(`tools[${i}] is not {"name": string, "code": string}: ${formatIssues(t.error)}`);
  });
  return out;
}

function toToolCode(t: GraphTool, code: string): ToolCode {
  return { toolId: t.id, name: t.name, op: t.op, parameters: t.parameters as ToolCode['parameters'], code, ...(t.returns ? { returns: t.returns } : {}) };
}

function missingCode(name: string): string {
  return `(db, args) => { throw new Error(${JSON.stringify(`${name} was not generated`)}); }`;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** The JSON object in an answer that may wrap it in code fences or prose, or break its strings. */
function findJson(text: string): unknown {
  const fenced = [...text.matchAll(/```(?:json)?\s*([\s\S]*?)```/gi)].map((m) => m[1]);
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  const braced = start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
  for (const c of [...fenced, text, braced]) {
    if (!c) continue;
    for (const attempt of [c.trim(), escapeControlInStrings(c.trim())]) {
      try {
        const v: unknown = JSON.parse(attempt);
        if (v && typeof v === 'object' && !Array.isArray(v)) return v;
      } catch {
        // Try the next reading.
      }
    }
  }
  return undefined;
}

/** Models often put raw newlines and tabs inside JSON strings (code!); JSON forbids them there. */
function escapeControlInStrings(s: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (inString && ch === '\\') {
      out += ch + (s[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      inString = !inString;
      out += ch;
    } else if (inString && ch < ' ') {
      out += ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out;
}

/** The follow-up after a failed round: exactly what went wrong, then the same request again. */
export function buildRepairMessage(failure: { parseError: string } | { parsed: ParsedAnswer; report: ValidationReport; feedback?: ReferenceFeedback }): string {
  const lines: string[] = [];
  if ('parseError' in failure) {
    lines.push(`Your answer could not be used: ${failure.parseError}.`);
  } else {
    const { parsed, report } = failure;
    lines.push('Your environment failed validation:');
    for (const name of parsed.missing) lines.push(`- ${name}: missing from your answer; write its code`);
    const missing = new Set(parsed.missing);
    for (const t of report.tools) if (!t.ok && !missing.has(t.name)) lines.push(`- ${t.name}: ${clip(t.detail)}`);
    if (!report.stateValid) for (const e of report.stateErrors.slice(0, 10)) lines.push(`- database state: ${clip(e)}`);
    for (const p of parsed.problems) lines.push(`- ${p}`);
    if (failure.feedback && failure.feedback.disagreements.length) {
      lines.push('', `Against the real API's recorded calls (${failure.feedback.summary}), your code disagrees here:`);
      for (const d of failure.feedback.disagreements.slice(0, 12)) lines.push(`- ${clip(d)}`);
    }
  }
  lines.push('', 'Fix these and answer again with the complete JSON: {"schema":{"tables":[...]},"tools":[...]} with every tool of the domain.');
  return lines.join('\n');
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > DETAIL_LIMIT ? `${one.slice(0, DETAIL_LIMIT)}…` : one;
}

type Candidate = { content: EnvironmentContent; report: ValidationReport; round: number; feedback?: ReferenceFeedback };

/** Closer to the real API wins when a reference says so; then more passing tools; then a state that fits its schema; then the earlier round. */
function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.feedback && b.feedback && a.feedback.agree !== b.feedback.agree) return a.feedback.agree > b.feedback.agree;
  if (a.report.passed !== b.report.passed) return a.report.passed > b.report.passed;
  return a.report.stateValid && !b.report.stateValid;
}

export async function generateWithLlm(tools: GraphTool[], deps: LlmGeneratorDeps): Promise<LlmGeneratorResult> {
  if (tools.length === 0) throw new Error('the domain has no tools to generate an environment for');
  const rounds = Math.max(1, deps.rounds ?? DEFAULT_ROUNDS);
  const prompt = buildGeneratePrompt(tools, deps.evidence);
  const fixedSchema = deps.evidence?.data?.schema;
  const log: string[] = [];
  let best: Candidate | null = null;
  let lastParseError = '';
  // Only the latest answer and its failures go back: older rounds would just grow the prompt.
  let followUp: GenMessage[] = [];
  let round = 0;

  while (round < rounds) {
    round++;
    deps.signal?.throwIfAborted();
    const answer = await deps.complete([...prompt, ...followUp]);
    let parsed: ParsedAnswer;
    try {
      parsed = parseGenerateAnswer(answer, tools, fixedSchema);
    } catch (e) {
      lastParseError = e instanceof Error ? e.message : String(e);
      log.push(`round ${round}: unusable answer: ${lastParseError}`);
      followUp = [
        { role: 'assistant', content: answer },
        { role: 'user', content: buildRepairMessage({ parseError: lastParseError }) },
      ];
      continue;
    }
    deps.signal?.throwIfAborted();
    const report = await deps.validate(parsed.content);
    const feedback = deps.check ? await deps.check(parsed.content) : undefined;
    const failing = report.tools.filter((t) => !t.ok).map((t) => t.name);
    const notes = [
      failing.length ? `failing: ${failing.join(', ')}` : '',
      parsed.missing.length ? `missing: ${parsed.missing.join(', ')}` : '',
      report.stateValid ? '' : `state invalid (${report.stateErrors.length} errors)`,
      feedback ? `reference: ${feedback.summary}` : '',
    ].filter(Boolean);
    log.push(`round ${round}: ${report.passed} of ${report.tools.length} tools pass${notes.length ? `; ${notes.join('; ')}` : ''}`);
    const candidate = { content: parsed.content, report, round, feedback };
    if (better(candidate, best)) best = candidate;
    // Missing tools fail validation through their stub code, so `ok` already accounts for them.
    if (report.ok && parsed.missing.length === 0 && (!feedback || feedback.disagreements.length === 0)) break;
    followUp = [
      { role: 'assistant', content: answer },
      { role: 'user', content: buildRepairMessage({ parsed, report, feedback }) },
    ];
  }

  if (!best) throw new Error(`the model gave no usable environment in ${round} round${round === 1 ? '' : 's'}: ${lastParseError}`);
  return { content: best.content, rounds: round, report: best.report, log };
}
