import { createHash } from 'node:crypto';

/**
 * Which of a domain's tasks are held out: the `round(fraction × n)` tasks whose seeded hash of
 * their fingerprint ranks lowest. The same tasks and seed always hold out the same ones, on any
 * machine and in any order they are listed (a task sampled again the same way, with the same
 * fingerprint, ranks the same); another seed draws another set.
 */
export function heldOutIds(tasks: ReadonlyArray<{ id: string; fingerprint: string }>, fraction: number, seed: number): Set<string> {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`a held-out share is between 0 and 1 (got ${fraction})`);
  const count = Math.round(fraction * tasks.length);
  const ranked = tasks
    .map((t) => ({ id: t.id, rank: createHash('sha256').update(`${seed}:${t.fingerprint}`).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Set(ranked.slice(0, count).map((t) => t.id));
}
