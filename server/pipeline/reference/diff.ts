import { sameJson, type State } from '../kernel/state';
import type { RowDiff } from './format';

/**
 * A state's difference from where it started, in the references' own format: tables and keys as
 * the data names them; a changed row lists only the top-level fields that differ (no `before` for a
 * field newly set, no `after` for one removed); added and removed rows carry the whole row.
 */
export function referenceDiff(before: State, after: State, tables?: Iterable<string>): RowDiff[] {
  const out: RowDiff[] = [];
  const names = tables ? [...tables] : [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const table of names.sort()) {
    const b = before[table] ?? {};
    const a = after[table] ?? {};
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
      const rb = b[key];
      const ra = a[key];
      if (rb === ra) continue;
      if (rb === undefined) out.push({ table, key, change: 'added', row: ra });
      else if (ra === undefined) out.push({ table, key, change: 'removed', row: rb });
      else if (!sameJson(rb, ra)) {
        const fields: NonNullable<RowDiff['fields']> = {};
        for (const f of [...new Set([...Object.keys(rb), ...Object.keys(ra)])].sort()) {
          if (sameJson(rb[f], ra[f])) continue;
          fields[f] = { ...(rb[f] !== undefined ? { before: rb[f] } : {}), ...(ra[f] !== undefined ? { after: ra[f] } : {}) };
        }
        out.push({ table, key, change: 'changed', fields });
      }
    }
  }
  return out;
}

/** Applies a reference diff to a state (a copy is returned): the real end state from db.json and final_diff. */
export function applyDiff(state: State, diff: RowDiff[]): State {
  const out: State = { ...state };
  for (const d of diff) {
    const rows = (out[d.table] = { ...(out[d.table] ?? {}) });
    if (d.change === 'removed') delete rows[d.key];
    else if (d.change === 'added') rows[d.key] = d.row ?? {};
    else {
      const row = { ...(rows[d.key] ?? {}) };
      for (const [f, c] of Object.entries(d.fields ?? {})) {
        if (c.after === undefined) delete row[f];
        else row[f] = c.after;
      }
      rows[d.key] = row;
    }
  }
  return out;
}
