import { readImportArgument } from '../server/cli/files';
import { sharedData } from '../server/testing/shared-data';
import { importDocuments } from '../server/pipeline/tools/import';
import { buildGraph } from '../server/pipeline/graph/build';
import { graphParams } from '../server/pipeline/graph/model';
import { normalizedMutualInformation } from '../server/pipeline/graph/nmi';
const { tools } = importDocuments(readImportArgument(sharedData('toolbench')));
for (const documents of [true, false]) {
  const r = buildGraph(tools.map((t, i) => ({ id: `${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns, origin: t.source.file })), graphParams.parse({ documents }));
  const dom = new Map<string, string>(); for (const d of r.domains) for (const id of d.toolIds) dom.set(id, d.key);
  const found = tools.map((_, i) => dom.get(`${i}`) ?? `u${i}`);
  console.log('documents', documents, 'NMI', normalizedMutualInformation(found, tools.map((t) => t.source.file)).toFixed(3), r.stats.domains, 'domains, largest', r.stats.largest, 'median', r.stats.median, 'unassigned', r.stats.unassigned);
}
