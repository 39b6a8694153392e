import fs from 'node:fs';
import path from 'node:path';
import type { ImportInput } from '../pipeline/tools/import';

const IMPORTABLE = /\.(json|jsonl|ya?ml)$/i;

/**
 * What one command-line argument imports as one collection: a file, or every JSON/YAML file under
 * a folder (a ToolBench dump of Category/tool.json, say) in a stable order.
 */
export function readImportArgument(arg: string): ImportInput[] {
  const stat = fs.statSync(arg, { throwIfNoEntry: false });
  if (!stat) throw Object.assign(new Error('no such file or folder'), { file: arg });
  if (stat.isFile()) return [{ file: arg, bytes: fs.readFileSync(arg) }];
  if (!stat.isDirectory()) throw Object.assign(new Error('not a file or folder'), { file: arg });
  const files = (fs.readdirSync(arg, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => IMPORTABLE.test(f))
    .sort()
    .map((f) => path.join(arg, f))
    .filter((f) => fs.statSync(f).isFile());
  if (files.length === 0) throw Object.assign(new Error('folder holds no .json, .jsonl, .yaml or .yml files'), { file: arg });
  return files.map((file) => ({ file, bytes: fs.readFileSync(file) }));
}
