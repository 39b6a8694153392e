/**
 * How coherent sampled tasks are: a multi-step task is chained when every call after the first
 * shares at least one argument value with an earlier call's arguments or result (the user id a
 * search returned, the order an earlier call named). Values compare as text, so `7` and `"7"` are
 * the same; booleans and empty strings say nothing about a thread and do not count.
 */

type Call = { arguments: Record<string, unknown>; result?: unknown };

/** Scalars looked at per value: a listing result can hold thousands, a few suffice to chain. */
const MAX_VALUES = 5000;

/** The string and number values inside `v`, at any depth, as text. */
export function scalarValues(v: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (out.size >= MAX_VALUES) return;
    if (typeof x === 'string') {
      if (x.trim() !== '') out.add(x);
    } else if (typeof x === 'number') {
      if (Number.isFinite(x)) out.add(String(x));
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(v);
  return out;
}

/** Whether every later call shares a value with what came before it. */
export function isChained(calls: Call[]): boolean {
  const seen = new Set<string>();
  for (const [i, call] of calls.entries()) {
    const args = scalarValues(call.arguments);
    if (i > 0 && ![...args].some((v) => seen.has(v))) return false;
    args.forEach((v) => seen.add(v));
    scalarValues(call.result).forEach((v) => seen.add(v));
  }
  return true;
}

export type ChainShare = { multiStep: number; chained: number; share: number };

/** Over the tasks of two calls or more: how many are chained, and their share (1 when there are none). */
export function chainShare(tasks: Array<{ calls: Call[] }>): ChainShare {
  const multi = tasks.filter((t) => t.calls.length > 1);
  const chained = multi.filter((t) => isChained(t.calls)).length;
  return { multiStep: multi.length, chained, share: multi.length ? chained / multi.length : 1 };
}
