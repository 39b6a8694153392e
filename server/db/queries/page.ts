/**
 * Keyset paging: a list query asks for `limit + 1` rows; the extra row, when there is one, only
 * says that a next page exists, and that page starts after the last row kept.
 */
export function pageOf<R, C>(rows: R[], limit: number, cursorOf: (last: R) => C): { items: R[]; nextCursor: C | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** The cursor of lists ordered by their `seq` column. */
export const bySeq = (row: { seq: number }): number => row.seq;
