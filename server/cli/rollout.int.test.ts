import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOpenAiRecord } from '../pipeline/export/openai';
import { checkShareGptRecord } from '../pipeline/export/sharegpt';
import { createTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from '../testing/databases';
import { runStudioProcess } from '../testing/processes';
import { sharedData } from '../testing/shared-data';

type SampledDoc = Array<{ id: string; domain: string; calls: Array<{ name: string; arguments: Record<string, unknown>; result: unknown }>; intent: string }>;
type RolloutDoc = {
  run: string;
  trajectories: number;
  passed: { validity: number; state: number; exact: number };
  verdict: { passed: number; failed: number; recovered: number };
};

async function cli(t: TestDatabase, args: string[]) {
  const r = await runStudioProcess('server/cli.ts', [...args, '--json'], t.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe.each(TEST_DATABASE_KINDS)('sample and rollout through the CLI on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('samples tasks and rolls them out as the contract says, and refuses bad input with a clear message', async () => {
    t = await createTestDatabase(kind, {}, { migrated: true });
    const early = await runStudioProcess('server/cli.ts', ['rollout', '--json'], t.env);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/no tasks to roll out: sample tasks first/);

    await cli(t, ['import', sharedData('taubench', 'retail', 'tools.json'), sharedData('taubench', 'airline', 'tools.json')]);
    await cli(t, ['graph']);
    await cli(t, ['envgen', '--all']);
    const domains = (await cli(t, ['domains'])) as Array<{ id: string; tools: string[] }>;

    const tasks = (await cli(t, ['sample', '--all', '--n', '4', '--seed', '2'])) as SampledDoc;
    expect(tasks.length).toBe(domains.length * 4);
    for (const task of tasks) {
      expect(domains.map((d) => d.id)).toContain(task.domain);
      expect(task.calls.length).toBeGreaterThanOrEqual(1);
      for (const call of task.calls) expect(domains.find((d) => d.id === task.domain)!.tools).toContain(call.name);
      // The user's voice: first person, never the tool's name.
      expect(task.intent).toMatch(/\b(I|I'd|I'm|my|me)\b/);
      for (const call of task.calls) expect(task.intent.toLowerCase()).not.toContain(call.name.toLowerCase());
    }

    const out = (await cli(t, ['rollout', '--all'])) as RolloutDoc;
    expect(out).toMatchObject({
      trajectories: tasks.length,
      passed: { validity: tasks.length, state: tasks.length, exact: tasks.length },
      verdict: { passed: tasks.length, failed: 0 },
    });

    const one = (await cli(t, ['rollout', '--tasks', tasks[0]!.id, '--noise', 'skipped_step', '--noise-rate', '1'])) as RolloutDoc;
    expect(one.trajectories).toBe(1);
    expect(one.verdict.failed).toBe(1);

    // Export: nothing is accepted yet, so the default (accepted only) writes an empty file; with
    // --include-passed every passed trajectory, one valid record per line, in both formats, each
    // with its manifest; phase 2 keeps the target domain's.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-'));
    try {
      const none = (await cli(t, ['export', '--format', 'openai', '--out', path.join(dir, 'accepted.jsonl')])) as { file: string; records: number };
      expect(none.records).toBe(0);
      expect(fs.readFileSync(none.file, 'utf8')).toBe('');
      const openai = (await cli(t, ['export', '--format', 'openai', '--include-passed', '--out', path.join(dir, 'general.jsonl')])) as {
        file: string;
        records: number;
        manifestFile: string;
      };
      expect(openai.records).toBe(out.verdict.passed);
      const lines = fs.readFileSync(openai.file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(openai.records);
      for (const line of lines) expect(checkOpenAiRecord(JSON.parse(line))).toEqual([]);
      expect(JSON.parse(fs.readFileSync(openai.manifestFile, 'utf8'))).toMatchObject({ records: openai.records, source: 'accepted_or_passed', phase: 1 });
      const sharegpt = (await cli(t, ['export', '--format', 'sharegpt', '--include-passed', '--out', path.join(dir, 'general.sharegpt.jsonl')])) as {
        file: string;
        records: number;
      };
      for (const line of fs.readFileSync(sharegpt.file, 'utf8').trim().split('\n')) expect(checkShareGptRecord(JSON.parse(line))).toEqual([]);
      const target = tasks[0]!.domain;
      const vertical = (await cli(t, [
        'export',
        '--format',
        'openai',
        '--include-passed',
        '--phase',
        '2',
        '--target',
        target,
        '--out',
        path.join(dir, 'vertical.jsonl'),
      ])) as { records: number };
      expect(vertical.records).toBe(tasks.filter((x) => x.domain === target).length);
      const noTarget = await runStudioProcess(
        'server/cli.ts',
        ['export', '--format', 'openai', '--phase', '2', '--out', path.join(dir, 'x.jsonl'), '--json'],
        t.env,
      );
      expect(noTarget.code).toBe(2);
      expect(noTarget.stderr).toMatch(/--target: phase 2 \(vertical\) needs target domains, and none is marked as a target/);
      expect(fs.existsSync(path.join(dir, 'x.jsonl'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const bad = await runStudioProcess('server/cli.ts', ['sample', '--all', '--n', '0', '--json'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--n: .*>=1/);
    const noise = await runStudioProcess('server/cli.ts', ['rollout', '--all', '--noise', 'gremlins', '--json'], t.env);
    expect(noise.code).toBe(2);
    expect(noise.stderr).toMatch(/--noise: /);
    const llmOffline = await runStudioProcess('server/cli.ts', ['rollout', '--tasks', tasks[0]!.id, '--agent', 'some-model', '--json'], t.env);
    expect(llmOffline.code).toBe(1);
    expect(llmOffline.stderr).toMatch(/the agent model "some-model" needs an endpoint: set STUDIO_LLM_BASE_URL/);
  });
});
