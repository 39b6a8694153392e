import { describe, expect, it } from 'vitest';
import { ANCHOR_FLOOR, tieEdges } from './anchors';

const e = (a: number, b: number, weight: number) => ({ a, b, weight });

describe('tieEdges', () => {
  it('keeps every edge at or above τ, and a lone tool its strongest weak edges', () => {
    // 0–1 strongly tied; 2 has only weak edges (to 0, 1 and 3); 4 only one under the floor.
    const candidates = [e(0, 1, 0.8), e(0, 2, 0.2), e(1, 2, 0.25), e(2, 3, 0.12), e(3, 4, ANCHOR_FLOOR / 2)];
    const kept = (anchors: number) => tieEdges(candidates, 5, 0.3, anchors).map(({ a, b }) => `${a}-${b}`);
    expect(kept(0)).toEqual(['0-1']);
    // Tool 2 keeps its best weak edge; tool 3 its only one above the floor; 4 stays alone.
    expect(kept(1)).toEqual(['0-1', '1-2', '2-3']);
    expect(kept(2)).toEqual(['0-1', '0-2', '1-2', '2-3']);
  });

  it('counts a tool’s edges above τ among its strongest: a tied tool takes no weak edge', () => {
    const candidates = [e(0, 1, 0.9), e(0, 2, 0.8), e(0, 3, 0.2)];
    // Tool 0 has two strong edges already; tool 3 still anchors itself to 0.
    expect(tieEdges(candidates, 4, 0.3, 2)).toEqual(candidates);
    expect(tieEdges(candidates.slice(0, 2).concat(e(0, 3, 0.05)), 4, 0.3, 2)).toHaveLength(2);
  });
});
