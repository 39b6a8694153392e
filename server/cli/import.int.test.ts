import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { sharedData } from '../testing/shared-data';

/**
 * Every collection in the shared data imports through the CLI, with as many tools as the raw files
 * say it has. The expected counts are worked out here from the files, not by the importer.
 */

type Json = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
const jsonLines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Json);
const filesIn = (dir: string, pattern: RegExp) =>
  fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(dir, f));

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** OpenAPI and Swagger: one tool per HTTP method key under `paths` and `webhooks`. */
function openapiExpected(file: string) {
  const doc = parseYaml(fs.readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as Json;
  let tools = 0;
  for (const group of [doc.paths, doc.webhooks] as Array<Record<string, Json> | undefined>)
    for (const item of Object.values(group ?? {})) tools += METHODS.filter((m) => m in item).length;
  return { tools, format: 'swagger' in doc ? 'swagger' : 'openapi' };
}

/** Postman: every item that has a `request`, however deep in folders. */
function postmanRequests(items: unknown): number {
  if (!Array.isArray(items)) return 0;
  return items.reduce((n: number, item: Json) => n + ('request' in item ? 1 : 0) + postmanRequests(item.item), 0);
}

/**
 * BFCL and ACEBench: the distinct (name, parameters) pairs among all `function` entries of a file
 * (a multi_turn doc file has one function object per line). Pairs are distinct per file: two files
 * of one folder may document different APIs with the same signature (memory_kv.json and
 * memory_vector.json both have `core_memory_clear()`, described differently), and both are tools.
 */
function distinctFunctions(file: string): number {
  const seen = new Set<string>();
  for (const record of jsonLines(file)) {
    const functions = Array.isArray(record.function) ? (record.function as Json[]) : [record];
    for (const f of functions) seen.add(JSON.stringify([f.name, f.parameters ?? null]));
  }
  return seen.size;
}

type Expected = { arg: string; tools: number; format: string };

function expectedCollections(): Expected[] {
  const out: Expected[] = [];
  for (const file of filesIn(sharedData('openapi'), /\.(json|ya?ml)$/)) out.push({ arg: file, ...openapiExpected(file) });

  const postman = [
    ...filesIn(sharedData('postman'), /\.postman_collection\.json$/).filter((f) => !path.basename(f).startsWith('newman_v1')),
    sharedData('postman', 'newman_sample-collection.v2.0.json'),
  ];
  for (const file of postman) out.push({ arg: file, tools: postmanRequests((readJson(file) as Json).item), format: 'postman' });

  for (const domain of fs.readdirSync(sharedData('taubench')).sort()) {
    const file = sharedData('taubench', domain, 'tools.json');
    if (fs.existsSync(file)) out.push({ arg: file, tools: (readJson(file) as unknown[]).length, format: 'openai' });
  }

  const toolbench = sharedData('toolbench');
  const toolFiles = (fs.readdirSync(toolbench, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json'));
  const apis = toolFiles.reduce((n, f) => n + (readJson(path.join(toolbench, f)) as { api_list: unknown[] }).api_list.length, 0);
  out.push({ arg: toolbench, tools: apis, format: 'toolbench' });

  for (const file of filesIn(sharedData('bfcl'), /\.json$/)) out.push({ arg: file, tools: distinctFunctions(file), format: 'bfcl' });
  const multiTurn = sharedData('bfcl', 'multi_turn_func_doc');
  out.push({ arg: multiTurn, tools: filesIn(multiTurn, /\.json$/).reduce((n, f) => n + distinctFunctions(f), 0), format: 'bfcl' });

  for (const file of filesIn(sharedData('acebench'), /\.json$/)) out.push({ arg: file, tools: distinctFunctions(file), format: 'acebench' });
  return out;
}

type ImportDoc = {
  collections: Array<{ id: string; name: string; format: string; tools: number; warnings: unknown[] }>;
  errors: Array<{ file: string; path: string; message: string }>;
};
type ToolDoc = {
  id: string;
  name: string;
  op: string;
  collection: string;
  parameters: { type: string };
  returns: Json | null;
  examples: Array<{ name?: string; status?: string; value: unknown }>;
  source: { file: string; pointer?: string };
};

describe.each(TEST_DATABASE_KINDS)('the import command on %s', (kind) => {
  let t: TestDatabase;
  afterEach(() => t?.cleanup());
  const cli = (...args: string[]) => runStudioProcess('server/cli.ts', args, t.env);

  // Every shared collection through the CLI: minutes on PGlite when the machine is loaded.
  it('imports every collection in the shared data with the tools its files describe', { timeout: 600_000 }, async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const expected = expectedCollections();
    // Each folder of the data is represented, so a missing folder cannot pass as "all imported".
    expect(new Set(expected.map((e) => e.format))).toEqual(new Set(['openapi', 'swagger', 'postman', 'openai', 'toolbench', 'bfcl', 'acebench']));

    const run = await cli('import', '--json', ...expected.map((e) => e.arg));
    const result = JSON.parse(run.stdout) as ImportDoc;
    expect(result.errors).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    // One collection per argument, in the order given.
    expect(result.collections).toHaveLength(expected.length);
    const got = result.collections.map((c, i) => ({ arg: expected[i]!.arg, tools: c.tools, format: c.format }));
    expect(got).toEqual(expected);
    expect(new Set(result.collections.map((c) => c.id)).size).toBe(expected.length);

    const petstoreFile = sharedData('openapi', 'swagger_petstore_v3_openapi.yaml');
    const petstore = result.collections[expected.findIndex((e) => e.arg === petstoreFile)]!;
    const listed = await cli('tools', '--json', '--collection', petstore.id);
    expect(listed.code, listed.stderr).toBe(0);
    const tools = JSON.parse(listed.stdout) as ToolDoc[];
    expect(tools).toHaveLength(19);
    expect(tools).toHaveLength(openapiExpected(petstoreFile).tools);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);
      expect(['read', 'write']).toContain(tool.op);
      expect(tool.parameters.type).toBe('object');
      expect(tool.collection).toBe(petstore.id);
      expect(tool.source.file).toBe(petstoreFile);
      expect(tool.source.pointer).toMatch(/^\/paths\/.+\/(get|put|post|delete|patch)$/);
    }
    expect(new Set(tools.map((tool) => tool.name)).size).toBe(19);

    // Response schemas and documented examples are stored with the tools and listed back.
    const evidence = async (file: string) => {
      const collection = result.collections[expected.findIndex((e) => e.arg === file)]!;
      const out = await cli('tools', '--json', '--collection', collection.id);
      const listedTools = JSON.parse(out.stdout) as ToolDoc[];
      return {
        tools: listedTools,
        counts: {
          tools: listedTools.length,
          returns: listedTools.filter((x) => x.returns).length,
          examples: listedTools.filter((x) => x.examples.length).length,
        },
      };
    };
    const adyen = await evidence(sharedData('postman', 'adyen_CheckoutService-v71.postman_collection.json'));
    expect(adyen.counts).toEqual({ tools: 59, returns: 50, examples: 50 });
    expect(adyen.tools.flatMap((x) => x.examples)).toContainEqual(
      expect.objectContaining({ status: '201', value: expect.objectContaining({ status: 'received' }) }),
    );
    expect((await evidence(sharedData('openapi', 'twilio_verify_v2.json'))).counts).toEqual({ tools: 57, returns: 49, examples: 49 });
    expect((await evidence(sharedData('openapi', 'discord_openapi.json'))).counts).toEqual({ tools: 242, returns: 185, examples: 0 });
  });

  it('exits 1 naming the file for a Postman v1 collection and for a path that does not exist', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const v1 = sharedData('postman', 'newman_v1.postman_collection.json');
    const old = await cli('import', '--json', v1);
    expect(old.code).toBe(1);
    expect(JSON.parse(old.stdout)).toEqual({ collections: [], errors: [{ file: v1, path: '', message: expect.stringMatching(/not supported/) }] });
    // Each refusal on stderr too, as `file: path: message`.
    expect(old.stderr).toContain(`${v1}: `);
    expect(old.stderr).toMatch(/not supported/);

    const missing = path.join(sharedData('postman'), 'no-such-collection.json');
    const gone = await cli('import', '--json', missing);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stdout)).toEqual({ collections: [], errors: [{ file: missing, path: '', message: expect.stringMatching(/no such file/) }] });
  });
});
