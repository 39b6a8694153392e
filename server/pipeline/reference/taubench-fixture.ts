import fs from 'node:fs';
import { sharedData } from '../../testing/shared-data';
import type { GraphTool } from '../graph/model';
import { parseDataFile, type DataFile } from '../environment/grounded/data-file';
import { importDocuments } from '../tools/import';
import { referenceFile, type ReferenceFile } from './format';

/** For tests and benchmarks: a τ-bench domain's real tools, db.json and reference traces from shared/data. */
export function taubench(domain: 'retail' | 'airline'): { tools: GraphTool[]; data: DataFile; reference: ReferenceFile } {
  const file = sharedData('taubench', domain, 'tools.json');
  const { tools } = importDocuments([{ file, bytes: fs.readFileSync(file) }]);
  const data = parseDataFile(fs.readFileSync(sharedData('taubench', domain, 'db.json'), 'utf8'), 'db.json');
  const reference = referenceFile.parse(JSON.parse(fs.readFileSync(sharedData('reference', `taubench-${domain}.json`), 'utf8')));
  return {
    tools: tools.map((t, i) => ({ id: `${domain}-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns })),
    data,
    reference,
  };
}
