import fs from 'node:fs';
import path from 'node:path';
import { readImportArgument } from '../server/cli/files';
import { generateHeuristic } from '../server/pipeline/environment/heuristic';
import { validateEnvironment } from '../server/pipeline/environment/validate';
import { buildGraph } from '../server/pipeline/graph/build';
import { graphParams, type GraphTool } from '../server/pipeline/graph/model';
import { runRollout } from '../server/pipeline/rollout/loop';
import type { Trajectory } from '../server/pipeline/rollout/model';
import { createOracleAgent } from '../server/pipeline/rollout/oracle-agent';
import { rawJsonShare } from '../server/pipeline/rollout/reply-measure';
import { createTestUser, testSteps } from '../server/pipeline/rollout/test-user';
import { toolSpecs } from '../server/pipeline/rollout/tool-specs';
import { Sandbox } from '../server/pipeline/sandbox/sandbox';
import { sampleSettings } from '../server/pipeline/tasks/model';
import { sampleTasks } from '../server/pipeline/tasks/walk';
import { importDocuments } from '../server/pipeline/tools/import';
import { sharedData } from '../server/testing/shared-data';
import type { BenchResult } from './report';

/**
 * Issue 14, item 6: the share of trained assistant replies with raw JSON (target < 5%), over
 * offline rollouts (the oracle, and a user keeping the conversation protocol) of tasks sampled from
 * the visible collections: the demo, τ-bench retail, and ToolBench's domains until 500 tasks in all.
 */
const PER_DOMAIN = 20;
const TASKS = 500;

type Collection = { name: string; tools: GraphTool[] };

function collections(): Collection[] {
  const demoFile = path.join(import.meta.dirname, '../server/demo/demo-tools.json');
  const retailFile = sharedData('taubench', 'retail', 'tools.json');
  const asGraph = (prefix: string, list: ReturnType<typeof importDocuments>['tools']): GraphTool[] =>
    list.map((t, i) => ({ id: `${prefix}-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
  return [
    { name: 'demo', tools: asGraph('demo', importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(demoFile) }]).tools) },
    { name: 'τ-bench retail', tools: asGraph('retail', importDocuments([{ file: retailFile, bytes: fs.readFileSync(retailFile) }]).tools) },
    { name: 'ToolBench', tools: asGraph('toolbench', importDocuments(readImportArgument(sharedData('toolbench'))).tools) },
  ];
}

export async function benchReplies(): Promise<BenchResult[]> {
  const sandbox = new Sandbox();
  const trajectories: Trajectory[] = [];
  try {
    for (const c of collections()) {
      const byId = new Map(c.tools.map((t) => [t.id, t]));
      const graph = buildGraph(c.tools, graphParams.parse({}));
      for (const d of graph.domains) {
        if (trajectories.length >= TASKS) break;
        const tools = d.toolIds.map((id) => byId.get(id)!);
        const content = generateHeuristic(tools);
        if (!(await validateEnvironment(content, sandbox, { seed: 1 })).ok) continue;
        const descriptions = Object.fromEntries(tools.map((t) => [t.id, t.description]));
        const inDomain = new Set(d.toolIds);
        const edges = graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target));
        const { tasks } = await sampleTasks({ content, edges, descriptions }, sandbox, sampleSettings.parse({ n: PER_DOMAIN, seed: 1 }));
        const specs = toolSpecs(content, descriptions);
        for (const task of tasks) {
          const agent = createOracleAgent({ task, content, converse: true });
          trajectories.push(await runRollout({ task, content, tools: specs, user: createTestUser(testSteps(task.calls)), agent, sandbox, domain: d.name }));
        }
      }
    }
  } finally {
    await sandbox.close();
  }
  const m = rawJsonShare(trajectories);
  return [
    { name: 'tasks rolled out', value: trajectories.length, unit: 'tasks' },
    { name: 'trained assistant replies', value: m.replies, unit: 'replies' },
    { name: 'with raw JSON (target < 5%)', value: Number((m.share * 100).toFixed(2)), unit: '%' },
  ];
}
