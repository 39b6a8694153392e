import { words } from '../kernel/words';
import { mainType } from './json-schema';
import type { EnvironmentSchema } from './model';

/**
 * A write handed two records of one table as source and destination (`wallet_id` "the funds
 * leave", `to_wallet_id` "receives them"): the two must differ, and an amount it moves must not
 * exceed the source's balance when the source table has a balance column (only then: with no such
 * column there is no evidence of what the source can afford).
 */
export type Transfer = {
  from: string;
  to: string;
  /** "account", for messages. */
  label: string;
  /** The numeric argument moved, and the source's column it must not exceed. */
  amount: string | null;
  balance: { table: string; column: string } | null;
};

const DEST = new Set('to target destination dest recipient receiver receiving payee beneficiary into'.split(' '));
const SOURCE = new Set('from source origin src sender sending payer'.split(' '));
const DEST_SAYS = /\b(receives?|receiving|destination|recipient|credited|goes to|sent to|moved to)\b/i;
const SOURCE_SAYS = /\b(leaves?|source|sends|sender|debited|taken from|comes from|paid from)\b/i;
const AMOUNT = new Set('amount sum value total quantity'.split(' '));

const describe = (s: unknown) =>
  s && typeof s === 'object' && typeof (s as { description?: unknown }).description === 'string' ? (s as { description: string }).description : '';
const nameHas = (param: string, set: Set<string>) => words(param).some((w) => set.has(w));

export function transferChecks(props: Record<string, unknown>, refs: Array<[string, string, string]>, schema: EnvironmentSchema): Transfer | null {
  const byTable = new Map<string, Array<[string, string, string]>>();
  for (const r of refs) byTable.set(r[1], [...(byTable.get(r[1]) ?? []), r]);
  for (const [table, group] of byTable) {
    if (group.length < 2) continue;
    const isDest = (p: string) => nameHas(p, DEST) || (!nameHas(p, SOURCE) && DEST_SAYS.test(describe(props[p])));
    const to = group.find(([p]) => isDest(p));
    // The other one is the source: said so, or plain beside a named destination.
    const from =
      to &&
      (group.find(([p]) => p !== to[0] && (nameHas(p, SOURCE) || SOURCE_SAYS.test(describe(props[p])))) ?? group.find(([p]) => p !== to[0] && !isDest(p)));
    if (!to || !from) continue;
    const amount =
      Object.keys(props).find((p) => nameHas(p, AMOUNT) && ['number', 'integer'].includes(mainType((props[p] ?? {}) as Record<string, unknown>))) ?? null;
    const source = schema.tables.find((t) => t.name === table);
    const column =
      source && Object.keys(source.columns).find((c) => words(c).includes('balance') && ['number', 'integer'].includes(mainType(source.columns[c]!)));
    return { from: from[0], to: to[0], label: from[2], amount, balance: amount && column ? { table, column } : null };
  }
  return null;
}
