/**
 * Runs `fn` with Math.random replaced by a seeded generator (mulberry32), then puts it back.
 * Cytoscape's force layouts draw their start and jitter from Math.random and take no seed: run
 * synchronously (animate: false) inside this, they give the same picture on every visit.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  let a = seed >>> 0;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
