import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { sharedData } from '../testing/shared-data';

type EnvRow = { domain: string; version: number; versionId: string; tables: number; tools: number; passed: number; valid: boolean };

async function cli(t: TestDatabase, args: string[]) {
  const r = await runStudioProcess('server/cli.ts', [...args, '--json'], t.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe.each(TEST_DATABASE_KINDS)('envgen through the CLI on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('envgen --all over the ToolBench domains makes a validated version for every domain', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    await cli(t, ['import', sharedData('toolbench')]);
    await cli(t, ['graph']);
    const domains = (await cli(t, ['domains'])) as Array<{ id: string; tools: string[] }>;
    expect(domains.length).toBeGreaterThan(10);

    const rows = (await cli(t, ['envgen', '--all'])) as EnvRow[];
    expect(rows.map((r) => r.domain).sort()).toEqual(domains.map((d) => d.id).sort());
    for (const r of rows) {
      expect(r.version).toBe(1);
      expect(r.tables).toBeGreaterThan(0);
      expect(r.tools).toBe(domains.find((d) => d.id === r.domain)!.tools.length);
    }
    const passed = rows.reduce((n, r) => n + r.passed, 0);
    const total = rows.reduce((n, r) => n + r.tools, 0);
    expect(passed / total).toBeGreaterThanOrEqual(0.85);

    // A second run makes version 2 of a domain, leaving version 1 as it was.
    const again = (await cli(t, ['envgen', '--domain', rows[0]!.domain])) as EnvRow[];
    expect(again).toHaveLength(1);
    expect(again[0]!.version).toBe(2);
    expect(again[0]!.versionId).not.toBe(rows[0]!.versionId);
  });

  it('says clearly when there is nothing to generate, and refuses the LLM generator offline', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const none = await runStudioProcess('server/cli.ts', ['envgen', '--all', '--json'], t.env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no domains with tools: build the graph first/);

    await cli(t, ['import', sharedData('taubench', 'retail', 'tools.json')]);
    await cli(t, ['graph']);
    const r = await runStudioProcess('server/cli.ts', ['envgen', '--all', '--generator', 'llm', '--json'], t.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the LLM generator needs STUDIO_LLM_BASE_URL and STUDIO_LLM_MODEL/);
  });
});
