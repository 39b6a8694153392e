import { describe, expect, it } from 'vitest';
import { LEXICAL_WEIGHTS } from './model';
import { tool } from './test-tools';
import { lexicalVectors, vectorsFromEmbeddings, type SparseVector } from './vectors';

function cosine(a: SparseVector, b: SparseVector): number {
  const weightOf = new Map(Array.from(a.terms, (t, i) => [t, a.weights[i]!]));
  let s = 0;
  b.terms.forEach((t, i) => (s += (weightOf.get(t) ?? 0) * b.weights[i]!));
  return s;
}
const norm = (v: SparseVector) => Math.hypot(...v.weights);

describe('lexicalVectors', () => {
  it('gives unit vectors with ascending term ids', () => {
    const vs = lexicalVectors([tool('1', 'get_order', ['order_id', 'currency']), tool('2', 'list_users', ['page', 'limit', 'sort_by'])]);
    for (const v of vs) {
      expect(norm(v)).toBeCloseTo(1, 5);
      expect([...v.terms]).toEqual([...v.terms].sort((a, b) => a - b));
    }
  });

  it('makes tools that share a parameter closer than unrelated ones', () => {
    const [a, b, c] = lexicalVectors([
      tool('1', 'cancel', ['order_id']),
      tool('2', 'refund', ['order_id', 'amount']),
      tool('3', 'forecast', ['latitude', 'longitude']),
    ]);
    expect(cosine(a!, b!)).toBeGreaterThan(0.3);
    expect(cosine(a!, c!)).toBeLessThan(0.1);
  });

  it('counts a shared parameter more than a shared word of the tool name', () => {
    const [byParam, byName, probe] = lexicalVectors([
      tool('1', 'alpha', ['invoice_number']),
      tool('2', 'invoice_tool', ['zzz']),
      tool('3', 'beta', ['invoice_number', 'yyy']),
    ]);
    expect(cosine(probe!, byParam!)).toBeGreaterThan(cosine(probe!, byName!));
  });

  it('counts paging and transport parameters for little: every listing of every API has them', () => {
    const paging = ['before', 'after', 'limit', 'cursor', 'api_key'];
    const tools = [
      tool('a', 'list_parcel_scans', ['parcel_id', ...paging]),
      tool('b', 'list_train_stops', ['train_id', ...paging]),
      tool('c', 'get_parcel', ['parcel_id']),
    ];
    const [a, b, c] = lexicalVectors(tools);
    const [a1, b1] = lexicalVectors(tools, { ...LEXICAL_WEIGHTS, metaParameter: 1 });
    // Weighed like any parameter, five shared paging parameters would outweigh the entity.
    expect(cosine(a1!, b1!)).toBeGreaterThan(0.5);
    expect(cosine(a!, b!)).toBeLessThan(0.3);
    expect(cosine(a!, c!)).toBeGreaterThan(cosine(a!, b!));
  });

  it('ignores stop words and generic API words', () => {
    const [plain, wordy] = lexicalVectors([
      tool('1', 'get_weather', [{ name: 'city' }]),
      tool('2', 'get_weather', [{ name: 'city', description: 'The optional string value of the parameter' }], { description: 'the a of' }),
    ]);
    expect(cosine(plain!, wordy!)).toBeCloseTo(1, 5);
  });

  it('damps a long description, so that it does not drown the parameters', () => {
    const prose = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa';
    const tools = [tool('1', 'a', ['city'], { description: prose }), tool('2', 'b', ['city']), tool('3', 'c', ['street'])];
    const similarity = (prosePivot: number) => {
      const [long, probe] = lexicalVectors(tools, { ...LEXICAL_WEIGHTS, prosePivot });
      return cosine(long!, probe!);
    };
    expect(similarity(8)).toBeGreaterThan(similarity(1000));
  });
});

describe('vectorsFromEmbeddings', () => {
  it('normalises and keeps every dimension', () => {
    const [v] = vectorsFromEmbeddings([[3, 0, 4]]);
    expect([...v!.terms]).toEqual([0, 1, 2]);
    expect([...v!.weights].map((w) => +w.toFixed(6))).toEqual([0.6, 0, 0.8]);
  });
});
