import type { ImportWarning, RawTool, SourceFormat } from '../model';

export type ReadResult = {
  raw: RawTool[];
  warnings: ImportWarning[];
  /** A name for the collection taken from the document (an API's title), when it has one. */
  title?: string;
};

/**
 * One importer. `check` says why a parsed document is not in this format (null when it is), so an
 * unrecognised document can be answered with every format that was tried and why it did not fit.
 */
export type FormatReader = {
  format: SourceFormat;
  label: string;
  check(doc: unknown): string | null;
  read(doc: unknown, file: string): ReadResult;
};
