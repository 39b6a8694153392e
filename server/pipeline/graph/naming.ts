import type { Domain, GraphTool } from './model';
import { contentWords, idEntity, isBareId } from './terms';

/** Verbs of every API: they tell what tools do, not what a domain is about. */
const GENERIC_VERBS = new Set(
  'get list create update delete add remove set fetch find search retrieve read write put post patch edit modify check show view'.split(' '),
);
const WORDS_PER_NAME = 3;

/**
 * Names each unlocked domain after its most distinctive entity words ("orders · users · products"):
 * a word scores by how many of the domain's tools mention it times how rare it is among domains
 * (log(1 + domains / domains containing it)), so words every domain shares ("date", "name") lose to
 * the ones that set this domain apart. Locked domains keep their names; names are unique.
 */
export function nameDomains(domains: Domain[], toolsById: Map<string, GraphTool>): Domain[] {
  const counts = domains.map((d) => {
    const count = new Map<string, number>();
    for (const id of d.toolIds) {
      const tool = toolsById.get(id);
      if (tool) for (const w of entityWords(tool)) count.set(w, (count.get(w) ?? 0) + 1);
    }
    return count;
  });
  const domainsWith = new Map<string, number>();
  for (const count of counts) for (const w of count.keys()) domainsWith.set(w, (domainsWith.get(w) ?? 0) + 1);

  const used = new Set(domains.filter((d) => d.locked).map((d) => d.name));
  return domains.map((d, i) => {
    if (d.locked) return d;
    const scored = [...counts[i]!].map(([w, c]) => ({ w, score: c * Math.log(1 + domains.length / domainsWith.get(w)!) }));
    scored.sort((x, y) => y.score - x.score || (x.w < y.w ? -1 : 1));
    const base = scored.slice(0, WORDS_PER_NAME).map((s) => plural(s.w)).join(' · ') || d.key;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base} ${k}`;
    used.add(name);
    return { ...d, name };
  });
}

/** A tool's entity words, each once: the words of its name and of its parameters' names. */
function entityWords(tool: GraphTool): Set<string> {
  const out = new Set<string>();
  const add = (w: string) => {
    if (!GENERIC_VERBS.has(w) && w !== 'id' && w !== 'uuid') out.add(w);
  };
  contentWords(tool.name).forEach(add);
  for (const param of Object.keys(tool.parameters.properties ?? {})) {
    // `order_id` names an order; a bare `id` names nothing new.
    const entity = idEntity(param);
    if (entity) add(entity);
    else if (!isBareId(param)) contentWords(param).forEach(add);
  }
  return out;
}

/** Words that have no plural, or already are one, in the vocabulary of APIs. */
const AS_IS = new Set(
  'data info weather news music media money software hardware equipment traffic feedback health sport sms email mail audio video ' +
    'analytics crypto finance search status address'.split(' '),
);

/** "order" → "orders", "category" → "categories", "box" → "boxes"; anything odd is left as it is. */
export function plural(w: string): string {
  if (w.length < 3 || AS_IS.has(w) || !/^[a-z]+$/.test(w) || w.endsWith('s')) return w;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}
