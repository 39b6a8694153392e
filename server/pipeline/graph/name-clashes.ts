import type { Partition } from './communities';
import type { GraphTool } from './model';

/**
 * A domain becomes an environment whose tools are called by name, so it cannot offer two tools of
 * one name (two APIs' `get_user`, drawn together by the same `user_id`). Of each clash the tool whose
 * document holds most of the domain stays (ties: the one listed first); each other goes to the
 * domain holding most of its own document when that domain has no tool of the name and is under
 * `maxSize`, else it is left unassigned. Locked domains are the user's and stay as given.
 */
export function separateNameClashes(partition: Partition, tools: GraphTool[], maxSize: number): Partition {
  const byId = new Map(tools.map((t) => [t.id, t]));
  const domains = partition.domains.map((d) => ({ ...d, toolIds: [...d.toolIds] }));
  const unassigned = [...partition.unassigned];
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  const originOf = (id: string) => byId.get(id)?.origin;

  for (const domain of domains) {
    if (domain.locked) continue;
    const share = new Map<string | undefined, number>();
    for (const id of domain.toolIds) share.set(originOf(id), (share.get(originOf(id)) ?? 0) + 1);
    const byName = new Map<string, string[]>();
    for (const id of domain.toolIds) byName.set(nameOf(id), [...(byName.get(nameOf(id)) ?? []), id]);

    for (const ids of byName.values()) {
      if (ids.length < 2) continue;
      const stay = ids.reduce((best, id) => ((share.get(originOf(id)) ?? 0) > (share.get(originOf(best)) ?? 0) ? id : best));
      for (const id of ids) {
        if (id === stay) continue;
        domain.toolIds = domain.toolIds.filter((x) => x !== id);
        const home = homeOf(id);
        if (home) home.toolIds.push(id);
        else unassigned.push(id);
      }
    }
  }

  // The unlocked domain holding most of the tool's document, if it can take the tool.
  function homeOf(id: string) {
    const doc = originOf(id);
    if (doc === undefined) return undefined;
    let best: (typeof domains)[number] | undefined;
    let bestCount = 0;
    for (const d of domains) {
      if (d.locked) continue;
      const count = d.toolIds.filter((x) => originOf(x) === doc).length;
      if (count > bestCount) [best, bestCount] = [d, count];
    }
    if (!best || best.toolIds.length >= maxSize || best.toolIds.some((x) => nameOf(x) === nameOf(id))) return undefined;
    return best;
  }

  return { ...partition, domains: domains.filter((d) => d.locked || d.toolIds.length > 0), unassigned };
}
