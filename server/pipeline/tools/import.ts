import { createHash } from 'node:crypto';
import { ImportError } from './errors';
import { isRecord } from './finalize';
import { finalizeTools } from './finalize';
import { functionLinesFormat, isFunctionRecord, mcpReader, openaiReader, readFunctionLines } from './formats/function-list';
import { openapiReader, openapiUnsupportedReason, swaggerReader } from './formats/openapi';
import { postmanEnvironmentReason, postmanReader, postmanV1Reason } from './formats/postman';
import type { FormatReader, ReadResult } from './formats/reader';
import { toolbenchReader } from './formats/toolbench';
import type { ImportWarning, SourceFormat, Tool } from './model';
import { parseInput } from './parse';

/** In the order they are tried; each `check` is cheap and specific, so order only matters for wording. */
export const READERS: FormatReader[] = [openapiReader, swaggerReader, postmanReader, toolbenchReader, mcpReader, openaiReader];

export type ImportInput = { file: string; bytes: Uint8Array };
export type DocumentRead = ReadResult & { file: string; format: SourceFormat };
export type ImportedCollection = {
  format: SourceFormat;
  /** A name taken from the documents (an API's title), else from the file. */
  title: string;
  tools: Tool[];
  warnings: ImportWarning[];
  /** Identifies the same bytes imported again. */
  contentHash: string;
  files: string[];
};

/** Reads one file into raw tools; throws ImportError saying where and what when it cannot. */
export function readDocument({ file, bytes }: ImportInput): DocumentRead {
  const parsed = parseInput(file, bytes);
  if (parsed.kind === 'jsonl') {
    const first = JSON.parse(parsed.text.slice(0, parsed.text.indexOf('\n')));
    if (!isFunctionRecord(first))
      throw new ImportError(file, 'line 1', 'JSON Lines, but the first record has no "function" list and is not a function object: not BFCL or ACEBench');
    const format = functionLinesFormat(first);
    return { ...readFunctionLines(parsed.text, file, format), file, format };
  }
  const doc = parsed.doc;
  const unsupported = postmanV1Reason(doc) ?? postmanEnvironmentReason(doc) ?? openapiUnsupportedReason(doc);
  if (unsupported) throw new ImportError(file, '', unsupported);

  const notes = (parsed.notes ?? []).map((n) => ({ file, ...n }));
  for (const reader of READERS) {
    if (reader.check(doc) !== null) continue;
    const read = reader.read(doc, file);
    return { ...read, warnings: [...notes, ...read.warnings], file, format: reader.format };
  }
  // One function on its own: a one-line BFCL doc file, or a single OpenAI function.
  if (isFunctionRecord(doc) && parsed.text.trim().split('\n').length === 1) {
    const format = functionLinesFormat(doc);
    return { ...readFunctionLines(parsed.text, file, format), file, format };
  }
  if (isRecord(doc) && typeof doc.name === 'string' && isRecord(doc.parameters)) return { ...openaiReader.read([doc], file), file, format: 'openai' };

  throw new ImportError(file, '', unknownShape(doc));
}

function unknownShape(doc: unknown): string {
  const tried = [...READERS.map((r) => `${r.label} (${r.check(doc)})`), 'BFCL/ACEBench JSON Lines (not one JSON record per line)'];
  const shape = Array.isArray(doc)
    ? `a list of ${doc.length}`
    : `an object with keys ${
        Object.keys(doc as object)
          .slice(0, 8)
          .map((k) => `"${k}"`)
          .join(', ') || '(none)'
      }`;
  return `not a collection format the studio reads: the document is ${shape}. Formats tried: ${tried.join('; ')}`;
}

/**
 * Several files as one collection (a ToolBench folder, say). A file that cannot be read is skipped
 * with a warning while the rest imports; when none can be read, the first error is thrown. Names
 * are made valid and unique across all files together.
 */
export function importDocuments(inputs: ImportInput[], name?: string): ImportedCollection {
  if (inputs.length === 0) throw new ImportError('', '', 'no files to import');
  const reads: DocumentRead[] = [];
  const skipped: ImportWarning[] = [];
  let firstError: ImportError | null = null;
  for (const input of inputs) {
    try {
      reads.push(readDocument(input));
    } catch (e) {
      if (!(e instanceof ImportError) || inputs.length === 1) throw e;
      firstError ??= e;
      skipped.push({ file: input.file, pointer: e.path, message: `file skipped: ${e.message}` });
    }
  }
  if (reads.length === 0) throw firstError!;
  const raw = reads.flatMap((r) => r.raw);
  const readWarnings = reads.flatMap((r) => r.warnings);
  if (raw.length === 0) {
    const why = readWarnings.slice(0, 3).map((w) => `${w.pointer}: ${w.message}`);
    throw new ImportError(inputs[0]!.file, '', `no tools found${why.length ? `: ${why.join('; ')}` : ': the document describes no operations or functions'}`);
  }
  const { tools, warnings } = finalizeTools(raw);
  const first = reads[0]!;
  return {
    format: first.format,
    title:
      name?.trim() || (reads.length === 1 ? first.title : undefined) || baseName(inputs.length === 1 ? first.file : commonFolder(inputs.map((i) => i.file))),
    tools,
    warnings: [...skipped, ...readWarnings, ...warnings],
    contentHash: contentHash(inputs),
    files: inputs.map((i) => i.file),
  };
}

export function contentHash(inputs: ImportInput[]): string {
  const hash = createHash('sha256');
  for (const { bytes } of [...inputs].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    hash.update(createHash('sha256').update(bytes).digest());
  }
  return hash.digest('hex');
}

const baseName = (file: string) =>
  file
    .split(/[\\/]/)
    .filter(Boolean)
    .pop()
    ?.replace(/\.(json|ya?ml|jsonl)$/i, '') || 'collection';

function commonFolder(files: string[]): string {
  const parts = files.map((f) => f.split(/[\\/]/));
  const common: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length - 1 && p[i] === parts[0]![i]); i++) common.push(parts[0]![i]!);
  return common.join('/') || files[0]!;
}
