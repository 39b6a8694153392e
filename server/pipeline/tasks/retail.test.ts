import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../testing/shared-data';
import { generateHeuristic } from '../environment/heuristic';
import { buildGraph } from '../graph/build';
import { graphParams, type GraphTool } from '../graph/model';
import { Sandbox } from '../sandbox/sandbox';
import { canonicalJson } from '../kernel/state';
import { importDocuments } from '../tools/import';
import { offeredValues, wasOffered } from './chain';
import { sampleSettings } from './model';
import { expectSoundTasks } from './test-tasks';
import { sampleTasks } from './walk';

/** τ-bench retail's 16 tools, read by the real importer, as one domain. */
function retailTools(): GraphTool[] {
  const file = sharedData('taubench', 'retail', 'tools.json');
  const { tools } = importDocuments([{ file, bytes: fs.readFileSync(file) }]);
  return tools.map((t, i) => ({ id: `retail-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

describe('tasks sampled on τ-bench retail', { timeout: 120_000 }, () => {
  const tools = retailTools();
  const content = generateHeuristic(tools);
  // Every edge of the build: the graph splits retail into several domains, the walk may cross them.
  const { edges } = buildGraph(tools, graphParams.parse({}));
  const input = { content, edges, descriptions: Object.fromEntries(tools.map((t) => [t.id, t.description])) };
  const settings = sampleSettings.parse({ n: 20, seed: 1 });
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  it('gives 20 distinct gold runs that replay exactly, the same for the same seed', async () => {
    const first = await sampleTasks(input, sandbox, settings);
    expect(first.notes).toEqual([]);
    expect(first.tasks).toHaveLength(20);
    await expectSoundTasks(first.tasks, content, edges, settings, sandbox, 'retail');

    const lengths = first.tasks.map((t) => t.calls.length);
    const writes = first.tasks.filter((t) => !t.readOnly).length;
    console.log(`τ-bench retail: ${first.tasks.length} tasks, lengths ${lengths.join(' ')}, ${writes} that write`);
    expect(Math.max(...lengths)).toBeGreaterThan(1);
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(first.tasks.length);

    // Some step takes its id from what an earlier call returned, as an agent would.
    const chained = first.tasks.flatMap((t) => t.calls.map((c, i) => ({ c, earlier: t.calls.slice(0, i) })).filter(({ c }) => c.derived?.length));
    expect(chained.length).toBeGreaterThan(0);
    for (const { c, earlier } of chained) {
      const offers = earlier.map((e) => offeredValues(e.name, e.result));
      for (const param of c.derived!) expect(wasOffered(param, c.arguments[param], offers), `${c.name} ${param}`).toBe(true);
    }

    const again = await sampleTasks(input, sandbox, settings);
    expect(canonicalJson(again)).toBe(canonicalJson(first));

    const other = await sampleTasks(input, sandbox, { ...settings, seed: 2 });
    expect(other.tasks).toHaveLength(20);
    const prints = new Set(first.tasks.map((t) => t.fingerprint));
    expect(other.tasks.filter((t) => prints.has(t.fingerprint))).toEqual([]);
    expect(canonicalJson(other.tasks.map((t) => t.calls.map((c) => [c.name, c.arguments])))).not.toBe(
      canonicalJson(first.tasks.map((t) => t.calls.map((c) => [c.name, c.arguments]))),
    );
  });
});
