import { type RowChange, sameJson, type State } from '../kernel/state';
import type { StateChange } from '../kernel/calls';

/**
 * A session's state kept as the rows that differ from its initial state, which the sandbox reports
 * after each call (`Session.changes()`): one call's diff is what moved between two such reports,
 * and the final state is the initial one with them applied. A multi-megabyte database is then never
 * dumped, parsed or diffed whole during a rollout.
 */
export class TrackedState {
  private current = new Map<string, StateChange>();

  constructor(private readonly initial: State) {}

  private initialRow(table: string, key: string) {
    return this.initial[table]?.[key];
  }

  /** Takes the session's latest report and answers the rows that moved since the previous one, in diffStates' order and shape. */
  advance(changes: StateChange[]): RowChange[] {
    const next = new Map(changes.map((c) => [`${c.table}\0${c.key}`, c]));
    const ids = [...new Set([...this.current.keys(), ...next.keys()])].sort();
    const out: RowChange[] = [];
    for (const id of ids) {
      const [table, key] = id.split('\0') as [string, string];
      const was = this.current.has(id) ? this.current.get(id)!.after : this.initialRow(table, key);
      const now = next.has(id) ? next.get(id)!.after : this.initialRow(table, key);
      if (sameJson(was, now)) continue;
      if (was === undefined) out.push({ table, key, kind: 'added', after: now! });
      else if (now === undefined) out.push({ table, key, kind: 'removed', before: was });
      else
        out.push({
          table,
          key,
          kind: 'changed',
          before: was,
          after: now,
          fields: [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((f) => !sameJson(was[f], now[f])).sort(),
        });
    }
    this.current = next;
    return out;
  }

  /** The state now: the initial tables, copied only where a row changed. */
  state(): State {
    const out: State = { ...this.initial };
    const copied = new Set<string>();
    for (const c of this.current.values()) {
      if (!copied.has(c.table)) {
        out[c.table] = { ...(out[c.table] ?? {}) };
        copied.add(c.table);
      }
      if (c.after === undefined) delete out[c.table]![c.key];
      else out[c.table]![c.key] = c.after;
    }
    return out;
  }
}
