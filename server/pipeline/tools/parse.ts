import { isMap, isScalar, parseDocument as parseYaml, visit, type Document } from 'yaml';
import { at, ImportError, lineColumn } from './errors';

/** Larger inputs are refused before parsing: the importer holds a document in memory whole. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Deeper JSON is refused; real collections nest fewer than 20 levels. */
export const MAX_NESTING = 256;

export type ParsedInput =
  { kind: 'json' | 'yaml'; text: string; doc: unknown; notes?: Array<{ pointer: string; message: string }> } | { kind: 'jsonl'; text: string; records: number };

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
    throw new ImportError(
      file,
      at(lineColumn(before, before.length)),
      `byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at offset ${offset} is not UTF-8: save the file as UTF-8`,
    );
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
    // The second byte's range also rules out overlong encodings, surrogates (ED A0..BF) and code points past U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (len > 1 && (bytes[i + 1]! < low || bytes[i + 1]! > high)) return i;
    for (let k = 2; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}

function parseJson(file: string, text: string): ParsedInput {
  let parsed: ParsedInput;
  try {
    parsed = { kind: 'json', text, doc: JSON.parse(text) };
  } catch (e) {
    const lines = countJsonLines(text);
    if (lines === null) {
      const message = (e as Error).message;
      const offset = jsonErrorOffset(text, message);
      // Most truncations are reported as "Expected ',' or '}'" at the very end, not "end of JSON input".
      const reason = offset >= text.trimEnd().length ? TRUNCATED : jsonReason(message);
      throw new ImportError(file, at(lineColumn(text, offset)), `not valid JSON: ${reason}`);
    }
    parsed = { kind: 'jsonl', text, records: lines };
  }
  // JSON.parse copes with any depth, but the importers and JSON.stringify recurse and would overflow the stack.
  const deep = tooDeepAt(text, parsed.kind === 'jsonl');
  if (deep !== -1)
    throw new ImportError(file, at(lineColumn(text, deep)), `nested more than ${MAX_NESTING} levels deep here: no collection is, so the file is refused`);
  return parsed;
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

/**
 * Where JSON.parse failed: V8 says "… in JSON at position 42 (line 3 column 7)" for most errors, but
 * gives no position for "Unexpected token 'x', …" or "Unexpected end of JSON input"; those are found by scanning.
 */
export function jsonErrorOffset(text: string, message: string): number {
  const pos = /position (\d+)/.exec(message);
  return pos ? Number(pos[1]) : jsonSyntaxErrorAt(text);
}

const TRUNCATED = 'the document ends before it is complete (truncated?)';

export function jsonReason(message: string): string {
  // "Unexpected token 'x', …"b": x2…" is not valid JSON": the place is given apart, so the quoted excerpt goes.
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/, (\.\.\.)?"[\s\S]*" is not valid JSON$/, '');
  return /end of (JSON|data)/i.test(reason) ? TRUNCATED : reason;
}

/** Offset of the first `[` or `{` that opens a level deeper than MAX_NESTING, or -1; JSON Lines count per line. */
function tooDeepAt(text: string, perLine: boolean): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // Strings are skipped; one left open by a broken JSON Lines record ends with its line.
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = text[j] === '\n' ? j - 1 : j;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (c === ']' || c === '}') depth--;
    else if (c === '\n' && perLine) depth = 0;
  }
  return -1;
}

/** Offset of the first syntax error in text JSON.parse rejected (an iterative scan: any depth is fine). */
function jsonSyntaxErrorAt(text: string): number {
  const open: string[] = [];
  let state: 'value' | 'key' | 'after' = 'value';
  let justOpened = false;
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    const c = text[i];
    if (c === undefined) return i;
    if (justOpened && c === (open.at(-1) === '{' ? '}' : ']')) {
      open.pop();
      i++;
      state = 'after';
      justOpened = false;
      continue;
    }
    justOpened = false;
    if (state === 'after') {
      if (open.length === 0) return i;
      if (c === ',') state = open.at(-1) === '{' ? 'key' : 'value';
      else if (c === (open.at(-1) === '{' ? '}' : ']')) open.pop();
      else return i;
      i++;
    } else if (state === 'key') {
      if (c !== '"') return i;
      const end = jsonStringEnd(text, i);
      if (end < 0) return -end - 1;
      for (i = end; i < text.length && ' \t\n\r'.includes(text[i]!); i++);
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
    } else if (c === '{' || c === '[') {
      open.push(c);
      i++;
      state = c === '{' ? 'key' : 'value';
      justOpened = true;
    } else if (c === '"') {
      const end = jsonStringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      state = 'after';
    } else {
      const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      NUMBER.lastIndex = i;
      const length = literal?.length ?? (NUMBER.test(text) ? NUMBER.lastIndex - i : 0);
      if (length === 0) return i;
      i += length;
      state = 'after';
    }
  }
}

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** The offset just past the string that starts at `start`, or -(offset + 1) of what breaks it. */
function jsonStringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === 0x5c) {
      if (/^u[0-9a-fA-F]{4}/.test(text.slice(i + 1, i + 6))) i += 5;
      else if ('"\\/bfnrt'.includes(text[i + 1] ?? 'x')) i++;
      else return -i - 1;
    }
  }
  return -text.length - 1;
}

function parseYamlText(file: string, text: string): ParsedInput {
  // Aliases can expand exponentially ("billion laughs"); the cap turns that into an error.
  const document = parseYaml(text, { prettyErrors: false, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const linePos = error.linePos?.[0];
    // A quote left open is only noticed where the file ends; where it opened is what helps.
    const opened = error.code === 'MISSING_CHAR' ? quoteEndingAt(document, error.pos[0]) : -1;
    if (opened !== -1)
      throw new ImportError(file, at(lineColumn(text, opened)), `not valid YAML: ${firstLine(error.message)}: the quote opened here is never closed`);
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
  return { kind: 'yaml', text, doc, notes: duplicateKeys(document, text) };
}

/**
 * Keys written twice in one YAML mapping: YAML forbids it, but real files have it (two `get:` under
 * one path), and the reader keeps only the last. Reported rather than refused, so the rest imports.
 */
function duplicateKeys(document: Document, text: string): Array<{ pointer: string; message: string }> {
  const found: Array<{ pointer: string; message: string }> = [];
  visit(document, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const offset = pair.key.range?.[0] ?? 0;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, offset);
          continue;
        }
        const line = (o: number) => lineColumn(text, o).line;
        if (found.length < 50)
          found.push({
            pointer: `line ${line(offset)}`,
            message: `key "${key}" appears again in the same mapping (first at line ${line(first)}): only this last one was read`,
          });
      }
    },
  });
  return found;
}

/** Offset of the opening quote of the quoted scalar that runs to `end`, or -1. */
function quoteEndingAt(document: Document, end: number): number {
  let start = -1;
  visit(document, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[0] < end && end <= node.range[1]) start = node.range[0];
    },
  });
  return start;
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();
