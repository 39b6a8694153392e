import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHeuristic } from '../pipeline/environment/heuristic';
import { validateEnvironment } from '../pipeline/environment/validate';
import { buildGraph } from '../pipeline/graph/build';
import { graphParams, type GraphTool } from '../pipeline/graph/model';
import { Sandbox } from '../pipeline/sandbox/sandbox';
import { sampleSettings } from '../pipeline/tasks/model';
import { sampleTasks } from '../pipeline/tasks/walk';
import { importDocuments } from '../pipeline/tools/import';

const FILE = path.join(__dirname, 'demo-tools.json');
const AREAS = ['shop', 'flight', 'calendar', 'support', 'bank'] as const;
const areaOf = (name: string) => name.split('_')[0]!;

function demoTools(): GraphTool[] {
  const { tools, format, warnings } = importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(FILE) }]);
  expect(format).toBe('openai');
  expect(warnings).toEqual([]);
  return tools.map((t, i) => ({ id: `demo-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

describe('the demo collection', { timeout: 120_000 }, () => {
  const tools = demoTools();
  const byId = new Map(tools.map((t) => [t.id, t]));
  const graph = buildGraph(tools, graphParams.parse({}));
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('has 40–60 tools, each named for one of five areas, with reads and writes in each', () => {
    expect(tools.length).toBeGreaterThanOrEqual(40);
    expect(tools.length).toBeLessThanOrEqual(60);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    for (const area of AREAS) {
      const mine = tools.filter((t) => areaOf(t.name) === area);
      expect(mine.length, area).toBeGreaterThanOrEqual(8);
      expect(mine.some((t) => t.op === 'read'), area).toBe(true);
      expect(mine.some((t) => t.op === 'write'), area).toBe(true);
    }
    expect(tools.every((t) => (AREAS as readonly string[]).includes(areaOf(t.name)))).toBe(true);
  });

  it('builds into 4–6 domains, each of one area', () => {
    const summary = graph.domains.map((d) => `${d.name}: ${d.toolIds.map((id) => byId.get(id)!.name).join(', ')}`);
    console.log(`demo graph: ${graph.domains.length} domains, ${graph.unassigned.length} unassigned, ${graph.edges.length} edges\n${summary.join('\n')}`);
    expect(graph.domains.length).toBeGreaterThanOrEqual(4);
    expect(graph.domains.length).toBeLessThanOrEqual(6);
    for (const d of graph.domains) {
      const areas = new Set(d.toolIds.map((id) => areaOf(byId.get(id)!.name)));
      expect([...areas], d.name).toHaveLength(1);
    }
    // Every area has a domain, and nearly every tool is in one.
    const covered = new Set(graph.domains.flatMap((d) => d.toolIds.map((id) => areaOf(byId.get(id)!.name))));
    expect([...covered].sort()).toEqual([...AREAS].sort());
    expect(graph.unassigned.length).toBeLessThanOrEqual(Math.floor(tools.length * 0.1));
  });

  it('generates environments where at least 90% of the tools pass validation, and tasks in every domain, some writing', async () => {
    let passed = 0;
    let total = 0;
    const failed: string[] = [];
    for (const d of graph.domains) {
      const domainTools = d.toolIds.map((id) => byId.get(id)!);
      const content = generateHeuristic(domainTools);
      const report = await validateEnvironment(content, sandbox, { seed: 7 });
      expect(report.stateErrors, d.name).toEqual([]);
      passed += report.passed;
      total += report.tools.length;
      failed.push(...report.tools.filter((t) => !t.ok).map((t) => `${t.name}: ${t.detail}`));

      const inDomain = new Set(d.toolIds);
      const edges = graph.edges.filter((e) => inDomain.has(e.source) && inDomain.has(e.target));
      const result = await sampleTasks({ content, edges, descriptions: Object.fromEntries(domainTools.map((t) => [t.id, t.description])) }, sandbox, sampleSettings.parse({ n: 10, seed: 1 }));
      const writing = result.tasks.filter((t) => !t.readOnly).length;
      console.log(`${d.name}: ${report.passed}/${report.tools.length} tools pass; ${result.tasks.length} tasks, ${writing} writing${result.notes.length ? `; notes: ${result.notes.join(' | ')}` : ''}`);
      expect(result.tasks.length, d.name).toBeGreaterThan(0);
      expect(writing, d.name).toBeGreaterThan(0);
    }
    console.log(`demo validation: ${passed}/${total} (${((passed / total) * 100).toFixed(1)}%)${failed.length ? `; failed: ${failed.join(' | ')}` : ''}`);
    expect(total).toBe(graph.domains.reduce((n, d) => n + d.toolIds.length, 0));
    expect(passed / total).toBeGreaterThanOrEqual(0.9);
  });
});
