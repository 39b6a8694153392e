import { describe, expect, it } from 'vitest';
import { normalizedMutualInformation as nmi } from './nmi';

describe('normalizedMutualInformation', () => {
  it('matches a hand-computed example', () => {
    // H(U) = ln 2; H(V) = −(¾ ln ¾ + ¼ ln ¼) ≈ 0.562335;
    // I = ½ ln(4/3) + ¼ ln(2/3) + ¼ ln 2 ≈ 0.215762; NMI = I / ((H(U) + H(V)) / 2) ≈ 0.343711.
    expect(nmi(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'y'])).toBeCloseTo(0.343711, 5);
  });

  it('is 1 for the same partition under other labels, and 0 for independent ones', () => {
    expect(nmi(['a', 'a', 'b', 'c'], [7, 7, 1, 2])).toBeCloseTo(1, 10);
    expect(nmi(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeCloseTo(0, 10);
  });

  it('is symmetric and tells the label 1 from "1"', () => {
    const u = ['1', 1, 1, '1', 2];
    const v = ['p', 'q', 'q', 'r', 'r'];
    expect(nmi(u, v)).toBeCloseTo(nmi(v, u), 12);
    expect(nmi(u, ['s', 't', 't', 's', 'u'])).toBeCloseTo(1, 10);
  });

  it('rejects labellings of different lengths', () => {
    expect(() => nmi(['a'], ['a', 'b'])).toThrow(/different lengths/);
  });
});
