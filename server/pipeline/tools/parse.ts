import { parseDocument as parseYaml } from 'yaml';
import { at, ImportError, lineColumn } from './errors';

/** Larger inputs are refused before parsing: the importer holds a document in memory whole. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export type ParsedInput =
  | { kind: 'json' | 'yaml'; text: string; doc: unknown }
  | { kind: 'jsonl'; text: string; records: number };

/** Magic numbers of files people drop by mistake, so the error can name what the file is. */
const SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
];

/**
 * Bytes to a document: JSON, YAML or JSON Lines. Every failure is an ImportError that names the
 * file and, for text that does not parse, the line and column.
 */
export function parseInput(file: string, bytes: Uint8Array): ParsedInput {
  if (bytes.length > MAX_INPUT_BYTES)
    throw new ImportError(file, '', `file is ${(bytes.length / 2 ** 20).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 2 ** 20} MB`);
  const text = decodeText(file, bytes);
  if (!text.trim()) throw new ImportError(file, '', 'file is empty');

  const first = text.search(/\S/);
  if (text[first] === '{' || text[first] === '[') return parseJson(file, text);
  return parseYamlText(file, text);
}

function decodeText(file: string, bytes: Uint8Array): string {
  for (const [magic, what] of SIGNATURES) {
    if (magic.every((b, i) => bytes[i] === b)) throw new ImportError(file, '', `file is ${what}, not JSON or YAML text`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new ImportError(file, '', 'file is UTF-16 text; save it as UTF-8');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    throw new ImportError(file, at(lineColumn(before, before.length)), `byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at offset ${offset} is not UTF-8: save the file as UTF-8`);
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) throw new ImportError(file, at(lineColumn(text, nul)), 'file contains NUL characters: it is binary, not JSON or YAML text');
  return text;
}

/** Offset of the first byte that breaks UTF-8 (only called once decoding has failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong encodings and surrogates are rejected by the decoder too; for locating, the lead byte is enough.
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

function parseJson(file: string, text: string): ParsedInput {
  try {
    return { kind: 'json', text, doc: JSON.parse(text) };
  } catch (e) {
    const lines = countJsonLines(text);
    if (lines !== null) return { kind: 'jsonl', text, records: lines };
    throw new ImportError(file, jsonErrorPlace(text, (e as Error).message), `not valid JSON: ${jsonReason((e as Error).message)}`);
  }
}

/**
 * JSON Lines: several non-empty lines that are each a JSON value. Only the first two are checked
 * here; bad lines further down become warnings of the importer, which reads line by line.
 */
function countJsonLines(text: string): number | null {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length < 2) return null;
  for (const line of lines.slice(0, 2)) {
    try {
      JSON.parse(line);
    } catch {
      return null;
    }
  }
  return lines.length;
}

/** V8 says "… in JSON at position 42 (line 3 column 7)"; older engines only the position. */
function jsonErrorPlace(text: string, message: string): string {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (pos) return at(lineColumn(text, Number(pos[1])));
  // "Unexpected end of JSON input": the document stops before it is closed.
  return at(lineColumn(text, text.length));
}

function jsonReason(message: string): string {
  const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
  return /end of (JSON|data)/i.test(reason) ? 'the document ends before it is complete (truncated?)' : reason;
}

function parseYamlText(file: string, text: string): ParsedInput {
  // Aliases can expand exponentially ("billion laughs"); the cap turns that into an error.
  const document = parseYaml(text, { prettyErrors: false, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const linePos = error.linePos?.[0];
    const place = linePos ? { line: linePos.line, column: linePos.col } : lineColumn(text, error.pos[0]);
    throw new ImportError(file, at(place), `not valid YAML: ${firstLine(error.message)}`);
  }
  let doc: unknown;
  try {
    doc = document.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new ImportError(file, '', `not valid YAML: ${firstLine((e as Error).message)}`);
  }
  if (doc === null || typeof doc !== 'object')
    throw new ImportError(file, '', `not a JSON or YAML document: the file reads as a single ${doc === null ? 'empty value' : typeof doc} (plain text?)`);
  return { kind: 'yaml', text, doc };
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();
