import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImportArgument } from '../../cli/files';
import { sharedData } from '../../testing/shared-data';
import { generateGrounded } from '../environment/grounded/generate';
import { generateHeuristic } from '../environment/heuristic';
import { validateEnvironment } from '../environment/validate';
import { buildGraph } from '../graph/build';
import { graphParams, type GraphTool } from '../graph/model';
import { taubench } from '../reference/taubench-fixture';
import { Sandbox } from '../sandbox/sandbox';
import { importDocuments } from '../tools/import';
import { chainShare, isChained } from './chain-measure';
import { sampleSettings, type Task } from './model';
import { sampleTasks } from './walk';

/**
 * Item 1 of the coherent-tasks issue, measured: over the demo, τ-bench retail and airline grounded
 * in their db.json, and ToolBench domains, at least 90% of the multi-step tasks are chained by data
 * (every later call shares a value with an earlier call's arguments or result).
 */

const TARGET = 0.9;
/** ToolBench domains sampled: enough to see the APIs' variety, few enough to run in a minute or two. */
const TOOLBENCH_DOMAINS = 24;

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

const asGraphTools = (file: string, bytes: Buffer, prefix: string): GraphTool[] =>
  importDocuments([{ file, bytes }]).tools.map((t, i) => ({ id: `${prefix}-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));

function report(label: string, tasks: Task[]): ReturnType<typeof chainShare> {
  const share = chainShare(tasks);
  const lengths = tasks.map((t) => t.calls.length);
  console.log(`${label}: ${tasks.length} tasks (lengths ${lengths.join(' ')}), ${share.chained}/${share.multiStep} multi-step chained (${(share.share * 100).toFixed(1)}%)`);
  const loose = tasks.filter((t) => t.calls.length > 1 && !isChained(t.calls)).slice(0, 3);
  for (const t of loose) console.log(`  unchained: ${t.calls.map((c) => `${c.name}${JSON.stringify(c.arguments)}`).join(' > ').slice(0, 400)}`);
  return share;
}

describe('tasks are chained by data', { timeout: 900_000 }, () => {
  it('on the demo, each domain', async () => {
    const tools = asGraphTools('demo-tools.json', fs.readFileSync(path.join(__dirname, '../../demo/demo-tools.json')), 'demo');
    const graph = buildGraph(tools, graphParams.parse({}));
    const byId = new Map(tools.map((t) => [t.id, t]));
    const all: Task[] = [];
    for (const d of graph.domains) {
      const content = generateHeuristic(d.toolIds.map((id) => byId.get(id)!));
      const inDomain = new Set(d.toolIds);
      const edges = graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target));
      const { tasks } = await sampleTasks({ content, edges }, sandbox, sampleSettings.parse({ n: 10, seed: 1 }));
      all.push(...tasks);
    }
    const share = report('demo', all);
    expect(share.multiStep).toBeGreaterThan(all.length / 2);
    expect(share.share).toBeGreaterThanOrEqual(TARGET);
  });

  it.each(['retail', 'airline'] as const)('on τ-bench %s grounded in its db.json', async (domain) => {
    const { tools, data } = taubench(domain);
    const { content } = generateGrounded(tools, data, 'db.json');
    const { edges } = buildGraph(tools, graphParams.parse({}));
    const { tasks } = await sampleTasks({ content, edges, initialState: data.state }, sandbox, sampleSettings.parse({ n: 10, seed: 1 }));
    const share = report(`τ-bench ${domain}`, tasks);
    expect(tasks).toHaveLength(10);
    expect(share.multiStep).toBeGreaterThanOrEqual(3);
    expect(share.share).toBeGreaterThanOrEqual(TARGET);
  });

  it('on ToolBench domains', async () => {
    const { tools: imported } = importDocuments(readImportArgument(sharedData('toolbench')));
    const tools: GraphTool[] = imported.map((t, i) => ({ id: `${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
    const byId = new Map(tools.map((t) => [t.id, t]));
    const graph = buildGraph(tools, graphParams.parse({}));
    const all: Task[] = [];
    let sampled = 0;
    for (const d of graph.domains) {
      if (sampled >= TOOLBENCH_DOMAINS) break;
      const content = generateHeuristic(d.toolIds.map((id) => byId.get(id)!));
      if (!(await validateEnvironment(content, sandbox, { seed: 1 })).ok) continue;
      sampled++;
      all.push(...(await sampleTasks({ content, edges: graph.edges }, sandbox, sampleSettings.parse({ n: 5, seed: 1 }))).tasks);
    }
    const share = report(`ToolBench (${sampled} domains)`, all);
    expect(share.multiStep).toBeGreaterThan(20);
    expect(share.share).toBeGreaterThanOrEqual(TARGET);
  });
});
