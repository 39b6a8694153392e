/**
 * AgentScaler trains in two stages: first on trajectories from every domain, so the model learns
 * tool use in general (which tool, which arguments, how to read results and answer), then on the
 * target (vertical) domains only, to specialise without losing the general skill. The rule here:
 *
 * - phase 1 (general): every item, target domains included, and items with no domain;
 * - phase 2 (vertical): only items whose domain is one of `targets` (empty when there are none).
 *
 * Order is kept in both; items are not copied, so the same object may be in both phases.
 */
export function splitPhases<T extends { domainId: string | null }>(items: readonly T[], targets: ReadonlySet<string>): { general: T[]; vertical: T[] } {
  return {
    general: [...items],
    vertical: items.filter((item) => item.domainId !== null && targets.has(item.domainId)),
  };
}
