/**
 * The Graph page's search: tools and domains whose name holds the text, ignoring case and the
 * difference between spaces, underscores, dashes and dots ("find train" finds `find_train`).
 */
export type SearchResult = { tools: number[]; domains: string[]; message: string };

export const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .trim();

export function searchGraph(q: string, tools: Array<{ name: string }>, domains: Array<{ id: string; name: string }>): SearchResult | null {
  const needle = normalise(q);
  if (!needle) return null;
  const found = tools.flatMap((t, i) => (normalise(t.name).includes(needle) ? [i] : []));
  const doms = domains.filter((d) => normalise(d.name).includes(needle)).map((d) => d.id);
  return { tools: found, domains: doms, message: describe(q.trim(), found.length, doms.length) };
}

/** "3 matches: 2 tools, 1 domain", or what was not found, quoted as typed. */
export function describe(q: string, tools: number, domains: number): string {
  const total = tools + domains;
  if (total === 0) return `No tool or domain named “${q}”`;
  const parts = [tools && `${tools} ${tools === 1 ? 'tool' : 'tools'}`, domains && `${domains} ${domains === 1 ? 'domain' : 'domains'}`].filter(Boolean);
  return `${total} ${total === 1 ? 'match' : 'matches'}: ${parts.join(', ')}`;
}
