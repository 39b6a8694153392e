/** `db.execute` returns `{rows}` on PGlite and a row array on postgres-js; callers want the rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
