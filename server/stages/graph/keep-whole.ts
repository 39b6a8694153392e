import type { Db } from '../../db/client';
import { collectionsByIds, keptWholeCollections, loadStandingDomains, type WholeChanges } from '../../db/queries/graph';
import type { LockedDomain } from '../../pipeline/graph/communities';
import { planKeepWhole, type ToolOfCollection, type WholeCollection } from '../../pipeline/graph/keep-whole';

/** A build asked to keep whole a collection that does not exist. */
export class UnknownCollectionError extends Error {
  override name = 'UnknownCollectionError';
  constructor(readonly ids: string[]) {
    super(
      `${ids.length === 1 ? 'no collection has the id' : 'no collections have the ids'} ${ids.map((id) => `"${id}"`).join(', ')} (the collections page and \`cli collections\` list them)`,
    );
  }
}

/**
 * The collections a build keeps whole: the ones asked for, checked to exist, or, when the build
 * does not say, the ones remembered from the last choice.
 */
export async function collectionsToKeepWhole(db: Db, ids: string[] | undefined): Promise<WholeCollection[]> {
  if (ids === undefined) return keptWholeCollections(db);
  const unique = [...new Set(ids)];
  const found = await collectionsByIds(db, unique);
  const byId = new Map(found.map((c) => [c.id, c]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) throw new UnknownCollectionError(missing);
  return unique.map((id) => byId.get(id)!);
}

/** The locked domains for a build over `tools`, and what saving it must change to keep collections whole. */
export async function lockedForBuild(
  db: Db,
  tools: ToolOfCollection[],
  keepWhole: string[] | undefined,
): Promise<{ locked: LockedDomain[]; whole: WholeChanges; kept: WholeCollection[] }> {
  const kept = await collectionsToKeepWhole(db, keepWhole);
  const plan = planKeepWhole(tools, kept, await loadStandingDomains(db));
  return { locked: plan.locked, whole: { keep: kept.map((c) => c.id), domains: plan.whole, released: plan.released }, kept };
}
