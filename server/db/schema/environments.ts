import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EnvironmentContent, ValidationReport } from '../../pipeline/environment/model';
import type { State } from '../../pipeline/kernel/state';
import type { FidelityScore } from '../../pipeline/reference/score';
import { domains } from './graph';

// Environment versions, the user's data they are grounded in, and fidelity checks.

/**
 * A user's database file for a domain (server/pipeline/environment/grounded): the initial state its
 * grounded environment versions start from, stored once and shared by the versions made from it.
 */
export const environmentData = pgTable(
  'environment_data',
  {
    id: uuid().primaryKey().defaultRandom(),
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    fileName: text().notNull(),
    bytes: integer().notNull(),
    rows: integer().notNull(),
    /** Per table: its rows and key, for previews without loading the state. */
    tables: jsonb().$type<Array<{ name: string; rows: number; primaryKey: string; listKey: string | null }>>().notNull(),
    /** sha256 of the state's canonical JSON. */
    sha256: text().notNull(),
    state: jsonb().$type<State>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('environment_data_domain_idx').on(t.domainId)],
);

/**
 * One saved state of a domain's environment: schema and tool code. Every save is a new version
 * (never an update), so tasks and trajectories can point at exactly what they ran against.
 */
export const environmentVersions = pgTable(
  'environment_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null once the domain is gone (merged, or replaced by a rebuild); `domainName` keeps what it was. */
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    /** 1, 2, 3… per domain. */
    number: integer().notNull(),
    parentId: uuid(),
    generator: text({ enum: ['heuristic', 'llm', 'manual'] }).notNull(),
    message: text().notNull().default(''),
    content: jsonb().$type<EnvironmentContent>().notNull(),
    validation: jsonb().$type<ValidationReport | null>(),
    /** The user's data this version starts from, when it was grounded in one; else it seeds its own. */
    dataId: uuid().references(() => environmentData.id, { onDelete: 'restrict' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('environment_versions_domain_idx').on(t.domainId, t.number)],
);

/** A fidelity check of one environment version against a reference (server/pipeline/reference). */
export const referenceChecks = pgTable(
  'reference_checks',
  {
    id: uuid().primaryKey().defaultRandom(),
    environmentVersionId: uuid()
      .notNull()
      .references(() => environmentVersions.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    tasks: integer().notNull(),
    score: jsonb().$type<FidelityScore>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reference_checks_version_idx').on(t.environmentVersionId, t.createdAt)],
);
