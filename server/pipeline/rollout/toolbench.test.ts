import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readImportArgument } from '../../cli/files';
import { sharedData } from '../../testing/shared-data';
import { generateHeuristic } from '../environment/heuristic';
import type { EnvironmentContent } from '../environment/model';
import { validateEnvironment } from '../environment/validate';
import { buildGraph } from '../graph/build';
import { graphParams, type GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { sampleSettings, type Task } from '../tasks/model';
import { expectSoundTasks } from '../tasks/test-tasks';
import { sampleTasks } from '../tasks/walk';
import { importDocuments } from '../tools/import';
import type { Verdict } from '../verify/model';
import { verifyTrajectory } from '../verify/verify';
import { runRollout } from './loop';
import { NOISES, type Noise, type ToolSpec } from './model';
import { createOracleAgent } from './oracle-agent';
import { createTestUser, testSteps } from './test-user';
import { toolSpecs } from './tool-specs';

/**
 * The acceptance bar of tasks and rollouts, offline: every ToolBench domain whose heuristic
 * environment validates gives sound tasks (six, or as many as there are); the oracle agent without noise passes all three
 * filters on every one; with each noise switch on, exactly the filter meant to catch it rejects
 * exactly the trajectories where the noise was injected. ToolBench's APIs are all GETs (every task
 * is read-only), so τ-bench retail is sampled too, for write tasks and the state filter.
 */

type Domain = { name: string; content: EnvironmentContent; tools: ToolSpec[]; descriptions: Record<string, string>; tasks: Task[] };
type Filter = 'validity' | 'state' | 'exact';

/** Which filters must reject a trajectory with this noise in it. */
function catchers(noise: Noise, task: Task): Filter[] {
  switch (noise) {
    case 'wrong_argument':
      // Only writes get it: another state, and calls that differ from gold too.
      return ['state', 'exact'];
    case 'skipped_step':
      // A write gone wrong leaves another state, and its calls differ from gold too; a read only differs in its calls.
      return task.readOnly ? ['exact'] : ['state', 'exact'];
    case 'extra_read':
      return ['exact'];
    case 'malformed_call':
      return ['validity'];
    case 'tool_error':
      return [];
  }
}

const failing = (v: Verdict): Filter[] => (['validity', 'state', 'exact'] as const).filter((f) => !v[f].pass);

// Six tasks a domain: every domain and every noise switch is covered (about 500 tasks, each rolled out six times) within a few minutes on a loaded CI machine.
const settings = sampleSettings.parse({ n: 6, seed: 1 });

/** Domains that gave fewer than `settings.n` distinct tasks. */
const short: string[] = [];

async function sampleDomain(sandbox: Sandbox, name: string, tools: GraphTool[], edges: ReturnType<typeof buildGraph>['edges']): Promise<Domain | null> {
  const content = generateHeuristic(tools);
  const report = await validateEnvironment(content, sandbox, { seed: settings.seed });
  if (!report.ok) return null;
  const descriptions = Object.fromEntries(tools.map((t) => [t.id, t.description]));
  const result = await sampleTasks({ content, edges, descriptions }, sandbox, settings);
  // A domain of tools that take no arguments has only as many tasks as tools: a call after another
  // must use something the earlier one gave, and chaining unrelated calls would be padding.
  if (result.tasks.length < settings.n) {
    expect(
      result.notes.some((n) => /^only \d+ distinct tasks? of \d+ after \d+ walks: \d+ repeated an earlier task$/.test(n)),
      `${name}: ${result.notes.join('; ')}`,
    ).toBe(true);
    short.push(`${name} (${result.tasks.length})`);
  }
  expect(result.tasks.length, name).toBeGreaterThan(0);
  await expectSoundTasks(result.tasks, content, edges, settings, sandbox, name);
  return { name, content, tools: toolSpecs(content, descriptions), descriptions, tasks: result.tasks };
}

/** Every task of every domain rolled out with a protocol-keeping user and the oracle, 8 at a time. */
async function rollAll(sandbox: Sandbox, domains: Domain[], noise: Noise[]) {
  const jobs = domains.flatMap((d) => d.tasks.map((task) => ({ d, task })));
  const out: Array<{ task: Task; verdict: Verdict; applied: Noise[]; status: string }> = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const { d, task } = jobs[next++]!;
      const trajectory = await runRollout({
        task,
        content: d.content,
        tools: d.tools,
        // A user keeping the conversation protocol (asked, it gives the step's values; it confirms writes).
        user: createTestUser(testSteps(task.calls)),
        agent: createOracleAgent({ task, content: d.content, noise, converse: true }),
        sandbox,
        domain: d.name,
      });
      out.push({ task, verdict: verifyTrajectory(trajectory, task, d.tools), applied: trajectory.noiseApplied, status: trajectory.status });
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return out;
}

describe('ToolBench: sampled tasks, oracle rollouts, and each noise caught by its filter', { timeout: 900_000 }, () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('every domain with a valid environment: six tasks (as many as there are where no call can use another), all passing without noise, each noise rejected by its filter', async () => {
    const { tools: imported } = importDocuments(readImportArgument(sharedData('toolbench')));
    const tools: GraphTool[] = imported.map((t, i) => ({
      id: `${i}`,
      name: t.name,
      description: t.description,
      op: t.op,
      parameters: t.parameters,
      returns: t.returns,
    }));
    const byId = new Map(tools.map((t) => [t.id, t]));
    const graph = buildGraph(tools, graphParams.parse({}));
    const toolbench: Domain[] = [];
    for (const domain of graph.domains) {
      const d = await sampleDomain(
        sandbox,
        domain.name,
        domain.toolIds.map((id) => byId.get(id)!),
        graph.edges,
      );
      if (d) toolbench.push(d);
    }
    expect(toolbench.length).toBeGreaterThan(graph.domains.length / 2);
    console.log(`ToolBench domains with fewer than ${settings.n} distinct tasks: ${short.join(', ') || 'none'}`);
    expect(short.length).toBeLessThanOrEqual(toolbench.length / 10);

    const retailFile = sharedData('taubench', 'retail', 'tools.json');
    const retailTools = importDocuments([{ file: retailFile, bytes: fs.readFileSync(retailFile) }]).tools.map((t, i) => ({
      id: `retail-${i}`,
      name: t.name,
      description: t.description,
      op: t.op,
      parameters: t.parameters,
      returns: t.returns,
    }));
    const retail = await sampleDomain(sandbox, 'τ-bench retail', retailTools, buildGraph(retailTools, graphParams.parse({})).edges);
    expect(retail).not.toBeNull();
    const domains = [...toolbench, retail!];
    const total = domains.reduce((n, d) => n + d.tasks.length, 0);
    const writes = retail!.tasks.filter((t) => !t.readOnly).length;
    expect(writes).toBeGreaterThan(0);

    const clean = await rollAll(sandbox, domains, []);
    expect(clean).toHaveLength(total);
    const cleanFailures = clean.filter((r) => !r.verdict.passed || failing(r.verdict).length > 0 || r.status !== 'completed');
    expect(cleanFailures.map((r) => `${r.task.calls.map((c) => c.name).join(' > ')}: ${r.verdict.reason}`)).toEqual([]);

    const summary: string[] = [];
    for (const noise of NOISES) {
      const rows = await rollAll(sandbox, domains, [noise]);
      const applied = rows.filter((r) => r.applied.includes(noise));
      // Each trajectory fails exactly the filters meant to catch its noise (none where it was not injected).
      const wrong = rows.filter((r) => failing(r.verdict).join() !== (r.applied.includes(noise) ? catchers(noise, r.task) : []).join());
      expect(
        wrong.map(
          (r) =>
            `${noise} ${r.task.calls.map((c) => c.name).join(' > ')}: failed [${failing(r.verdict)}], expected [${r.applied.includes(noise) ? catchers(noise, r.task) : ''}]`,
        ),
      ).toEqual([]);
      const rejected = (f: Filter) => rows.filter((r) => !r.verdict[f].pass).length;
      const expected = (f: Filter) => applied.filter((r) => catchers(noise, r.task).includes(f)).length;
      for (const f of ['validity', 'state', 'exact'] as const) expect(rejected(f), `${noise}: rejected by ${f}`).toBe(expected(f));
      const recovered = rows.filter((r) => r.verdict.tags.includes('recovered')).length;
      if (noise === 'tool_error') {
        expect(recovered).toBe(applied.length);
        expect(rows.filter((r) => r.verdict.passed)).toHaveLength(total);
      } else {
        expect(rows.filter((r) => !r.verdict.passed)).toHaveLength(
          applied.filter((r) => catchers(noise, r.task).some((f) => f !== 'exact' || r.task.readOnly)).length,
        );
      }
      summary.push(
        `${noise}: injected ${applied.length}/${total}, rejected by validity ${rejected('validity')}, state ${rejected('state')}, exact ${rejected('exact')}${noise === 'tool_error' ? `, recovered ${recovered}` : ''}`,
      );
      // Every switch finds a place in many tasks: tool_error only where a call was seen to refuse a
      // missing row (ToolBench's searches and lists rarely do), wrong_argument in write tasks only.
      if (noise === 'wrong_argument') {
        expect(applied.every((r) => !r.task.readOnly)).toBe(true);
        expect(applied.length, noise).toBeGreaterThan(writes / 2);
      } else expect(applied.length, noise).toBeGreaterThan(noise === 'tool_error' ? total / 5 : total / 2);
      if (noise === 'skipped_step' || noise === 'malformed_call' || noise === 'extra_read') expect(applied.length, noise).toBe(total);
    }
    console.log(`ToolBench + retail: ${domains.length} domains, ${total} tasks (${writes} write), all ${total} pass without noise\n  ${summary.join('\n  ')}`);
  });
});
