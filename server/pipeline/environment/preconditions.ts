import { singular } from '../graph/terms';
import { words } from '../kernel/words';
import { pluralize } from './entities';

/**
 * The statuses a write's description names as the record's precondition: "Refund an invoice that
 * is still open or overdue" → open, overdue; "Archive a resolved case" → resolved; "Void a
 * shipment that has not been picked up yet" → the statuses before picked_up in the
 * enum's (lifecycle) order. Only two shapes count, so "… will be delivered" (an outcome) does not:
 * a status right before the record's noun, and a status in a relative clause about it ("that is",
 * "which has not been"). Empty when the description names none.
 */
export function describedPreconditions(description: string, statuses: readonly string[], entity: string, target: string | null): string[] {
  const ws = words(description);
  const spans = statuses.map((s) => ({ status: s, ws: words(s) })).filter((s) => s.ws.length);
  const at = (i: number) => spans.filter((s) => s.ws.every((w, k) => ws[i + k] === w)).sort((a, b) => b.ws.length - a.ws.length)[0];
  const noun = words(entity).at(-1) ?? entity;
  const nouns = new Set([noun, pluralize(noun), singular(noun)]);
  const positive = new Set<string>();
  const negative = new Set<string>();

  for (let i = 0; i < ws.length; i++) {
    // "an open or overdue invoice": statuses joined by or/and, then the record's noun.
    const run: string[] = [];
    let j = i;
    for (let s = at(j); s; s = at(j)) {
      run.push(s.status);
      j += s.ws.length;
      if (!JOINERS.has(ws[j] ?? '') || !at(j + 1)) break;
      j++;
    }
    if (run.length && nouns.has(ws[j] ?? '')) run.forEach((s) => positive.add(s));
    // "that is still open or overdue", "that has not been picked up yet".
    if (!RELATIVE.has(ws[i]!)) continue;
    let negated = false;
    for (let k = i + 1; k < ws.length;) {
      const s = at(k);
      if (s) {
        (negated ? negative : positive).add(s.status);
        k += s.ws.length;
      } else if (AUX.has(ws[k]!) || JOINERS.has(ws[k]!)) {
        if (NEGATIONS.has(ws[k]!)) negated = true;
        k++;
      } else break;
    }
  }
  const keep = (xs: Iterable<string>) => [...xs].filter((s) => s !== target);
  if (positive.size) return statuses.filter((s) => positive.has(s) && s !== target);
  if (!negative.size) return [];
  // "not … yet": a record that has not reached the status, so one before it in the lifecycle.
  if (ws.includes('yet')) {
    const first = Math.min(...[...negative].map((s) => statuses.indexOf(s)));
    const before = keep(statuses.slice(0, first));
    if (before.length) return before;
  }
  return keep(statuses.filter((s) => !negative.has(s)));
}

const JOINERS = new Set(['or', 'and', 'nor']);
const RELATIVE = new Set(['that', 'which', 'whose', 'if', 'while', 'unless']);
const NEGATIONS = new Set(['not', 'never', 't', 'neither']);
const AUX = new Set('is are was were has have had been be being still already currently only either not never t yet neither in status state'.split(' '));
