import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EnvironmentContent, ValidationReport } from '../pipeline/environment/model';
import type { State } from '../pipeline/kernel/state';
import { ROLLOUT_STATUSES, type ChatMessage, type Noise, type StepRecord, type Trajectory } from '../pipeline/rollout/model';
import type { RunSettings } from '../pipeline/rollout/settings';
import { INTENT_WRITERS, TASK_SPLITS, type GoldCall, type SampleSettings, type TaskSplit } from '../pipeline/tasks/model';
import type { ExportManifest, ExportSelection } from '../pipeline/export/manifest';
import type { Verdict } from '../pipeline/verify/model';
import type { FidelityScore } from '../pipeline/reference/score';
import type { EvaluationSummary } from '../pipeline/evaluate/passk';
import { FAILURE_KINDS, type EvaluationScope, type EvaluationSettings } from '../pipeline/evaluate/settings';
import type { ImportWarning, ToolExample, ToolSource } from '../pipeline/tools/model';

/**
 * The studio's tables. Large JSON lives in jsonb; every list is paginated by key. Tables for later
 * stages (graph builds, domains, environment versions, tasks, runs, trajectories, reviews, exports)
 * are added by the issues that need them, each with its migration.
 */

export const collections = pgTable(
  'collections',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    format: text().notNull(),
    /** Hash of the imported bytes, to recognise a re-import of the same file. */
    contentHash: text().notNull(),
    files: jsonb().$type<string[]>().notNull().default([]),
    toolCount: integer().notNull().default(0),
    /** What was skipped or repaired when it was imported, shown beside the collection. */
    warnings: jsonb().$type<ImportWarning[]>().notNull().default([]),
    /** Its tools form one locked domain at every graph build instead of being clustered (one API, one environment). */
    keepWhole: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('collections_content_hash_idx').on(t.contentHash)],
);

export const tools = pgTable(
  'tools',
  {
    id: uuid().primaryKey().defaultRandom(),
    collectionId: uuid()
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    description: text().notNull().default(''),
    parameters: jsonb().$type<Record<string, unknown>>().notNull(),
    returns: jsonb().$type<Record<string, unknown> | null>(),
    /** Responses the API documents (OpenAPI examples, Postman saved responses), success first; a few, shrunk. */
    examples: jsonb().$type<ToolExample[]>().notNull().default([]),
    op: text({ enum: ['read', 'write'] }).notNull(),
    opReason: text().notNull(),
    /** Set when a person chose read/write by hand; `opReason` then says what was decided before. */
    opOverridden: boolean().notNull().default(false),
    source: jsonb().$type<ToolSource>().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tools_collection_name_idx').on(t.collectionId, t.name), index('tools_name_idx').on(t.name, t.id)],
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Files a browser uploaded, kept in the database (not on the web server's disk) so that a worker
 * on another machine can run the import job; deleted once imported or discarded.
 */
export const uploads = pgTable('uploads', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  content: bytea().notNull(),
  size: bigint({ mode: 'number' }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The product's record of a long piece of work. pg-boss carries the delivery (claiming, heartbeats,
 * retry after a worker dies); this row carries what a person wants to see: progress, message,
 * error, result, and a cancel request the handler honours at its next progress report.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey(),
    kind: text().notNull(),
    title: text().notNull(),
    input: jsonb().$type<unknown>().notNull(),
    status: text({ enum: JOB_STATUSES }).notNull().default('queued'),
    progress: real().notNull().default(0),
    message: text().notNull().default(''),
    error: text(),
    result: jsonb().$type<unknown>(),
    attempts: integer().notNull().default(0),
    worker: text(),
    cancelRequested: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (t) => [index('jobs_created_idx').on(t.createdAt, t.id), index('jobs_status_idx').on(t.status)],
);

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

export { TASK_SPLITS, type TaskSplit };

/**
 * A gold run through one environment version (server/pipeline/tasks). The same walk on the same
 * version is stored once: `fingerprint` hashes the initial state and the calls.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: the key lists page by. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    environmentVersionId: uuid()
      .notNull()
      .references(() => environmentVersions.id, { onDelete: 'cascade' }),
    /** Null once the domain is gone; `domainName` keeps what it was. */
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    seed: integer().notNull(),
    fingerprint: text().notNull(),
    readOnly: boolean().notNull(),
    length: integer().notNull(),
    calls: jsonb().$type<GoldCall[]>().notNull(),
    initialState: jsonb().$type<State>().notNull(),
    finalState: jsonb().$type<State>().notNull(),
    intent: text().notNull(),
    intentWriter: text({ enum: INTENT_WRITERS }).notNull(),
    settings: jsonb().$type<SampleSettings>().notNull(),
    /**
     * 'heldout': kept apart for evaluation. Its trajectories never reach a training export (the
     * export skips them and its manifest counts them), so a model can be measured on tasks it was
     * not trained on.
     */
    split: text({ enum: TASK_SPLITS }).notNull().default('train'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_version_fingerprint_idx').on(t.environmentVersionId, t.fingerprint),
    index('tasks_domain_idx').on(t.domainId, t.seq),
    uniqueIndex('tasks_seq_idx').on(t.seq),
  ],
);

/** A launch of rollouts: which tasks (fixed at launch, so a resume finishes the same set) and how. */
export const runs = pgTable(
  'runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    settings: jsonb().$type<RunSettings>().notNull(),
    taskIds: jsonb().$type<string[]>().notNull(),
    total: integer().notNull(),
    /** The latest job that worked on the run (a resume starts a new one). */
    jobId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('runs_created_idx').on(t.createdAt, t.id)],
);

/** One rollout of one task in one run, with its verdict. The filter columns are copies of `verdict` for counting. */
export const trajectories = pgTable(
  'trajectories',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: the key lists page by. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    environmentVersionId: uuid()
      .notNull()
      .references(() => environmentVersions.id, { onDelete: 'cascade' }),
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    status: text({ enum: ROLLOUT_STATUSES }).notNull(),
    error: text(),
    messages: jsonb().$type<ChatMessage[]>().notNull(),
    steps: jsonb().$type<StepRecord[]>().notNull(),
    finalState: jsonb().$type<State | null>(),
    verdict: jsonb().$type<Verdict>().notNull(),
    passed: boolean().notNull(),
    validity: boolean().notNull(),
    stateAligned: boolean().notNull(),
    exact: boolean().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    noiseApplied: jsonb().$type<Noise[]>().notNull().default([]),
    /** Indices in `messages` of the assistant messages with an injected mistake: exported, never trained on. */
    masked: jsonb().$type<number[]>().notNull().default([]),
    policies: jsonb().$type<Trajectory['policies']>().notNull(),
    turns: integer().notNull(),
    calls: integer().notNull(),
    seed: integer().notNull(),
    ms: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trajectories_run_task_idx').on(t.runId, t.taskId),
    index('trajectories_run_idx').on(t.runId, t.seq),
    uniqueIndex('trajectories_seq_idx').on(t.seq),
    index('trajectories_task_idx').on(t.taskId),
  ],
);

/**
 * An evaluation: an agent run k times on each of a set of tasks (τ-bench's pass^k). Its trials
 * are kept apart from `trajectories` on purpose: those feed the review queue and the training
 * exports, and an evaluation mostly runs on held-out tasks that must reach neither; a run holds
 * one trajectory per task, an evaluation k per task. `summary` is written when the last trial is.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    settings: jsonb().$type<EvaluationSettings>().notNull(),
    /** What the tasks were chosen by (the held-out split, domains), as asked. */
    scope: jsonb().$type<EvaluationScope>().notNull(),
    taskIds: jsonb().$type<string[]>().notNull(),
    k: integer().notNull(),
    /** Trials to run: tasks × k. */
    total: integer().notNull(),
    jobId: uuid(),
    summary: jsonb().$type<EvaluationSummary | null>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('evaluations_created_idx').on(t.createdAt, t.id)],
);

/** One trial of one task in an evaluation: its verdict in brief (trialRecord), not its transcript. */
export const evaluationTrials = pgTable(
  'evaluation_trials',
  {
    evaluationId: uuid()
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** 0 … k-1. */
    trial: integer().notNull(),
    environmentVersionId: uuid().notNull(),
    domainId: uuid().references(() => domains.id, { onDelete: 'set null' }),
    domainName: text().notNull(),
    status: text({ enum: ROLLOUT_STATUSES }).notNull(),
    passed: boolean().notNull(),
    validity: boolean().notNull(),
    stateAligned: boolean().notNull(),
    exact: boolean().notNull(),
    failure: text({ enum: FAILURE_KINDS }),
    failedTool: text(),
    reason: text().notNull(),
    noiseApplied: jsonb().$type<Noise[]>().notNull().default([]),
    calls: integer().notNull(),
    turns: integer().notNull(),
    ms: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.evaluationId, t.taskId, t.trial] })],
);

export const VERDICTS = ['accepted', 'rejected'] as const;
export type ReviewVerdict = (typeof VERDICTS)[number];

/**
 * Every verdict a reviewer gave, never updated: a trajectory's review status is its latest row,
 * and the rows before it are its history (who changed their mind, when, and why).
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    trajectoryId: uuid()
      .notNull()
      .references(() => trajectories.id, { onDelete: 'cascade' }),
    verdict: text({ enum: VERDICTS }).notNull(),
    /** One of the preset reasons, or free text; required for a rejection. */
    reason: text().notNull().default(''),
    comment: text().notNull().default(''),
    /** The name shown for the reviewer, kept as written at the time (also for verdicts given before accounts). */
    reviewer: text().notNull(),
    /** The signed-in person who gave it; null for verdicts from before accounts or from a removed account. */
    reviewerId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reviews_trajectory_idx').on(t.trajectoryId, t.seq), index('reviews_reviewer_idx').on(t.reviewerId, t.trajectoryId, t.seq)],
);

/**
 * Who is asked to review what: a filtered queue split among reviewers (one or more per trajectory,
 * more when agreement is to be measured). A verdict does not need an assignment; the queue can show
 * a reviewer only theirs.
 */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    trajectoryId: uuid()
      .notNull()
      .references(() => trajectories.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.trajectoryId, t.userId] }), index('review_assignments_user_idx').on(t.userId, t.trajectoryId)],
);

/**
 * SFT data made by an export job. The file itself lives in `export_chunks` (in the database, like
 * uploads, so a worker on another machine can write it and any web server can serve it). The
 * manifest is set when the last chunk is written: until then, and if the job fails, the export
 * has no manifest and its chunks are not served. Status and progress are the job's.
 */
export const exportsTable = pgTable(
  'exports',
  {
    id: uuid().primaryKey().defaultRandom(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    selection: jsonb().$type<ExportSelection>().notNull(),
    jobId: uuid(),
    manifest: jsonb().$type<ExportManifest | null>(),
    bytes: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exports_seq_idx').on(t.seq)],
);

/** An export's JSONL in order: `n` 0, 1, 2… each a run of whole lines. */
export const exportChunks = pgTable(
  'export_chunks',
  {
    exportId: uuid()
      .notNull()
      .references(() => exportsTable.id, { onDelete: 'cascade' }),
    n: integer().notNull(),
    text: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.n] })],
);

/**
 * Accounts, in the shape Better Auth's Drizzle adapter reads and writes (server/auth/auth.ts maps
 * its models onto these tables): people, their sign-in sessions, their credentials (`accounts`
 * holds the password hash) and one-time verification values. `role` is the studio's role
 * (lib/auth/roles.ts); `banned` and friends belong to Better Auth's admin plugin, which the
 * Users page uses. Tables that later scope work to a project can reference `users.id`.
 */
export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  email: text().notNull().unique(),
  emailVerified: boolean().notNull().default(false),
  image: text(),
  role: text().notNull().default('viewer'),
  banned: boolean().default(false),
  banReason: text(),
  banExpires: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    token: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ipAddress: text(),
    userAgent: text(),
    impersonatedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: text().notNull(),
    providerId: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text(),
    refreshToken: text(),
    idToken: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    refreshTokenExpiresAt: timestamp({ withTimezone: true }),
    scope: text(),
    password: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    identifier: text().notNull(),
    value: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/**
 * Machine clients' keys (MCP clients, trainers): `Authorization: Bearer <key>` acts as the key's
 * owner, with their role at the time of the request. Only the key's sha-256 is kept; its first
 * characters (`prefix`) tell keys apart in lists. A revoked key stays listed, refused.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    prefix: text().notNull(),
    /** Hex sha-256 of the whole key. */
    hash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

/**
 * Values the studio makes once and keeps, such as the key that signs session cookies when none is
 * configured: kept in the database so every web server and worker on it agrees.
 */
export const studioSecrets = pgTable('studio_secrets', {
  key: text().primaryKey(),
  value: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
