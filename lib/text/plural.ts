/**
 * A count with its noun in the right number: `plural(1, 'edge')` is "1 edge", `plural(2, 'edge')`
 * "2 edges". Regular English plurals are formed here ("entry" → "entries", "match" → "matches");
 * an irregular one is given (`plural(n, 'person', 'people')`). Counts are grouped for reading
 * ("1,204 tools"). Shared by the studio and the server (jobs, command line) so labels agree; it
 * lives outside server/ because components may import server code only as types.
 */
export function plural(n: number, one: string, many?: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : (many ?? pluralOf(one))}`;
}

/** The noun alone, for a count shown elsewhere (a badge's number in its own element). */
export function nounFor(n: number, one: string, many?: string): string {
  return n === 1 ? one : (many ?? pluralOf(one));
}

function pluralOf(word: string): string {
  // Only the last word of a phrase takes the plural: "tool call" → "tool calls".
  const m = /^(.*?)([A-Za-z]+)$/.exec(word);
  if (!m) return word;
  const [, head, last] = m as unknown as [string, string, string];
  if (/[^aeiou]y$/i.test(last)) return `${head}${last.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(last)) return `${head}${last}es`;
  return `${head}${last}s`;
}
