import fs from 'node:fs';
import path from 'node:path';
import { readImportArgument } from '../cli/files';
import type { GraphTool } from '../pipeline/graph/model';
import { importDocuments } from '../pipeline/tools/import';
import { sharedData } from './shared-data';

/** For tests and benchmarks: the visible collections as graph tools, with ids unique per collection. */

const asGraphTools = (prefix: string, imported: ReturnType<typeof importDocuments>['tools']): GraphTool[] =>
  imported.map((t, i) => ({ id: `${prefix}-${i}`, name: t.name, description: t.description, op: t.op, parameters: t.parameters, returns: t.returns }));

export const demoTools = (): GraphTool[] =>
  asGraphTools('demo', importDocuments([{ file: 'demo-tools.json', bytes: fs.readFileSync(path.join(import.meta.dirname, '../demo/demo-tools.json')) }]).tools);

export const toolbenchTools = (): GraphTool[] => asGraphTools('toolbench', importDocuments(readImportArgument(sharedData('toolbench'))).tools);
