import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noiseFor } from '../jobs/handlers/rollout-policies';
import { generateHeuristic } from '../pipeline/environment/heuristic';
import { buildGraph } from '../pipeline/graph/build';
import { graphParams, type GraphTool } from '../pipeline/graph/model';
import { runRollout } from '../pipeline/rollout/loop';
import { NOISES, type Trajectory } from '../pipeline/rollout/model';
import { createOracleAgent } from '../pipeline/rollout/oracle-agent';
import { rawJsonShare } from '../pipeline/rollout/reply-measure';
import { runSettings } from '../pipeline/rollout/settings';
import { createTestUser, testSteps } from '../pipeline/rollout/test-user';
import { toolSpecs } from '../pipeline/rollout/tool-specs';
import { Sandbox } from '../pipeline/sandbox/sandbox';
import { sampleSettings } from '../pipeline/tasks/model';
import { sampleTasks } from '../pipeline/tasks/walk';
import { importDocuments } from '../pipeline/tools/import';

/**
 * Issue 14's measure of what the offline agent teaches: over offline rollouts of the demo's
 * sampled tasks (every noise switch on, at the default rate, one each), the share of trained
 * assistant replies that contain raw JSON stays under 5%.
 */

const FILE = path.join(__dirname, 'demo-tools.json');
const PER_DOMAIN = 25;

describe('offline replies on the demo', { timeout: 600_000 }, () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('trained replies with raw JSON: under 5% over at least 100 tasks', async () => {
    const { tools: imported } = importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(FILE) }]);
    const tools: GraphTool[] = imported.map((t, i) => ({ id: `demo-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
    const byId = new Map(tools.map((t) => [t.id, t]));
    const graph = buildGraph(tools, graphParams.parse({}));
    const settings = runSettings.parse({ noise: [...NOISES], noiseSeed: 1 });
    const trajectories: Trajectory[] = [];
    let tasks = 0;
    for (const d of graph.domains) {
      const domainTools = d.toolIds.map((id) => byId.get(id)!);
      const content = generateHeuristic(domainTools);
      const inDomain = new Set(d.toolIds);
      const edges = graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target));
      const descriptions = Object.fromEntries(domainTools.map((t) => [t.id, t.description]));
      const sampled = await sampleTasks({ content, edges, descriptions }, sandbox, sampleSettings.parse({ n: PER_DOMAIN, seed: 1 }));
      const specs = toolSpecs(content, descriptions);
      for (const task of sampled.tasks) {
        const agent = createOracleAgent({ task, content, noise: noiseFor(task, content, 'demo', settings), converse: true });
        trajectories.push(await runRollout({ task, content, tools: specs, user: createTestUser(testSteps(task.calls)), agent, sandbox, domain: d.name }));
        tasks++;
      }
    }
    const measure = rawJsonShare(trajectories);
    const noisy = trajectories.filter((t) => t.noiseApplied.length > 0).length;
    const masked = trajectories.reduce((n, t) => n + t.masked.length, 0);
    console.log(
      `demo replies: ${tasks} tasks (${noisy} noisy, ${masked} masked turns), ${measure.replies} trained replies, ${measure.withJson} with raw JSON (${(measure.share * 100).toFixed(1)}%)${measure.examples.length ? `\n  e.g. ${measure.examples.join('\n  e.g. ')}` : ''}`,
    );
    expect(tasks).toBeGreaterThanOrEqual(100);
    expect(trajectories.filter((t) => t.status !== "completed").map((t) => `${t.status} ${t.turns} turns ${t.error ?? ""}: ${t.steps.map((s) => s.name).join(" > ")}`)).toEqual([]);
    expect(measure.replies).toBeGreaterThanOrEqual(tasks);
    expect(measure.share).toBeLessThan(0.05);
    // One switch each, where it has a place, on about 30% of the tasks.
    expect(trajectories.every((t) => t.noiseApplied.length <= 1)).toBe(true);
    expect(noisy).toBeGreaterThan(tasks * 0.1);
    expect(noisy).toBeLessThan(tasks * 0.5);
  });
});
