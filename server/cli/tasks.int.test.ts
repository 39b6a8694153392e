import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';

type Call = { name: string; arguments: Record<string, unknown>; result: unknown };
type TaskDoc = { id: string; domain: string; domainName: string; readOnly: boolean; intent: string; calls: Call[] };

const DEMO = path.join(__dirname, '..', 'demo', 'demo-tools.json');

async function cli(t: TestDatabase, args: string[]) {
  const r = await runStudioProcess('server/cli.ts', [...args, '--json'], t.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe.each(TEST_DATABASE_KINDS)('tasks readable from the CLI on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('sample --json and tasks print each call with its arguments and result, and the intent; tasks filters by domain', { timeout: 300_000 }, async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const empty = await runStudioProcess('server/cli.ts', ['tasks'], t.env);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toBe('no tasks: sample some first (cli sample)\n');

    await cli(t, ['import', DEMO]);
    await cli(t, ['graph']);
    await cli(t, ['envgen', '--all']);
    const domains = (await cli(t, ['domains'])) as Array<{ id: string; tools: string[] }>;
    const sampled = (await cli(t, ['sample', '--all', '--n', '2', '--seed', '3'])) as TaskDoc[];
    expect(sampled.length).toBeGreaterThan(domains.length);
    for (const task of sampled) {
      expect(task.intent).toMatch(/\w/);
      expect(task.calls.length).toBeGreaterThanOrEqual(1);
      for (const call of task.calls) {
        expect(Object.keys(call).sort()).toEqual(['arguments', 'name', 'result']);
        expect(domains.find((d) => d.id === task.domain)!.tools).toContain(call.name);
        expect(typeof call.arguments).toBe('object');
      }
    }
    // Some call returned something a person can read.
    expect(sampled.some((task) => task.calls.some((c) => c.result !== null))).toBe(true);

    // `tasks` gives back what was sampled, calls and results whole.
    const listed = (await cli(t, ['tasks'])) as TaskDoc[];
    const byId = new Map(listed.map((x) => [x.id, x]));
    expect([...byId.keys()].sort()).toEqual(sampled.map((x) => x.id).sort());
    for (const task of sampled)
      expect(byId.get(task.id)).toMatchObject({ domain: task.domain, intent: task.intent, readOnly: task.readOnly, calls: task.calls });

    const one = sampled[0]!.domain;
    const mine = (await cli(t, ['tasks', '--domain', one])) as TaskDoc[];
    expect(mine.length).toBe(sampled.filter((x) => x.domain === one).length);
    expect(mine.every((x) => x.domain === one)).toBe(true);
    expect(((await cli(t, ['tasks', '--limit', '1'])) as TaskDoc[]).length).toBe(1);

    // Human output: one block per task, its intent, then each call numbered with its arguments and result.
    const human = await runStudioProcess('server/cli.ts', ['tasks', '--domain', one], t.env);
    expect(human.code, human.stderr).toBe(0);
    const blocks = human.stdout.trim().split('\n\n');
    expect(blocks.at(-1)).toBe(`${mine.length} task${mine.length === 1 ? '' : 's'}`);
    for (const [i, task] of mine.entries()) {
      const lines = blocks[i]!.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^task ${task.id} \\(.*${task.calls.length} calls?, (read-only|writes)\\)$`));
      expect(lines[1]).toBe(`  ${task.intent}`);
      expect(lines[2]).toBe(`  1. ${task.calls[0]!.name} ${JSON.stringify(task.calls[0]!.arguments)}`);
      expect(lines[3]).toMatch(/^ {5}→ /);
      expect(lines).toHaveLength(2 + 2 * task.calls.length);
    }

    const bad = await runStudioProcess('server/cli.ts', ['tasks', '--domain', 'nope', '--json'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/tasks: --domain: /);
  });
});
