import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns';
import { collections, tools } from './collections';

// The graph stage: builds, their edge sets, domains and their curation.

/** One run of the graph stage: its parameters, what it found, and when. */
export const graphBuilds = pgTable(
  'graph_builds',
  {
    id: uuid().primaryKey().defaultRandom(),
    params: jsonb().$type<Record<string, unknown>>().notNull(),
    stats: jsonb().$type<Record<string, unknown>>().notNull(),
    modularity: real().notNull(),
    /** How the LLM check went: skipped offline, or how many edges it dropped. */
    llmCheck: jsonb().$type<{ ran: boolean; note: string; dropped?: number; unparsed?: number }>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('graph_builds_created_idx').on(t.createdAt)],
);

/**
 * A build's edges, packed (queries/edge-set.ts): hundreds of thousands of edges at 30,000 tools are
 * one row, written in about a second even on PGlite, where a row per edge took nearly a minute. An
 * edge's reason is not kept: it follows from its two tools (pipeline/graph/direction.ts). `revision`
 * grows when a scoped build adds edges, so a reader's cache knows to read again.
 */
export const graphEdgeSets = pgTable('graph_edge_sets', {
  buildId: uuid()
    .primaryKey()
    .references(() => graphBuilds.id, { onDelete: 'cascade' }),
  revision: integer().notNull().default(1),
  /** The tools the packed edges index into; a tool deleted since simply matches nothing. */
  toolIds: uuid().array().notNull(),
  count: integer().notNull(),
  edges: bytea().notNull(),
});

/** A community of tools that will share one database. Curated by people; locked ones survive rebuilds. */
export const domains = pgTable('domains', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  locked: boolean().notNull().default(false),
  /** Marked by a person as a vertical target: phase 2 of an export keeps only these domains. */
  target: boolean().notNull().default(false),
  /** The build that proposed it; null when a person made it (a split). */
  buildId: uuid().references(() => graphBuilds.id, { onDelete: 'set null' }),
  /** The collection this domain keeps whole (see collections.keepWhole); a rebuild finds it again by this. */
  collectionId: uuid().references(() => collections.id, { onDelete: 'set null' }),
  /** Set when a person named it, so a rebuild that keeps the domain keeps that name rather than proposing its own. */
  renamed: boolean().notNull().default(false),
  /**
   * When a rebuild found no domain like it any more. It then holds no tools and is out of the lists
   * new work starts from, but is kept so its environments, tasks and trajectories stay reachable.
   */
  retiredAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => sql`now()`),
});

/** Which domain a tool is in (none: unassigned), and whether a person dropped it from the graph. */
export const domainTools = pgTable(
  'domain_tools',
  {
    toolId: uuid()
      .primaryKey()
      .references(() => tools.id, { onDelete: 'cascade' }),
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    dropped: boolean().notNull().default(false),
  },
  (t) => [index('domain_tools_domain_idx').on(t.domainId)],
);

/** Curation history: each change with the state it replaced, so the latest can be undone. */
export const domainChanges = pgTable('domain_changes', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  action: text().notNull(),
  summary: text().notNull(),
  undo: jsonb().$type<DomainSnapshot>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type DomainSnapshot = {
  /** `target` is absent in snapshots saved before domains could be targets, `collectionId` before collections could be kept whole. */
  domains: Array<{
    id: string;
    existed: boolean;
    name: string;
    locked: boolean;
    target?: boolean;
    buildId: string | null;
    collectionId?: string | null;
    renamed?: boolean;
  }>;
  tools: Array<{ toolId: string; domainId: string | null; dropped: boolean; existed: boolean }>;
};
