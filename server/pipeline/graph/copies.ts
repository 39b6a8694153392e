import { words } from '../kernel/words';

/**
 * Two tools are copies of one tool when they have the same name, digits and case aside (`think`
 * and `think_2`, `get_user_details` in two τ-bench domains), and nearly the same vector. A copy
 * says nothing about which domain either belongs to: each belongs with the tools of its own
 * collection, so the edge between them is shown but does not tie them when clustering. Similar
 * siblings with different names (`search_direct_flight`, `search_onestop_flight`) are not copies.
 */
export function isCopy(a: { name: string }, b: { name: string }, similarity: number, duplicate: number): boolean {
  return similarity >= duplicate && nameKey(a.name) === nameKey(b.name);
}

const nameKey = (name: string) =>
  words(name)
    .filter((w) => !/^\d+$/.test(w))
    .join(' ');
