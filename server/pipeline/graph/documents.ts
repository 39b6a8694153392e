import type { ClusterParams } from './communities';

/**
 * Gathers the scattered parts of each small document (a collection's file of at most `maxSize`
 * tools) into the domain that holds most of it: a document that small is one API, and a person
 * drawing domains keeps an API together. Only parts that nothing else claims move: the document's
 * unassigned tools (its utilities, `think` or `calculate`, share no entity with anything) and
 * communities made of that document's tools alone (Louvain's fragments of it), and its strays: its
 * tools that sit in a domain where another document holds more tools than this one (the same
 * `user_id` drew one API's `get_user` into another API's domain). Otherwise a domain that mixes
 * documents stays as the similarity graph drew it, and nothing grows past `maxSize`. A document none
 * of whose tools found a domain becomes one when it has at least `minSize` tools.
 *
 * `origin(i)` is tool i's document, or undefined when unknown.
 */
export function gatherDocuments(
  groups: number[][],
  unassigned: number[],
  origin: (i: number) => string | undefined,
  sizes: Pick<ClusterParams, 'minSize' | 'maxSize'>,
): { kept: number[][]; unassigned: number[] } {
  const members = groups.map((g) => [...g]);
  const label = new Map<number, number>();
  members.forEach((g, c) => g.forEach((i) => label.set(i, c)));

  const byDocument = new Map<string, number[]>();
  for (const i of [...members.flat(), ...unassigned].sort((a, b) => a - b)) {
    const doc = origin(i);
    if (doc === undefined) continue;
    let tools = byDocument.get(doc);
    if (!tools) byDocument.set(doc, (tools = []));
    tools.push(i);
  }
  const onlyFrom = (c: number, doc: string) => members[c]!.every((i) => origin(i) === doc);
  // Whether another document holds more of domain c than `doc` does.
  const outnumbered = (c: number, doc: string) => {
    const count = new Map<string | undefined, number>();
    for (const i of members[c]!) count.set(origin(i), (count.get(origin(i)) ?? 0) + 1);
    const own = count.get(doc) ?? 0;
    return [...count].some(([d, k]) => d !== doc && k > own);
  };

  for (const [doc, tools] of byDocument) {
    if (tools.length < 2 || tools.length > sizes.maxSize) continue;
    const held = new Map<number, number>();
    for (const i of tools) {
      const c = label.get(i);
      if (c !== undefined) held.set(c, (held.get(c) ?? 0) + 1);
    }
    if (held.size === 0) {
      if (tools.length >= sizes.minSize) {
        tools.forEach((i) => label.set(i, members.length));
        members.push([...tools]);
      }
      continue;
    }
    // The domain holding most of the document; ties to the one listed first (deterministic).
    let target = -1;
    for (const [c, k] of held) if (target < 0 || k > held.get(target)! || (k === held.get(target)! && c < target)) target = c;

    const parts = [...held.keys()].filter((c) => c !== target && onlyFrom(c, doc));
    parts.sort((x, y) => members[y]!.length - members[x]!.length || x - y);
    for (const c of parts) {
      if (members[target]!.length + members[c]!.length > sizes.maxSize) continue;
      members[c]!.forEach((i) => label.set(i, target));
      members[target]!.push(...members[c]!);
      members[c] = [];
    }
    const strays = tools.filter((i) => {
      const c = label.get(i);
      return c !== undefined && c !== target && outnumbered(c, doc);
    });
    for (const i of strays) {
      if (members[target]!.length >= sizes.maxSize) break;
      const c = label.get(i)!;
      members[c] = members[c]!.filter((j) => j !== i);
      label.set(i, target);
      members[target]!.push(i);
    }
    for (const i of tools) {
      if (label.has(i) || members[target]!.length >= sizes.maxSize) continue;
      label.set(i, target);
      members[target]!.push(i);
    }
  }

  return {
    kept: members.filter((g) => g.length > 0).map((g) => g.sort((a, b) => a - b)),
    unassigned: unassigned.filter((i) => !label.has(i)),
  };
}
