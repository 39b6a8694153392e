import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { normalizedMutualInformation } from '../pipeline/graph/nmi';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { startFakeOpenAi, type FakeOpenAi } from '../testing/fake-openai';
import { runStudioProcess } from '../testing/processes';
import { sharedData } from '../testing/shared-data';

type GraphDoc = {
  tools: number;
  edges: number;
  domains: number;
  unassigned: number;
  modularity: number;
  llmCheck: string;
  seconds: number;
  keptWhole: Array<{ id: string; name: string; tools: number }>;
};
type DomainDoc = Array<{ id: string; name: string; locked: boolean; tools: string[] }>;
type CollectionDoc = Array<{ id: string; name: string; tools: number; keptWhole: boolean }>;
type ToolDoc = Array<{ name: string; source: { file: string } }>;

async function cli(t: TestDatabase, args: string[], env: Record<string, string> = {}) {
  const r = await runStudioProcess('server/cli.ts', [...args, '--json'], { ...t.env, ...env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe.each(TEST_DATABASE_KINDS)('graph and domains through the CLI on %s', (kind) => {
  let t: TestDatabase | undefined;
  let fake: FakeOpenAi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await t?.cleanup();
    t = undefined;
  });

  it('ToolBench: graph --json reports its figures, and the domains follow the RapidAPI tools (NMI ≥ 0.8)', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const folder = sharedData('toolbench');
    await cli(t, ['import', folder]);
    const graph = (await cli(t, ['graph'])) as GraphDoc;

    // The tool count comes from the raw files: one function per api_list entry.
    const files = (fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json'));
    const apis = files.reduce((n, f) => n + (JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as { api_list: unknown[] }).api_list.length, 0);
    expect(graph.tools).toBe(apis);
    expect(graph.edges).toBeGreaterThan(0);
    expect(graph.domains).toBeGreaterThan(1);
    expect(graph.modularity).toBeGreaterThan(0);
    expect(graph.modularity).toBeLessThanOrEqual(1);
    expect(graph.llmCheck).toMatch(/skipped/);

    const domains = (await cli(t, ['domains'])) as DomainDoc;
    const tools = (await cli(t, ['tools'])) as ToolDoc;
    expect(domains).toHaveLength(graph.domains);
    const domainOf = new Map<string, string>();
    for (const d of domains) for (const name of d.tools) domainOf.set(name, d.id);
    expect(tools.length - domainOf.size).toBe(graph.unassigned);
    // Each unassigned tool is its own cluster; the truth is the RapidAPI tool (file) it came from.
    const predicted = tools.map((tool) => domainOf.get(tool.name) ?? `alone:${tool.name}`);
    const truth = tools.map((tool) => tool.source.file);
    expect(normalizedMutualInformation(predicted, truth)).toBeGreaterThanOrEqual(0.8);
  });

  it('with an endpoint: embeddings as vectors, and the LLM check drops the edges the model rejects', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    // The model rejects the first edge of every batch it is asked about, with a reason.
    fake = await startFakeOpenAi({ chat: () => JSON.stringify({ verdicts: [{ edge: 1, keep: false, reason: 'no shared data' }] }) });
    const env = { STUDIO_LLM_BASE_URL: fake.url, STUDIO_LLM_MODEL: 'judge-1', STUDIO_EMBEDDINGS_MODEL: 'embed-1' };
    await cli(t, ['import', sharedData('taubench', 'retail', 'tools.json'), sharedData('taubench', 'airline', 'tools.json')]);

    const unchecked = (await cli(t, ['graph', '--no-llm-check'], env)) as GraphDoc;
    expect(unchecked.llmCheck).toMatch(/turned off/);
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);

    const checked = (await cli(t, ['graph'], env)) as GraphDoc;
    const chats = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chats.length).toBeGreaterThan(0);
    expect(chats.every((r) => (r.body as { model: string }).model === 'judge-1')).toBe(true);
    // One edge dropped per batch asked about; the same build otherwise.
    expect(checked.llmCheck).toBe(`judge-1 dropped ${chats.length} edges`);
    expect(checked.edges).toBe(unchecked.edges - chats.length);

    const embedded = (await cli(t, ['graph', '--vectors', 'embeddings', '--no-llm-check'], env)) as GraphDoc;
    const embeddings = fake.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embeddings.length).toBeGreaterThan(0);
    expect((embeddings[0]!.body as { input: string[] }).input).toHaveLength(30);
    expect(embedded.tools).toBe(30);
  });

  // A dozen CLI processes, each starting Node and opening the database: minutes on a loaded 2-core machine.
  // The CLI's side of keeping collections whole: the argument's forms, the JSON and human output,
  // the remembered choice. What a build does with kept collections is stages/graph/keep-whole.int.test.ts's.
  it('--keep-whole: τ-bench retail is one locked domain with all 16 tools, remembered until --no-keep-whole', { timeout: 600_000 }, async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    await cli(t, ['import', sharedData('taubench', 'retail', 'tools.json'), '--name', 'Retail API']);
    await cli(t, ['import', sharedData('taubench', 'airline', 'tools.json'), '--name', 'Airline API']);
    const collections = (await cli(t, ['collections'])) as CollectionDoc;
    const retail = collections.find((c) => c.name === 'Retail API')!;
    const airline = collections.find((c) => c.name === 'Airline API')!;
    expect(retail.tools).toBe(16);
    expect(collections.every((c) => !c.keptWhole)).toBe(true);

    const built = (await cli(t, ['graph', '--keep-whole', retail.id])) as GraphDoc;
    expect(built.keptWhole).toEqual([{ id: retail.id, name: 'Retail API', tools: 16 }]);
    const first = ((await cli(t, ['domains'])) as DomainDoc).filter((d) => d.name === 'Retail API');
    expect(first).toHaveLength(1);
    expect(first[0]!.locked).toBe(true);
    expect(first[0]!.tools).toHaveLength(16);

    // A plain rebuild remembers the choice; the human output says so.
    const again = await runStudioProcess('server/cli.ts', ['graph'], t.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('kept whole: Retail API (16 tools)');

    // Both, comma separated; then space separated, in the other order: the same two domains.
    const both = (await cli(t, ['graph', '--keep-whole', `${retail.id},${airline.id}`])) as GraphDoc;
    expect(both.keptWhole.map((c) => [c.name, c.tools])).toEqual([
      ['Retail API', 16],
      ['Airline API', 14],
    ]);
    expect(both.domains).toBe(2);
    const spaced = (await cli(t, ['graph', '--keep-whole', airline.id, retail.id])) as GraphDoc;
    expect(spaced.keptWhole.map((c) => c.name)).toEqual(['Airline API', 'Retail API']);

    const none = (await cli(t, ['graph', '--no-keep-whole'])) as GraphDoc;
    expect(none.keptWhole).toEqual([]);
    expect(((await cli(t, ['collections'])) as CollectionDoc).every((c) => !c.keptWhole)).toBe(true);
  });

  // Both refuse and change nothing, so they share one database with τ-bench retail imported.
  describe('refusals on an imported collection', () => {
    let shared: TestDatabase | undefined;
    beforeAll(async () => {
      shared = await createTestDatabase(kind, {}, { migrated: true });
      await cli(shared, ['import', sharedData('taubench', 'retail', 'tools.json')]);
    });
    afterAll(async () => {
      await shared?.cleanup();
      shared = undefined;
    });

    it('--keep-whole with an unknown collection exits 2 naming it, and changes nothing', async () => {
      const missing = '0b6f2c1e-8d7a-4c3b-9e2f-1a2b3c4d5e6f';
      for (const id of [missing, 'retail']) {
        const r = await runStudioProcess('server/cli.ts', ['graph', '--keep-whole', id, '--json'], shared!.env);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`no collection has the id "${id}"`);
      }
      expect((await cli(shared!, ['domains'])) as DomainDoc).toEqual([]);
    });

    it('refuses embeddings offline with a clear error', async () => {
      const r = await runStudioProcess('server/cli.ts', ['graph', '--vectors', 'embeddings', '--json'], shared!.env);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/no endpoint is configured \(STUDIO_LLM_BASE_URL\)/);
    });
  });
});
