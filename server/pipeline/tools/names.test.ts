import { describe, expect, it } from 'vitest';
import { isFunctionName, toFunctionName, uniqueNames } from './names';

describe('toFunctionName', () => {
  it('turns labels into valid function names', () => {
    expect(toFunctionName('GET /pets/{petId}')).toBe('GET_pets_petId');
    expect(toFunctionName('3d-render')).toBe('_3d_render');
    expect(toFunctionName('café crème')).toBe('cafe_creme');
    expect(toFunctionName('!!!')).toBe('tool');
    const long = toFunctionName('x'.repeat(100));
    expect(long).toHaveLength(64);
    for (const n of ['GET /pets/{petId}', '3d-render', 'café crème', '!!!']) expect(isFunctionName(toFunctionName(n))).toBe(true);
  });
});

describe('uniqueNames', () => {
  it('keeps the first, numbers the repeats, and avoids names already taken', () => {
    expect(uniqueNames(['search', 'search', 'search_2', 'search'])).toEqual(['search', 'search_3', 'search_2', 'search_4']);
  });
  it('is stable: the same input gives the same names', () => {
    const input = ['a', 'b', 'a', 'a'];
    expect(uniqueNames(input)).toEqual(uniqueNames([...input]));
  });
});
