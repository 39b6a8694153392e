import fs from 'node:fs';
import { faker } from '@faker-js/faker';
import Ajv, { type ValidateFunction } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import { buildGraph } from '../graph/build';
import { graphParams, type GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { sampleSettings } from '../tasks/model';
import { sampleTasks } from '../tasks/walk';
import { importDocuments } from '../tools/import';
import { assignEntities } from './acts-on';
import { tableName } from './entities';
import { generateHeuristic } from './heuristic';
import type { EnvironmentContent } from './model';
import type { State } from '../kernel/state';
import { sampleArgs, type SampleIntent } from './sample-args';
import { seedState } from './seed-state';
import { validateState } from './validate-state';
import { toolIntent } from './verbs';

/**
 * Must show 3 of the grounded-environments issue, on Discord's own OpenAPI: its ids are snowflakes
 * (`^(0|[1-9][0-9]*)$`), its enums are `oneOf` lists of constants, its bodies nest with `maxLength`,
 * `maximum` and `maxItems` everywhere. Every Discord domain, built as the CLI builds them, gets a
 * heuristic environment whose seeded ids and sampled arguments all pass the tools' own parameter
 * schemas (checked here by a separate Ajv, formats included), and every domain gets tasks.
 */

const FILE = sharedData('openapi/discord_openapi.json');

/** The independent checker: the API's schemas as written, with the formats Discord uses. */
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true, logger: false });
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/\S+$/i);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('ipv4', /^(\d{1,3}\.){3}\d{1,3}$/);
ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('nonce', () => true);
/** Discord's spec writes `"enum": []` beside an `allOf` that lists the values; no value meets an empty enum, so it is read as absent. */
const withoutEmptyEnums = (s: unknown): unknown =>
  Array.isArray(s)
    ? s.map(withoutEmptyEnums)
    : s && typeof s === 'object'
      ? Object.fromEntries(
          Object.entries(s)
            .filter(([k, v]) => !(k === 'enum' && Array.isArray(v) && v.length === 0))
            .map(([k, v]) => [k, k === 'enum' || k === 'const' ? v : withoutEmptyEnums(v)]),
        )
      : s;
const validators = new WeakMap<object, ValidateFunction>();
const validate = (schema: object, value: unknown): string | null => {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(withoutEmptyEnums(schema) as object)));
  return v(value) ? null : `${v.errors?.[0]?.instancePath || '(value)'} ${v.errors?.[0]?.message}`;
};

/** Latin filler words that are not also words (or names) faker's English data knows. */
const english = new Set<string>();
const collect = (v: unknown): void => {
  if (typeof v === 'string') for (const w of v.toLowerCase().match(/[a-z]+/g) ?? []) english.add(w);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
};
for (const [k, v] of Object.entries(faker.definitions)) if (k !== 'lorem') collect(v);
const LATIN = new Set(faker.definitions.lorem.word.filter((w) => w.length >= 5 && !english.has(w)));
function latinWords(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') for (const w of value.toLowerCase().match(/[a-z]+/g) ?? []) if (LATIN.has(w)) out.push(w);
  if (value && typeof value === 'object') for (const v of Object.values(value)) latinWords(v, out);
  return out;
}

type Domain = { name: string; tools: GraphTool[]; content: EnvironmentContent; state: State };

function discordDomains(): { domains: Domain[]; edges: ReturnType<typeof buildGraph>['edges'] } {
  const { tools: imported } = importDocuments([{ file: FILE, bytes: fs.readFileSync(FILE) }]);
  const tools: GraphTool[] = imported.map((t, i) => ({
    id: `discord-${i}`,
    name: t.name,
    description: t.description,
    op: t.op,
    parameters: t.parameters,
    returns: t.returns,
  }));
  const graph = buildGraph(tools, graphParams.parse({}));
  const byId = new Map(tools.map((t) => [t.id, t]));
  const domains = graph.domains.map((d) => {
    const domainTools = d.toolIds.map((id) => byId.get(id)!);
    const content = generateHeuristic(domainTools);
    return { name: d.name, tools: domainTools, content, state: seedState(content.schema, { seed: 1 }) };
  });
  return { domains, edges: graph.edges };
}

const props = (parameters: Record<string, unknown>) => (parameters.properties ?? {}) as Record<string, object>;

function sampleIntent(tool: EnvironmentContent['tools'][number]): SampleIntent {
  const intent = toolIntent(tool);
  if (intent.op === 'read') return 'read';
  return intent.kind === 'create' ? 'create' : intent.kind === 'delete' ? 'delete' : 'change';
}

describe('Discord environments fit the API’s own schemas', { timeout: 600_000 }, () => {
  const { domains, edges } = discordDomains();
  const sandbox = new Sandbox({ workers: 1 });
  afterAll(() => sandbox.close());

  it('seeds ids, rows and arguments that Discord’s parameter schemas accept, with no Latin filler', () => {
    expect(domains.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    let ids = 0;
    let argSets = 0;
    let unsampled = 0;
    const latin: string[] = [];
    for (const d of domains) {
      expect(validateState(d.content.schema, d.state), d.name).toEqual([]);
      latin.push(...latinWords(d.state));
      // Every seeded key (and every key a reference column holds) against each tool parameter named like it.
      for (const table of d.content.schema.tables) {
        const rows = Object.values(d.state[table.name] ?? {});
        for (const tool of d.content.tools) {
          const p = props(tool.parameters);
          const checks: Array<[string, unknown]> = [];
          if (p[table.primaryKey]) for (const row of rows) checks.push([table.primaryKey, row[table.primaryKey]]);
          for (const ref of table.references)
            if (p[ref.column])
              for (const row of rows)
                for (const v of [row[ref.column]].flat()) if (v !== undefined && !Array.isArray(p[ref.column])) checks.push([ref.column, v]);
          for (const [param, value] of checks) {
            // A parameter that takes a list of ids takes the id as one item of it.
            const list = [(p[param] as { type?: unknown }).type].flat().includes('array');
            const error = validate(p[param]!, list ? [value] : value);
            ids++;
            if (error) failures.push(`${d.name} ${tool.name}.${param} = ${JSON.stringify(value)}: ${error}`);
          }
        }
      }
      // Arguments as the walk samples them: each tool, its table, its intent, several attempts.
      const entities = assignEntities(d.content.tools);
      const tables = new Set(d.content.schema.tables.map((t) => t.name));
      d.content.tools.forEach((tool, i) => {
        const table = entities[i] && tables.has(tableName(entities[i]!)) ? tableName(entities[i]!) : null;
        for (const seed of [1, 2, 3])
          for (let attempt = 0; attempt < 4; attempt++) {
            const sampled = sampleArgs(tool.parameters, d.state, d.content.schema, { seed, attempt, table, intent: sampleIntent(tool) });
            if (!sampled.ok) {
              unsampled++;
              continue;
            }
            argSets++;
            latin.push(...latinWords(sampled.args));
            // Bounded size: a nested body is what a person would send, not a combinatorial explosion.
            expect(JSON.stringify(sampled.args).length, tool.name).toBeLessThan(50_000);
            const error = validate(tool.parameters, sampled.args);
            if (error) failures.push(`${d.name} ${tool.name} ${JSON.stringify(sampled.args).slice(0, 200)}: ${error}`);
          }
      });
    }
    console.log(
      `Discord: ${domains.length} domains, ${ids} seeded ids checked, ${argSets} sampled argument sets checked (${unsampled} attempts had no value to draw), ${failures.length} failures, ${latin.length} Latin words`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(failures.length).toBe(0);
    expect(ids).toBeGreaterThan(1000);
    expect(argSets).toBeGreaterThan(1000);
    expect(latin).toEqual([]);
  });

  it('gives every domain tasks, each call fitting its tool’s schema (sampling never blocks: snowflake keys past 2^53 once froze the refusal probe)', async () => {
    const settings = sampleSettings.parse({ n: 3, seed: 1 });
    const perDomain: string[] = [];
    const empty: string[] = [];
    for (const d of domains) {
      const descriptions = Object.fromEntries(d.tools.map((t) => [t.id, t.description]));
      const { tasks, notes } = await sampleTasks({ content: d.content, edges, descriptions }, sandbox, settings);
      perDomain.push(`${d.name}: ${tasks.length}`);
      if (tasks.length === 0) empty.push(`${d.name}: ${notes.join('; ')}`);
      const byName = new Map(d.content.tools.map((t) => [t.name, t]));
      for (const call of tasks.flatMap((t) => t.calls)) expect(validate(byName.get(call.name)!.parameters, call.arguments), call.name).toBeNull();
    }
    console.log(`Discord tasks per domain (${domains.length} domains): ${perDomain.join(', ')}`);
    expect(empty).toEqual([]);
  });
});
