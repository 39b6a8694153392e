/**
 * An input that cannot be imported at all. `path` says where: `line 3, column 7` for text that does
 * not parse, a JSON pointer for a part of a parsed document, or '' when it is the whole file.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }

  /** One line for logs and job errors: `pets.yaml, line 3, column 7: not valid YAML: …`. */
  describe() {
    return `${[this.file, this.path].filter(Boolean).join(', ')}: ${this.message}`;
  }

  toJSON() {
    return { file: this.file, path: this.path, message: this.message };
  }
}

export type LocatedError = ReturnType<ImportError['toJSON']>;

/** Line and column (both from 1) of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

export const at = (p: { line: number; column: number }) => `line ${p.line}, column ${p.column}`;
