import type { LockedDomain } from './communities';

/** A tool and the collection it was imported with. */
export type ToolOfCollection = { id: string; collectionId: string };
/** A collection a person asked to keep whole. */
export type WholeCollection = { id: string; name: string };
/**
 * A domain a build must consider before clustering: a locked one, or one kept whole from a
 * collection (`collectionId`), locked or not.
 */
export type StandingDomain = LockedDomain & { collectionId: string | null };
/** A collection's domain: `existing` when a domain kept from it is already stored under `key`. */
export type WholeDomain = LockedDomain & { collectionId: string; existing: boolean };

export type KeepWholePlan = {
  /** The kept collections' domains, in the order they were asked for; a collection with no tools has none. */
  whole: WholeDomain[];
  /** Every domain the build leaves alone: the whole ones, then the other locked ones without the kept tools. */
  locked: LockedDomain[];
  /**
   * Domains to remove: those kept from a collection that no longer is (their tools are clustered
   * again), and locked ones whose every tool a kept collection took.
   */
  released: string[];
};

/**
 * Which domains a build must leave alone when some collections are kept whole. A single company's
 * API is one environment (as in τ-bench and AWM): each kept collection's tools become one locked
 * domain, named after the collection, and are not clustered. A kept collection's domain is found
 * again by its collection on the next build, keeping its id (and the environments made for it) and
 * the name a person may have given it; it gets back every tool of the collection, taking them from
 * any other locked domain, because keeping whole is the later and more explicit request (a locked
 * domain left with none of its tools is removed). Pure.
 */
export function planKeepWhole(tools: ToolOfCollection[], keep: WholeCollection[], standing: StandingDomain[]): KeepWholePlan {
  const kept = new Set(keep.map((c) => c.id));
  const membersOf = new Map<string, string[]>();
  for (const t of tools) {
    if (!kept.has(t.collectionId)) continue;
    const list = membersOf.get(t.collectionId) ?? [];
    list.push(t.id);
    membersOf.set(t.collectionId, list);
  }

  const released = standing.filter((d) => d.collectionId !== null && !kept.has(d.collectionId)).map((d) => d.key);
  const stays = standing.filter((d) => d.collectionId === null || kept.has(d.collectionId));
  const previous = new Map<string, StandingDomain>();
  for (const d of stays) if (d.collectionId !== null && !previous.has(d.collectionId)) previous.set(d.collectionId, d);
  // A second domain kept from the same collection (an undo brought one back) is redundant: release it.
  for (const d of stays) if (d.collectionId !== null && previous.get(d.collectionId) !== d) released.push(d.key);

  const others = stays.filter((d) => d.collectionId === null);
  const usedNames = new Set([...others.map((d) => d.name), ...[...previous.values()].map((d) => d.name)]);
  const whole: WholeDomain[] = [];
  const seen = new Set<string>();
  for (const c of keep) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const toolIds = membersOf.get(c.id) ?? [];
    if (toolIds.length === 0) continue;
    const before = previous.get(c.id);
    if (before) {
      whole.push({ key: before.key, name: before.name, toolIds, collectionId: c.id, existing: true });
      continue;
    }
    let name = c.name;
    for (let k = 2; usedNames.has(name); k++) name = `${c.name} ${k}`;
    usedNames.add(name);
    whole.push({ key: `whole:${c.id}`, name, toolIds, collectionId: c.id, existing: false });
  }
  // A kept collection whose tools are all gone leaves its old domain behind empty: release it too.
  for (const [collectionId, d] of previous) if (!whole.some((w) => w.collectionId === collectionId)) released.push(d.key);

  const taken = new Set(whole.flatMap((d) => d.toolIds));
  const rest = others.map((d) => ({ key: d.key, name: d.name, toolIds: d.toolIds.filter((id) => !taken.has(id)), had: d.toolIds.length }));
  // A locked domain whose every tool a kept collection took would stand empty: it goes too.
  for (const d of rest) if (d.had > 0 && d.toolIds.length === 0) released.push(d.key);
  const locked: LockedDomain[] = [
    ...whole.map(({ key, name, toolIds }) => ({ key, name, toolIds })),
    ...rest.filter((d) => d.had === 0 || d.toolIds.length > 0).map(({ key, name, toolIds }) => ({ key, name, toolIds })),
  ];
  return { whole, locked, released };
}
