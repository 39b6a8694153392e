import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';

const draw = (seed: number, n = 1000) => {
  const next = seededRandom(seed);
  return Array.from({ length: n }, next);
};

describe('seededRandom', () => {
  it('repeats its sequence for a seed, and another seed gives another', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it('stays in [0, 1) and spreads over it', () => {
    const xs = draw(1, 10_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    // Each tenth of the interval gets about a tenth of the draws.
    for (let d = 0; d < 10; d++) expect(xs.filter((x) => Math.floor(x * 10) === d).length).toBeGreaterThan(900);
  });
});
