import {
  IconAffiliate,
  IconBox,
  IconChartLine,
  IconChecklist,
  IconDatabase,
  IconFileExport,
  IconFolders,
  IconListDetails,
  IconPlayerPlay,
  IconSettings,
  IconStack2,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export type Section = {
  href: string;
  label: string;
  icon: Icon;
  /** One line under the page title: what this stage of the pipeline is for. */
  summary: string;
  /** What the page shows once there is something, and what to do first while there is not. */
  empty?: { title: string; body: string; next?: { label: string; href: string } };
  /** Listed in the navigation for admins only. */
  adminOnly?: boolean;
};

/** The pipeline, in order: one screen per stage (SPEC.md §1), then the studio's own pages. */
export const PIPELINE: Section[] = [
  {
    href: '/collections',
    label: 'Collections',
    icon: IconFolders,
    summary: 'API collections you uploaded, normalised to one tool model.',
    empty: {
      title: 'No collections yet',
      body: 'Upload OpenAPI, Swagger, Postman, OpenAI function lists, ToolBench, MCP or BFCL files here. Each tool becomes a read or write operation with its JSON Schema and source location.',
    },
  },
  {
    href: '/graph',
    label: 'Graph',
    icon: IconAffiliate,
    summary: 'Tools joined by parameter similarity, grouped into domains by Louvain.',
    empty: {
      title: 'No tool graph built',
      body: 'Once tools are imported, build the graph here: edges where parameters are similar, directed from producers to consumers, with an overview of every detected domain.',
      next: { label: 'Import a collection first', href: '/collections' },
    },
  },
  {
    href: '/domains',
    label: 'Domains',
    icon: IconStack2,
    summary: 'Communities of tools that share one database; rename, merge, split and lock them.',
    empty: {
      title: 'No domains yet',
      body: 'Domains appear after a graph build. Curate them here: every change is saved and can be undone, and locked domains survive a rebuild.',
      next: { label: 'Go to the graph', href: '/graph' },
    },
  },
  {
    href: '/environments',
    label: 'Environments',
    icon: IconDatabase,
    summary: 'Per domain: a database schema and one function per tool, run in a sandbox.',
    empty: {
      title: 'No environments generated',
      body: 'Each domain gets a generated schema and tool code you can edit in the browser, try against a sample state, validate and version.',
      next: { label: 'See domains', href: '/domains' },
    },
  },
  {
    href: '/tasks',
    label: 'Tasks',
    icon: IconListDetails,
    summary: 'Random walks on a domain graph: gold calls, initial and gold final state, user intent.',
    empty: {
      title: 'No tasks sampled',
      body: 'Sample tasks from an environment: each is a verified sequence of calls with the database before and after, and the intent a simulated user will pursue.',
      next: { label: 'See environments', href: '/environments' },
    },
  },
  {
    href: '/runs',
    label: 'Runs',
    icon: IconPlayerPlay,
    summary: 'Simulated user–agent rollouts on tasks, with live progress and three verification filters.',
    empty: {
      title: 'No runs launched',
      body: 'Launch trajectories with offline policies or any OpenAI-compatible model; watch pass rates for validity, state alignment and exact match as they run.',
      next: { label: 'See tasks', href: '/tasks' },
    },
  },
  {
    href: '/review',
    label: 'Review',
    icon: IconChecklist,
    summary: 'Accept or reject trajectories, keyboard first, with database diffs at every step.',
    empty: {
      title: 'Nothing to review',
      body: 'Finished trajectories queue up here with their filter results. Use j/k to move, a to accept, r to reject.',
      next: { label: 'See runs', href: '/runs' },
    },
  },
  {
    href: '/exports',
    label: 'Exports',
    icon: IconFileExport,
    summary: 'Accepted trajectories as SFT data (OpenAI JSONL, ShareGPT), phase 1 general and phase 2 vertical.',
    empty: {
      title: 'No exports yet',
      body: 'Export accepted trajectories with loss-mask information, and environments as files that import back identically.',
      next: { label: 'Review trajectories', href: '/review' },
    },
  },
  {
    href: '/evaluate',
    label: 'Evaluate',
    icon: IconChartLine,
    summary: 'Agents measured on held-out tasks: pass^k over k trials per task, per domain, side by side.',
    empty: {
      title: 'No evaluations yet',
      body: 'Launch one above: an agent (the offline oracle with noise, or a model behind an OpenAI-compatible endpoint) runs every chosen task k times, and pass^k is the chance that all k trials pass.',
      next: { label: 'Sample tasks first', href: '/tasks' },
    },
  },
];

export const STUDIO_PAGES: Section[] = [
  { href: '/jobs', label: 'Jobs', icon: IconBox, summary: 'Long work running in the queue: progress, errors, cancel.' },
  { href: '/settings', label: 'Settings', icon: IconSettings, summary: 'The effective configuration of this studio.' },
  { href: '/people', label: 'People', icon: IconUsers, summary: 'Who can sign in, and what each role may do.', adminOnly: true },
];

/** Pages inside a stage, reached from its page rather than the navigation. */
export const STAGE_PAGES: Section[] = [
  {
    href: '/tools',
    label: 'Tools',
    icon: IconListDetails,
    summary: 'Every imported tool: search, filter, sort; open one for its schema, source and read/write decision.',
  },
];

export function sectionFor(href: string): Section {
  const s = [...PIPELINE, ...STUDIO_PAGES, ...STAGE_PAGES].find((x) => x.href === href);
  if (!s) throw new Error(`No section ${href}`);
  return s;
}
