import { plural } from './plural';

/** The parts of a rebuild plan the sentences need (the server's RebuildPlan has them; components import only types). */
type Work = { environmentVersions: number; tasks: number; trajectories: number };
type Domain = { name: string; renamed: boolean; target: boolean; work: Work };
export type PlanToTell = { known: boolean; kept: Domain[]; retired: Domain[]; atRisk: Domain[]; created: number };

const PREVIOUS = '“from a previous build”';
/** How many names a sentence lists before it says "and N more". */
const LISTED = 4;

const hasWork = (d: Domain) => d.work.environmentVersions + d.work.tasks + d.work.trajectories > 0;
const curated = (d: Domain) => hasWork(d) || d.renamed || d.target;

/** "2 environment versions, 14 tasks, marked as a target": what a person made on a domain. */
export function workOf(d: Domain): string {
  const parts = [
    d.work.environmentVersions ? plural(d.work.environmentVersions, 'environment version') : '',
    d.work.tasks ? plural(d.work.tasks, 'task') : '',
    d.work.trajectories ? plural(d.work.trajectories, 'trajectory') : '',
    d.target ? 'marked as a target' : '',
    d.renamed ? 'named by a person' : '',
  ].filter(Boolean);
  return parts.join(', ');
}

const named = (d: Domain) => `“${d.name}”${curated(d) ? ` (${workOf(d)})` : ''}`;
const names = (list: Domain[]) => {
  const shown = list.slice(0, LISTED).map((d) => `“${d.name}”`);
  if (list.length > LISTED) shown.push(`${list.length - LISTED} more`);
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : (shown[0] ?? '');
};

/**
 * The plan in sentences, for the confirmation before a rebuild and for Load demo: what is kept,
 * each curated domain that moves to "from a previous build" with what it carries, and how many
 * domains are new.
 */
export function describeRebuildPlan(plan: PlanToTell): string[] {
  const out: string[] = [];
  if (!plan.known) {
    out.push('This build takes its vectors from the embeddings endpoint, so which domains it finds again is known only once it has run.');
    for (const d of plan.atRisk) out.push(`${named(d)} will move to ${PREVIOUS} if the build does not find it again.`);
    return out;
  }
  const keptCurated = plan.kept.filter(curated);
  const keptOther = plan.kept.length - keptCurated.length;
  if (keptCurated.length) {
    const withWork = keptCurated.some(hasWork) ? 'with environments, tasks or marks' : 'a person named or marked';
    out.push(
      `${plural(keptCurated.length, `domain ${withWork}`, `domains ${withWork}`)} will be kept, with everything on ${keptCurated.length === 1 ? 'it' : 'them'}: ${names(keptCurated)}.`,
    );
  }
  if (keptOther) out.push(`${plural(keptOther, keptCurated.length ? 'other domain' : 'domain')} will be kept under ${keptOther === 1 ? 'its' : 'their'} id.`);
  for (const d of plan.retired.filter(curated)) out.push(`${named(d)} will move to ${PREVIOUS}.`);
  const retiredBare = plan.retired.filter((d) => !curated(d)).length;
  if (retiredBare) out.push(`${plural(retiredBare, 'domain')} with nothing made on ${retiredBare === 1 ? 'it' : 'them'} will be retired.`);
  if (plan.created) out.push(`${plural(plan.created, 'new domain')} will be made.`);
  if (out.length === 0) out.push('No domain changes.');
  return out;
}
