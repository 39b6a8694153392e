import { describe, expect, it } from 'vitest';
import { TopK } from './top-k';

describe('TopK', () => {
  it('keeps the k best, best first, and an earlier offer on ties', () => {
    const top = new TopK(3);
    [
      [1, 0.2],
      [2, 0.9],
      [3, 0.5],
      [4, 0.1],
      [5, 0.5],
      [6, 0.7],
    ].forEach(([i, s]) => top.offer(i!, s!));
    expect(top.items()).toEqual([
      { index: 2, score: 0.9 },
      { index: 6, score: 0.7 },
      { index: 3, score: 0.5 },
    ]);
  });
});
