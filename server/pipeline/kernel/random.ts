/**
 * A seeded pseudo-random generator in [0, 1) (mulberry32: one 32-bit state, a few multiplies).
 * Louvain visits nodes in random order; seeding it makes the same tools and seed give the same
 * domains, run after run. Statistical quality beyond "well mixed" does not matter here.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A copy of `items` in a random order drawn from `random` (Fisher–Yates): the same seed, the same order. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
