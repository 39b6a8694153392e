import type { StepRecord } from '../rollout/model';
import { canonicalJson } from '../kernel/state';
import type { GoldCall } from '../tasks/model';
import type { FilterResult } from './model';
import { plural } from '../../../lib/text/plural';

/**
 * The paper's third filter: the calls that succeeded are the gold calls, in order, with the same
 * arguments. Failed calls do not count (an agent may try, be refused and recover). It decides for
 * read-only tasks, where the state cannot tell right from wrong; otherwise it only informs.
 */
export function checkExact(steps: StepRecord[], gold: GoldCall[], readOnly: boolean): FilterResult & { decisive: boolean } {
  const made = steps.filter((s) => s.ok).map((s) => signature(s.name, s.arguments ?? {}));
  const wanted = gold.map((c) => signature(c.name, c.arguments));
  const decisive = readOnly;
  for (let i = 0; i < Math.max(made.length, wanted.length); i++) {
    if (made[i] === wanted[i]) continue;
    const reason =
      made[i] === undefined
        ? `call ${i + 1}: expected ${wanted[i]}, got no more calls`
        : wanted[i] === undefined
          ? `call ${i + 1}: expected no more calls, got ${made[i]}`
          : `call ${i + 1}: expected ${wanted[i]}, got ${made[i]}`;
    return { pass: false, reason, decisive };
  }
  return { pass: true, reason: `the ${plural(wanted.length, 'successful call')} ${wanted.length === 1 ? 'matches' : 'match'} the gold calls`, decisive };
}

/** A call as compared: its name and canonical arguments, null and undefined values left out (an omitted optional argument is the same call). */
export function signature(name: string, args: Record<string, unknown>): string {
  return `${name}(${canonicalJson(normalise(args))})`;
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}
