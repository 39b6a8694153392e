/**
 * Which domain of the previous build each newly proposed domain is. A rebuild (other settings, a
 * tool more or less) mostly finds the same communities again; a domain that comes back must keep
 * its identity, because environments, tasks, trajectories and target marks hang on it.
 *
 * A new domain is the old one that holds at least `MIN_SHARE` of its tools. When several pairs
 * qualify, they are taken one-to-one by most tools shared, then by Jaccard overlap, then by the
 * order the new domains were proposed in and the old ids, so the same inputs always give the same
 * answer. An old domain split in two lives on in the larger half; two merged live on as the one
 * that gave more tools.
 */

export const MIN_SHARE = 0.5;

export type PastDomain = { id: string; toolIds: string[] };

/** For each new domain (by index) the old domain id it continues, or none; and the old ids left over. */
export function carryOver(previous: PastDomain[], proposed: Array<{ toolIds: string[] }>): { matches: Array<string | null>; left: string[] } {
  const ownerOf = new Map<string, number>();
  previous.forEach((d, i) => d.toolIds.forEach((t) => ownerOf.set(t, i)));
  const pairs: Array<{ n: number; o: number; shared: number; jaccard: number }> = [];
  proposed.forEach((d, n) => {
    const shared = new Map<number, number>();
    for (const t of new Set(d.toolIds)) {
      const o = ownerOf.get(t);
      if (o !== undefined) shared.set(o, (shared.get(o) ?? 0) + 1);
    }
    const size = new Set(d.toolIds).size;
    for (const [o, count] of shared) {
      if (count < MIN_SHARE * size) continue;
      const oldSize = new Set(previous[o]!.toolIds).size;
      pairs.push({ n, o, shared: count, jaccard: count / (size + oldSize - count) });
    }
  });
  pairs.sort((a, b) => b.shared - a.shared || b.jaccard - a.jaccard || a.n - b.n || previous[a.o]!.id.localeCompare(previous[b.o]!.id));
  const matches: Array<string | null> = proposed.map(() => null);
  const taken = new Set<number>();
  for (const p of pairs) {
    if (matches[p.n] !== null || taken.has(p.o)) continue;
    matches[p.n] = previous[p.o]!.id;
    taken.add(p.o);
  }
  return { matches, left: previous.filter((_, i) => !taken.has(i)).map((d) => d.id) };
}
