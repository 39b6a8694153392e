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

/**
 * A file's text, refused as soon as more than `max` bytes have been read (a 60 MB file is not
 * buffered whole to be told it is too large). Errors carry the file, as import's do.
 */
export function readTextCapped(file: string, max: number): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw Object.assign(new Error((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message), { file });
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw Object.assign(new Error(`larger than ${Math.round(max / 1048576)} MB, the limit`), { file });
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
