import { afterAll, describe, expect, it } from 'vitest';
import { readImportArgument } from '../../cli/files';
import { sharedData } from '../../testing/shared-data';
import { generateHeuristic } from '../environment/heuristic';
import { validateEnvironment } from '../environment/validate';
import { buildGraph } from '../graph/build';
import { graphParams, type GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { importDocuments } from '../tools/import';
import { sampleSettings } from './model';
import { expectSoundTasks } from './test-tasks';
import { sampleTasks } from './walk';

/**
 * The acceptance bar: every ToolBench domain with a valid heuristic environment yields 20 distinct
 * tasks. ToolBench is read the way `cli import <folder>` reads it, and its domains are the graph's.
 */
describe('tasks sampled on every ToolBench domain', { timeout: 600_000 }, () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('gives 20 sound tasks for each domain whose environment validates', async () => {
    const { tools: imported } = importDocuments(readImportArgument(sharedData('toolbench')));
    const tools: GraphTool[] = imported.map((t, i) => ({ id: `${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
    const byId = new Map(tools.map((t) => [t.id, t]));
    const { domains, edges } = buildGraph(tools, graphParams.parse({}));
    const settings = sampleSettings.parse({ n: 20, seed: 1 });

    let valid = 0;
    let tasks = 0;
    let calls = 0;
    let readOnly = 0;
    const short: string[] = [];
    for (const domain of domains) {
      const content = generateHeuristic(domain.toolIds.map((id) => byId.get(id)!));
      const report = await validateEnvironment(content, sandbox, { seed: settings.seed });
      if (!report.ok) continue;
      valid++;
      const descriptions = Object.fromEntries(domain.toolIds.map((id) => [id, byId.get(id)!.description]));
      const result = await sampleTasks({ content, edges, descriptions }, sandbox, settings);
      if (result.tasks.length < settings.n) short.push(`${domain.name}: ${result.tasks.length} (${result.notes.join('; ')})`);
      await expectSoundTasks(result.tasks, content, edges, settings, sandbox, domain.name);
      tasks += result.tasks.length;
      calls += result.tasks.reduce((sum, t) => sum + t.calls.length, 0);
      readOnly += result.tasks.filter((t) => t.readOnly).length;
    }
    console.log(
      `ToolBench: ${valid} of ${domains.length} domains with a valid environment, ${tasks} tasks, mean length ${(calls / tasks).toFixed(2)}, ` +
        `${((readOnly / tasks) * 100).toFixed(0)}% read-only`,
    );
    expect(valid).toBeGreaterThan(domains.length / 2);
    expect(short).toEqual([]);
    expect(tasks).toBe(valid * settings.n);
  });
});
