// Run by bench/graph.ts in a child process of its own, so that its peak memory is the graph's.
import { buildGraph } from '../server/pipeline/graph/build';
import { graphParams, type GraphTool } from '../server/pipeline/graph/model';
import { seededRandom } from '../server/pipeline/kernel/random';
import { finalizeTools } from '../server/pipeline/tools/finalize';
import { realTools } from './import';
import { perturb } from './perturb';

const count = Number(process.argv[2] ?? 0);
const real: GraphTool[] = finalizeTools(realTools()).tools.map((t, i) => ({
  id: `${i}`,
  name: t.name,
  description: t.description,
  op: t.op,
  parameters: t.parameters,
  returns: t.returns,
}));
const rng = seededRandom(1);
const tools = count > real.length ? Array.from({ length: count }, (_, i) => (i < real.length ? real[i]! : perturb(real[i % real.length]!, `${i}`, rng))) : real;

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const result = buildGraph(tools, graphParams.parse({}));
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    phases: result.stats.seconds,
    rssBeforeMb: rssBefore / 2 ** 20,
    tools: result.stats.tools,
    edges: result.stats.edges,
    domains: result.stats.domains,
    unassigned: result.stats.unassigned,
    largest: result.stats.largest,
    modularity: result.modularity,
  }),
);
