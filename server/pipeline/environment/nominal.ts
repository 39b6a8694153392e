/**
 * The nouns a verb makes (`book` → booking, `reserve` → reservation, `subscribe` → subscription,
 * `transfer` → transfer). A create-like tool whose name's noun is a record it is handed
 * (`reserve_room(room_id)`) creates the record its verb names, when the domain knows one.
 * Candidates only: the caller keeps the first the domain has evidence of, so a wrong form such as
 * "invition" never matters.
 */
export function nominalisations(verb: string): string[] {
  const v = verb.toLowerCase();
  if (!/^[a-z]{2,}$/.test(v)) return [];
  const stem = v.endsWith('e') ? v.slice(0, -1) : v;
  const out = [
    v, // transfer, dispute, purchase, order, deposit
    `${stem}ing`, // booking, listing
    `${stem}ation`, // reservation, invitation, cancellation (cancel+l below)
    `${stem}ion`, // subscription (via -ribe below), completion, deletion
    `${v}ment`, // payment, enrollment, shipment
    `${stem}al`, // rental, approval, renewal
  ];
  if (v.endsWith('ribe')) out.push(`${v.slice(0, -4)}ription`); // subscribe → subscription
  if (/[^aeiou]y$/.test(v)) out.push(`${v.slice(0, -1)}ication`); // apply → application
  if (v.endsWith('er')) out.push(`${v.slice(0, -2)}ration`); // register → registration
  if (/[aeiou]l$/.test(v)) out.push(`${v}lation`, `${v}ling`); // cancel → cancellation
  if (/[^aeiou][aeiou][bdgmnprt]$/.test(v) && v.length <= 4) out.push(`${v}${v.at(-1)}ing`); // ship → shipping
  return [...new Set(out)];
}
