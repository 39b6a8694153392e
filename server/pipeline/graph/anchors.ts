/** Similarity under which two tools share too little to be tied at all (a stray common word). */
export const ANCHOR_FLOOR = 0.1;

type Edge = { a: number; b: number; weight: number };

/**
 * The edges that tie tools into domains: every edge at or above the threshold τ, and each tool's
 * `anchors` strongest edges (at or above ANCHOR_FLOOR) even when they are under τ.
 *
 * Why: the τ that keeps two APIs apart leaves a tool its siblings describe in other words (finding a
 * user by email, among order tools) with no edge at all, so it ends up unassigned although it shares
 * an entity with them. Its strongest weak ties are still the best evidence of where it belongs; a
 * tool stays alone only when it shares (almost) nothing. `candidates` must hold every tool's top
 * neighbours down to min(τ, ANCHOR_FLOOR) (similarEdges at that threshold), and `n` is the number of tools.
 */
export function tieEdges<E extends Edge>(candidates: E[], n: number, threshold: number, anchors: number): E[] {
  const strongest: number[][] = Array.from({ length: n }, () => []);
  candidates.forEach((e, k) => {
    if (e.weight < ANCHOR_FLOOR) return;
    strongest[e.a]!.push(k);
    strongest[e.b]!.push(k);
  });
  const anchored = new Uint8Array(candidates.length);
  if (anchors > 0) {
    for (const list of strongest) {
      if (list.length === 0) continue;
      // Edges above τ count among a tool's strongest: a tool already tied above τ takes no weak one.
      list.sort((x, y) => candidates[y]!.weight - candidates[x]!.weight || x - y);
      list.slice(0, anchors).forEach((k) => (anchored[k] = 1));
    }
  }
  return candidates.filter((e, k) => e.weight >= threshold || anchored[k] === 1);
}
