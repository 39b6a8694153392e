import { carryOver } from './carry-over';

/** What people made on a domain: a rebuild that retires the domain moves all of it to "from a previous build". */
export type DomainWork = { environmentVersions: number; tasks: number; trajectories: number };

/** A domain a rebuild may keep or retire: an unlocked one of the previous build, or one a kept-whole change releases. */
export type StandingWork = { id: string; name: string; toolIds: string[]; renamed: boolean; target: boolean; work: DomainWork };

/** A domain as the plan names it (no tools: the plan travels to the build form). */
export type PlannedDomain = Omit<StandingWork, 'toolIds'> & { tools: number };

export type RebuildPlan = {
  /** False when the new domains cannot be known before the build runs (embeddings come from the endpoint). */
  known: boolean;
  /** For each proposed (unlocked) domain, by index, the previous domain it continues, or null. */
  matches: Array<string | null>;
  /** Previous domains the build finds again: they keep id, name a person gave, mark and work. */
  kept: PlannedDomain[];
  /** Previous domains it does not find again: retired, shown as "from a previous build". */
  retired: PlannedDomain[];
  /** When not `known`: the curated domains that may be retired. */
  atRisk: PlannedDomain[];
  /** Proposed domains that continue none: made anew. */
  created: number;
};

/** Curated: something a person would miss if the domain left the lists. */
export const isCurated = (d: Pick<StandingWork, 'renamed' | 'target' | 'work'>) =>
  d.renamed || d.target || d.work.environmentVersions > 0 || d.work.tasks > 0 || d.work.trajectories > 0;

const summary = ({ toolIds, ...d }: StandingWork): PlannedDomain => ({ ...d, tools: toolIds.length });

/**
 * What a build does to the domains standing before it. Pure, and the one place that decides:
 * saving a build keeps and retires what this returns, and the build form's dry run shows the same
 * answer before asking. `proposed` is null when the new domains are not known yet.
 */
export function planRebuild(previous: StandingWork[], proposed: Array<{ toolIds: string[] }> | null): RebuildPlan {
  if (proposed === null) {
    return { known: false, matches: [], kept: [], retired: [], atRisk: previous.filter(isCurated).map(summary), created: 0 };
  }
  const { matches, left } = carryOver(previous, proposed);
  const gone = new Set(left);
  return {
    known: true,
    matches,
    kept: previous.filter((d) => !gone.has(d.id)).map(summary),
    retired: previous.filter((d) => gone.has(d.id)).map(summary),
    atRisk: [],
    created: matches.filter((m) => m === null).length,
  };
}

/** Ask before building: curated work would (or, not known, might) move to "from a previous build". */
export const needsConfirmation = (plan: Pick<RebuildPlan, 'retired' | 'atRisk'>) => plan.retired.some(isCurated) || plan.atRisk.length > 0;
