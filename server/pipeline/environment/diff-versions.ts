import { canonicalJson } from '../kernel/state';
import type { EnvironmentContent } from './model';

export type VersionDiff = {
  tables: Array<{ name: string; change: 'added' | 'removed' | 'changed'; columns?: { added: string[]; removed: string[]; changed: string[] } }>;
  tools: Array<{ name: string; change: 'added' | 'removed' | 'code changed' }>;
};

/** What changed between two versions of an environment: tables and columns, and tools whose code differs. */
export function diffVersions(a: EnvironmentContent, b: EnvironmentContent): VersionDiff {
  const tables: VersionDiff['tables'] = [];
  const ta = new Map(a.schema.tables.map((t) => [t.name, t]));
  const tb = new Map(b.schema.tables.map((t) => [t.name, t]));
  for (const name of [...new Set([...ta.keys(), ...tb.keys()])].sort()) {
    const x = ta.get(name);
    const y = tb.get(name);
    if (!x) tables.push({ name, change: 'added' });
    else if (!y) tables.push({ name, change: 'removed' });
    else if (canonicalJson(x) !== canonicalJson(y)) {
      const cols = [...new Set([...Object.keys(x.columns), ...Object.keys(y.columns)])].sort();
      tables.push({
        name,
        change: 'changed',
        columns: {
          added: cols.filter((c) => !(c in x.columns)),
          removed: cols.filter((c) => !(c in y.columns)),
          changed: cols.filter((c) => c in x.columns && c in y.columns && canonicalJson(x.columns[c]) !== canonicalJson(y.columns[c])),
        },
      });
    }
  }
  const tools: VersionDiff['tools'] = [];
  const ca = new Map(a.tools.map((t) => [t.name, t.code]));
  const cb = new Map(b.tools.map((t) => [t.name, t.code]));
  for (const name of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    if (!ca.has(name)) tools.push({ name, change: 'added' });
    else if (!cb.has(name)) tools.push({ name, change: 'removed' });
    else if (ca.get(name) !== cb.get(name)) tools.push({ name, change: 'code changed' });
  }
  return { tables, tools };
}
