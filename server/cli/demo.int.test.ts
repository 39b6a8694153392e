import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';

type DemoDoc = {
  tools: number;
  domains: Array<{ name: string; tasks: number }>;
  environments: number;
  tasks: number;
  trajectories: number;
  passed: number;
  failed: number;
  recovered: number;
};

describe.each(TEST_DATABASE_KINDS)('cli demo on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('runs every stage offline on a fresh database and prints the counts, ready to review', async () => {
    t = await createTestDatabase(kind);
    const r = await runStudioProcess('server/cli.ts', ['demo', '--json'], t.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as DemoDoc;
    expect(out.tools).toBeGreaterThanOrEqual(40);
    expect(out.tools).toBeLessThanOrEqual(80);
    expect(out.domains.length).toBeGreaterThanOrEqual(4);
    expect(out.domains.length).toBeLessThanOrEqual(6);
    expect(out.environments).toBe(out.domains.length);
    expect(out.domains.every((d) => d.tasks > 0)).toBe(true);
    expect(out.trajectories).toBe(out.tasks);
    expect(out.passed + out.failed).toBe(out.trajectories);
    expect(out.failed).toBeGreaterThan(0);
    // The progress of each stage went to stderr, the document alone to stdout.
    expect(r.stderr).toMatch(/import:/);
    expect(r.stderr).toMatch(/rollout:/);
  });
});
