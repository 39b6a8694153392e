import { isVerb } from '../tools/op';
import { words } from '../kernel/words';
import { isMetaParam } from '../tools/param-roles';
import type { Domain, GraphTool } from './model';
import { idEntity, isBareId, isStopWord, singular } from './terms';

/** Verbs of every API: they tell what tools do, not what a domain is about. */
const GENERIC_VERBS = new Set(
  'get list create update delete add remove set fetch find search retrieve read write put post patch edit modify check show view'.split(' '),
);
const WORDS_PER_NAME = 3;

/**
 * Names each unlocked domain after its most distinctive entity words ("orders · users · products"):
 * a word scores by how many of the domain's tools mention it times how rare it is among domains
 * (log(domains / domains containing it)), so words every domain shares ("date", "name") score
 * nothing and are left out. Ties go to the more frequent word; a domain with no word of its own (or
 * the only domain) is named after its most frequent ones. Locked domains keep their names; names
 * are unique.
 */
export function nameDomains(domains: Domain[], toolsById: Map<string, GraphTool>): Domain[] {
  const stats = domains.map((d) => {
    const count = new Map<string, number>();
    const countable = new Set<string>();
    for (const id of d.toolIds) {
      const tool = toolsById.get(id);
      if (!tool) continue;
      const found = entityWords(tool);
      for (const w of found.words) count.set(w, (count.get(w) ?? 0) + 1);
      for (const w of found.countable) countable.add(w);
    }
    return { count, countable };
  });
  const domainsWith = new Map<string, number>();
  for (const { count } of stats) for (const w of count.keys()) domainsWith.set(w, (domainsWith.get(w) ?? 0) + 1);

  const used = new Set(domains.filter((d) => d.locked).map((d) => d.name));
  return domains.map((d, i) => {
    if (d.locked) return d;
    const { count, countable } = stats[i]!;
    const scored = [...count].map(([w, c]) => ({ w, c, score: c * Math.log(domains.length / domainsWith.get(w)!) }));
    scored.sort((x, y) => y.score - x.score || y.c - x.c || (x.w < y.w ? -1 : 1));
    const distinct = scored.filter((x) => x.score > 0);
    // Spelled out, two words can meet (`emoji` counted, and `emojis` as written): one of each.
    const spelled = [...new Set((distinct.length ? distinct : scored).map(({ w }) => (countable.has(w) ? plural(w) : w)))];
    const top = spelled.slice(0, WORDS_PER_NAME);
    const base = top.join(' · ') || d.key;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base} ${k}`;
    used.add(name);
    return { ...d, name };
  });
}

/**
 * A tool's entity words, each once (singular), from its name and its parameters' names (not paging or
 * transport ones); and which
 * of them are countable records, to be named in the plural: those seen in the plural somewhere, or
 * pointed at by an id (`order_id`). Proper names ("spotify", "instagram") stay as they are.
 */
function entityWords(tool: GraphTool): { words: Set<string>; countable: Set<string> } {
  const found = new Set<string>();
  const countable = new Set<string>();
  const addText = (text: string, verbAt = -1) => {
    for (const [i, raw] of words(text).entries()) {
      if (i === verbAt || raw.length < 2 || /\d/.test(raw) || isStopWord(raw) || GENERIC_VERBS.has(raw) || raw === 'id' || raw === 'ids') continue;
      const w = singular(raw);
      found.add(w);
      if (w !== raw) countable.add(w);
    }
  };
  // The name's first verb says what the tool does ("cancel" in cancel_order), unless it is the last
  // word, which is then more likely a noun ("Shop_Order").
  const nameWords = words(tool.name);
  const verbAt = nameWords.findIndex(isVerb);
  addText(tool.name, verbAt < nameWords.length - 1 ? verbAt : -1);
  for (const param of Object.keys(tool.parameters.properties ?? {})) {
    // Paging and transport parameters are in every listing of every API: they say nothing of its entities.
    if (isMetaParam(param)) continue;
    const entity = idEntity(param);
    if (entity) {
      found.add(entity);
      countable.add(entity);
    } else if (!isBareId(param)) addText(param);
  }
  return { words: found, countable };
}

/** "order" → "orders", "category" → "categories", "box" → "boxes". */
export function plural(w: string): string {
  if (w.endsWith('s')) return w;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}
