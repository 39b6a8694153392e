import { diffVersions, type VersionDiff } from './diff-versions';
import type { EnvironmentContent } from './model';

/** One file of a version as the editor shows it: the schema as JSON, or one tool's code. */
export type ComparedFile = { from: string | null; to: string | null; change: 'added' | 'removed' | 'changed' | 'unchanged' };

export type VersionComparison = {
  schema: ComparedFile;
  tools: Array<ComparedFile & { name: string }>;
  /** Which tables and columns changed, for a summary beside the texts. */
  tables: VersionDiff['tables'];
};

/** The schema's text exactly as the editor shows it, so a compare and an edit line up. */
export const schemaText = (content: EnvironmentContent) => JSON.stringify(content.schema, null, 2);

const changeOf = (from: string | null, to: string | null): ComparedFile['change'] =>
  from === null ? 'added' : to === null ? 'removed' : from === to ? 'unchanged' : 'changed';

/**
 * Two versions side by side, file by file (the schema, then every tool of either in name order),
 * with both texts for a diff editor. A tool only one side has is `added` or `removed`.
 */
export function compareVersions(from: EnvironmentContent, to: EnvironmentContent): VersionComparison {
  const a = new Map(from.tools.map((t) => [t.name, t.code]));
  const b = new Map(to.tools.map((t) => [t.name, t.code]));
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const schema = { from: schemaText(from), to: schemaText(to) };
  return {
    schema: { ...schema, change: changeOf(schema.from, schema.to) },
    tools: names.map((name) => {
      const x = a.get(name) ?? null;
      const y = b.get(name) ?? null;
      return { name, from: x, to: y, change: changeOf(x, y) };
    }),
    tables: diffVersions(from, to).tables,
  };
}
