import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { sharedData } from '../testing/shared-data';

type Tally = { agree: number; total: number };
type Score = Record<'load' | 'calls' | 'refusals' | 'reads' | 'rows' | 'fields' | 'final', Tally> & { load: { errors: string[] }; checkId: string };

async function cli(t: TestDatabase, args: string[]) {
  const r = await runStudioProcess('server/cli.ts', [...args, '--json'], t.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

const share = (x: Tally) => x.agree / x.total;

/**
 * The command-line path, end to end: τ-bench retail kept whole, grounded in its db.json by
 * the heuristic generator, replayed and checked against its real traces; bad files refused.
 */
describe.each(TEST_DATABASE_KINDS)('grounded environments through the CLI on %s', (kind) => {
  let t: TestDatabase | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    t = dir = undefined;
  });

  it('graph --keep-whole, envgen --data, replay and check', { timeout: 900_000 }, async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grounded-cli-'));
    await cli(t, ['import', sharedData('taubench', 'retail', 'tools.json')]);
    const [collection] = (await cli(t, ['collections'])) as Array<{ id: string }>;
    await cli(t, ['graph', '--keep-whole', collection!.id, '--no-llm-check']);
    const domain = ((await cli(t, ['domains'])) as Array<{ id: string; locked: boolean; tools: string[] }>).find((d) => d.tools.length === 16)!;
    expect(domain.locked).toBe(true);

    // Bad data: a file over the cap is refused while reading; one with a table no tool names is refused by name.
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, Buffer.alloc(60 * 2 ** 20, 0x20));
    const tooBig = await runStudioProcess('server/cli.ts', ['envgen', '--domain', domain.id, '--data', big, '--json'], t.env);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toMatch(/big\.json: larger than 50 MB, the limit/);
    const planets = path.join(dir, 'planets.json');
    fs.writeFileSync(planets, JSON.stringify({ planets: [{ id: 'p1' }] }));
    const foreign = await runStudioProcess('server/cli.ts', ['envgen', '--domain', domain.id, '--data', planets, '--json'], t.env);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/planets\.json at planets: /);
    expect(foreign.stderr).not.toMatch(/\n\s+at /);

    const [env] = (await cli(t, ['envgen', '--domain', domain.id, '--data', sharedData('taubench', 'retail', 'db.json')])) as Array<{
      version: number;
      data: string;
      passed: number;
      tools: number;
    }>;
    expect(env).toMatchObject({ version: 1, data: 'db.json', tools: 16 });

    const score = (await cli(t, ['check', '--domain', domain.id, '--reference', sharedData('reference', 'taubench-retail.json')])) as Score;
    expect(score.load).toMatchObject({ agree: 1550, total: 1550, errors: [] });
    expect(score.calls.total).toBe(582);
    expect(share(score.calls)).toBeGreaterThanOrEqual(0.95);
    expect(score.refusals.agree).toBeGreaterThanOrEqual(score.refusals.total / 2);
    expect(share(score.reads)).toBeGreaterThanOrEqual(0.7);
    expect(share(score.rows)).toBeGreaterThanOrEqual(0.7);
    expect(score.checkId).toMatch(/^[0-9a-f-]{36}$/);

    // replay: the calls of two real tasks, their outputs and row diffs in the references' format.
    const reference = JSON.parse(fs.readFileSync(sharedData('reference', 'taubench-retail.json'), 'utf8')) as {
      tasks: Array<{ id: number; calls: Array<{ name: string; arguments: unknown; output: unknown; ok: boolean }>; final_diff: unknown[] }>;
    };
    const write = reference.tasks.find((x) => x.final_diff.length > 0)!;
    const tasksFile = path.join(dir, 'tasks.json');
    fs.writeFileSync(tasksFile, JSON.stringify([write].map((x) => ({ id: x.id, calls: x.calls.map((c) => ({ name: c.name, arguments: c.arguments })) }))));
    const [replayed] = (await cli(t, ['replay', '--domain', domain.id, '--version', '1', '--tasks', tasksFile])) as Array<{
      id: number;
      calls: Array<{ name: string; ok: boolean }>;
      diff: Array<{ table: string; key: string; change: string }>;
    }>;
    expect(replayed!.id).toBe(write.id);
    expect(replayed!.calls.map((c) => c.name)).toEqual(write.calls.map((c) => c.name));
    expect(replayed!.diff.length).toBeGreaterThan(0);
    expect(replayed!.diff[0]).toMatchObject({ table: expect.any(String), key: expect.any(String), change: expect.stringMatching(/added|removed|changed/) });

    // A reference naming a tool the environment lacks is refused with the tool's name.
    const bad = path.join(dir, 'bad-reference.json');
    fs.writeFileSync(bad, JSON.stringify({ tasks: [{ id: 1, calls: [{ name: 'teleport_order', arguments: {}, ok: true, output: null }], final_diff: [] }] }));
    const refused = await runStudioProcess('server/cli.ts', ['check', '--domain', domain.id, '--reference', bad, '--json'], t.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad-reference\.json calls a tool .* does not have: teleport_order/);
  });
});
