import path from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from './db/client';

/**
 * The studio's configuration, read once from the environment. Every setting has a default that
 * works offline on the embedded database, so a fresh clone needs none of them.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STUDIO_DATA_DIR: z.string().trim().min(1).default('./.studio-data'),
  /** PGlite's page cache (Postgres's shared_buffers), in MB: zeroed at every open, so short processes want it small. */
  STUDIO_PGLITE_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(128),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Workers inside the web server process; 0 leaves all work to `npm run worker`. */
  STUDIO_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** How often pg-boss looks for jobs whose worker stopped sending heartbeats. */
  STUDIO_JOB_MONITOR_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  STUDIO_LLM_BASE_URL: z
    .string()
    .trim()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STUDIO_LLM_API_KEY: z.string().optional(),
  STUDIO_LLM_MODEL: z
    .string()
    .trim()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  STUDIO_EMBEDDINGS_MODEL: z
    .string()
    .trim()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Comma-separated origins a run's per-role base URL may point at; unset: the configured endpoint's origin only. */
  STUDIO_LLM_ALLOWED_BASE_URLS: z.string().trim().optional(),
  STUDIO_LLM_MAX_REPLY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(64 * 1024),
  STUDIO_LLM_MAX_REPLY_TOKENS: z.coerce
    .number()
    .int()
    .min(256)
    .max(16 * 1024 * 1024)
    .default(16 * 1024),
  STUDIO_LLM_MAX_TRAJECTORY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(1024 * 1024),
  STUDIO_LLM_MAX_TRAJECTORY_TOKENS: z.coerce
    .number()
    .int()
    .min(256)
    .max(256 * 1024 * 1024)
    .default(256 * 1024),
  /** What one multipart upload of collection files may hold in all; one file is held to the importer's own limit. */
  STUDIO_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(4096).default(128),
  /** Signs session cookies; unset: one made at first start and kept in the database. */
  STUDIO_AUTH_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The address people reach the studio at, when it is behind a proxy; unset: taken from each request. */
  STUDIO_PUBLIC_URL: z
    .string()
    .trim()
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** How long a sign-in lasts without use. */
  STUDIO_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

export type StudioConfig = {
  database: DatabaseTarget;
  port: number;
  workers: number;
  jobMonitorSeconds: number;
  llm: {
    baseUrl?: string;
    apiKey?: string;
    model?: string;
    embeddingsModel?: string;
    /** Origins a per-role base URL may use; absent: the configured endpoint's origin only. */
    allowedOrigins?: string[];
    /** Absent: DEFAULT_REPLY_LIMITS. */
    limits?: ReplyLimits;
  };
  uploads: { maxBytes: number };
  auth: { secret?: string; publicUrl?: string; sessionDays: number };
};

/** How much an LLM may say: one reply, and all the replies of one trajectory (bytes and approximate tokens). */
export type ReplyLimits = { replyBytes: number; replyTokens: number; trajectoryBytes: number; trajectoryTokens: number };

export const DEFAULT_REPLY_LIMITS: ReplyLimits = { replyBytes: 64 * 1024, replyTokens: 16 * 1024, trajectoryBytes: 1024 * 1024, trajectoryTokens: 256 * 1024 };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: Record<string, string | undefined> = process.env): StudioConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration in the environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.STUDIO_DATA_DIR), cacheMb: e.STUDIO_PGLITE_CACHE_MB },
    port: e.PORT,
    workers: e.STUDIO_WORKERS,
    jobMonitorSeconds: e.STUDIO_JOB_MONITOR_SECONDS,
    llm: {
      baseUrl: e.STUDIO_LLM_BASE_URL,
      apiKey: e.STUDIO_LLM_API_KEY || undefined,
      model: e.STUDIO_LLM_MODEL,
      embeddingsModel: e.STUDIO_EMBEDDINGS_MODEL,
      allowedOrigins: allowedOrigins(e.STUDIO_LLM_ALLOWED_BASE_URLS, e.STUDIO_LLM_BASE_URL),
      limits: {
        replyBytes: e.STUDIO_LLM_MAX_REPLY_BYTES,
        replyTokens: e.STUDIO_LLM_MAX_REPLY_TOKENS,
        trajectoryBytes: e.STUDIO_LLM_MAX_TRAJECTORY_BYTES,
        trajectoryTokens: e.STUDIO_LLM_MAX_TRAJECTORY_TOKENS,
      },
    },
    uploads: { maxBytes: e.STUDIO_UPLOAD_MAX_MB * 1024 * 1024 },
    auth: { secret: e.STUDIO_AUTH_SECRET, publicUrl: e.STUDIO_PUBLIC_URL, sessionDays: e.STUDIO_SESSION_DAYS },
  };
}

function allowedOrigins(list: string | undefined, baseUrl: string | undefined): string[] {
  const entries = list
    ? list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : baseUrl
      ? [baseUrl]
      : [];
  return entries.map((entry) => {
    try {
      return new URL(entry).origin;
    } catch {
      throw new ConfigError(`Invalid configuration in the environment: STUDIO_LLM_ALLOWED_BASE_URLS: "${entry}" is not a URL.`);
    }
  });
}

/** The configuration as it may be shown in a browser: passwords and keys never leave the server. */
export function publicConfig(config: StudioConfig) {
  return {
    database:
      config.database.kind === 'postgres'
        ? { kind: 'postgres' as const, url: redactUrl(config.database.url) }
        : { kind: 'pglite' as const, dataDir: config.database.dataDir, cacheMb: config.database.cacheMb },
    port: config.port,
    workers: config.workers,
    jobMonitorSeconds: config.jobMonitorSeconds,
    uploads: config.uploads,
    // What a person looks for first (offline or which endpoint) comes first; the limits last.
    llm: {
      mode: config.llm.baseUrl ? ('endpoint' as const) : ('offline' as const),
      baseUrl: config.llm.baseUrl ? withoutCredentials(config.llm.baseUrl) : null,
      model: config.llm.model ?? null,
      embeddingsModel: config.llm.embeddingsModel ?? null,
      apiKey: config.llm.apiKey ? 'set (hidden)' : null,
      allowedOrigins: config.llm.allowedOrigins ?? [],
      limits: config.llm.limits ?? DEFAULT_REPLY_LIMITS,
    },
  };
}

export type PublicConfig = ReturnType<typeof publicConfig>;

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

const SECRET_PARAM = /key|token|secret|password|signature|sig$/i;

/** A URL as a browser may see it: no user name, password or key-like query value. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const name of [...u.searchParams.keys()]) if (SECRET_PARAM.test(name)) u.searchParams.set(name, '***');
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}
