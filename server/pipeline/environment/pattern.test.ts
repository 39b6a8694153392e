import { describe, expect, it } from 'vitest';
import { seededFaker } from './fake-values';
import { canGenerate, fromPattern, matchesPattern } from './pattern';

const many = (pattern: string, n = 50) => Array.from({ length: n }, (_, i) => fromPattern(seededFaker(i), pattern));

describe('fromPattern', () => {
  it('generates strings the real RegExp accepts for the patterns APIs use', () => {
    for (const pattern of [
      '^(0|[1-9][0-9]*)$',
      '^#(([0-9a-fA-F]{2}){3}|([0-9a-fA-F]){3})$',
      '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
      '^[A-Z]{2}\\d{3,5}$',
      '^\\w+@\\w+\\.com$',
      'ab?c*',
      '^[^\\s]{2,4}$',
    ])
      for (const s of many(pattern)) {
        expect(s, pattern).not.toBeNull();
        expect(new RegExp(pattern, 'u').test(s!), `${pattern}: ${s}`).toBe(true);
      }
  });

  it('varies its output and is deterministic by seed', () => {
    expect(new Set(many('^[1-9][0-9]{5}$')).size).toBeGreaterThan(40);
    expect(fromPattern(seededFaker(3), '^[a-z]{6}$')).toBe(fromPattern(seededFaker(3), '^[a-z]{6}$'));
  });

  it('gives up, quickly, on what it does not understand or could not bound', () => {
    for (const pattern of ['^(?=a)b$', '^(a)\\1$', '[', '^\\p{L}+$', '^.{5000}$']) {
      expect(canGenerate(pattern), pattern).toBe(false);
      expect(fromPattern(seededFaker(1), pattern)).toBeNull();
    }
    // Nested open repetition stays small instead of exploding.
    for (const s of many('^((a+)+b*)+$', 10)) expect(s!.length).toBeLessThan(512);
  });

  it('matches as JSON Schema does (a search, not a full match) and survives broken patterns', () => {
    expect(matchesPattern('id-42', '\\d+')).toBe(true);
    expect(matchesPattern('x', '(')).toBe(false);
  });
});
