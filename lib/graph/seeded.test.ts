import { expect, it } from 'vitest';
import { withSeededRandom } from './seeded';

it('repeats the same draws for the same seed and restores Math.random after', () => {
  const original = Math.random;
  const draw = () => Array.from({ length: 5 }, () => Math.random());
  const a = withSeededRandom(42, draw);
  expect(withSeededRandom(42, draw)).toEqual(a);
  expect(withSeededRandom(43, draw)).not.toEqual(a);
  expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  expect(() =>
    withSeededRandom(1, () => {
      throw new Error('x');
    }),
  ).toThrow('x');
  expect(Math.random).toBe(original);
});
