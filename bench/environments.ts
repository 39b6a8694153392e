import { generateHeuristic } from '../server/pipeline/environment/heuristic';
import { validateEnvironment } from '../server/pipeline/environment/validate';
import { buildGraph } from '../server/pipeline/graph/build';
import { graphParams, type GraphTool } from '../server/pipeline/graph/model';
import { getSandbox } from '../server/pipeline/sandbox/sandbox';
import { importDocuments } from '../server/pipeline/tools/import';
import { readImportArgument } from '../server/cli/files';
import { sharedData } from '../server/testing/shared-data';
import { round, type BenchResult } from './report';

const TARGET_SHARE = 0.85;

/** Every ToolBench file, as one collection (the way a user would import the folder). */
function toolbenchTools(): GraphTool[] {
  const { tools } = importDocuments(readImportArgument(sharedData('toolbench')));
  return tools.map((t, i) => ({ id: String(i), name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));
}

/**
 * The heuristic generator over ToolBench's domains (buildGraph with the default parameters): each
 * domain's environment generated and validated in the sandbox. Target: at least 85% of the tools
 * in domains pass.
 */
export async function benchEnvironments(): Promise<BenchResult[]> {
  const tools = toolbenchTools();
  const byId = new Map(tools.map((t) => [t.id, t]));
  const graph = buildGraph(tools, graphParams.parse({}));
  const sandbox = getSandbox();

  let generateMs = 0;
  let validateMs = 0;
  let passed = 0;
  let checked = 0;
  let tables = 0;
  let empty = 0;
  const failures = new Map<string, number>();
  const t0 = performance.now();
  for (const domain of graph.domains) {
    let t = performance.now();
    const content = generateHeuristic(domain.toolIds.map((id) => byId.get(id)!));
    generateMs += performance.now() - t;
    tables += content.schema.tables.length;
    t = performance.now();
    const report = await validateEnvironment(content, sandbox, { seed: 7 });
    validateMs += performance.now() - t;
    passed += report.passed;
    checked += report.tools.length;
    // Failure reasons by kind ("threw", "timeout", …), to see what the heuristic gets wrong.
    for (const c of report.tools) if (!c.ok) failures.set(c.detail.split(':')[0]!, (failures.get(c.detail.split(':')[0]!) ?? 0) + 1);
    // A pass can be an empty answer: counted, since an environment where nothing is found is thin.
    empty += report.tools.filter((c) => c.ok && Array.isArray(c.result) && c.result.length === 0).length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const share = checked ? passed / checked : 0;
  return [
    { name: 'ToolBench tools', value: tools.length, unit: 'tools' },
    { name: 'domains (buildGraph, default parameters)', value: graph.domains.length, unit: '' },
    { name: 'tools in domains, generated and validated', value: checked, unit: 'tools' },
    { name: 'tables inferred', value: tables, unit: '' },
    { name: `tools passing validation (target ≥ ${TARGET_SHARE * 100}%)`, value: round(share * 100, 1), unit: '%' },
    { name: '  of which passed with an empty list', value: empty, unit: 'tools' },
    ...[...failures.entries()].sort((a, b) => b[1] - a[1]).map(([why, n]) => ({ name: `  failed: ${why}`, value: n, unit: 'tools' })),
    { name: 'generate (heuristic), all domains', value: round(generateMs / 1000), unit: 's' },
    { name: 'validate (sandbox), all domains', value: round(validateMs / 1000), unit: 's' },
    { name: 'generate + validate wall time', value: round(seconds), unit: 's' },
  ];
}
