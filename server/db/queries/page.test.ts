import { describe, expect, it } from 'vitest';
import { bySeq, pageOf } from './page';

const rows = (...seqs: number[]) => seqs.map((seq) => ({ seq, name: `row ${seq}` }));

describe('pageOf', () => {
  it('keeps `limit` rows and points the next page after the last one kept when the query found one more', () => {
    expect(pageOf(rows(9, 8, 7), 2, bySeq)).toEqual({ items: rows(9, 8), nextCursor: 8 });
  });

  it('has no next page when the query found `limit` rows or fewer, none included', () => {
    expect(pageOf(rows(9, 8), 2, bySeq)).toEqual({ items: rows(9, 8), nextCursor: null });
    expect(pageOf(rows(), 2, bySeq)).toEqual({ items: [], nextCursor: null });
  });

  it('builds the cursor the list asks for from the last row kept', () => {
    expect(pageOf(rows(1, 2, 3), 1, (last) => `${last.name}|${last.seq}`).nextCursor).toBe('row 1|1');
  });
});
