import path from 'node:path';
import { z } from 'zod';

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
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Workers inside the web server process; 0 leaves all work to `npm run worker`. */
  STUDIO_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** How often pg-boss looks for jobs whose worker stopped sending heartbeats. */
  STUDIO_JOB_MONITOR_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  STUDIO_LLM_BASE_URL: z.string().trim().url().optional().or(z.literal('').transform(() => undefined)),
  STUDIO_LLM_API_KEY: z.string().optional(),
  STUDIO_LLM_MODEL: z.string().trim().optional().or(z.literal('').transform(() => undefined)),
  STUDIO_EMBEDDINGS_MODEL: z.string().trim().optional().or(z.literal('').transform(() => undefined)),
});

export type StudioConfig = {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  port: number;
  workers: number;
  jobMonitorSeconds: number;
  llm: { baseUrl?: string; apiKey?: string; model?: string; embeddingsModel?: string };
};

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
      : { kind: 'pglite', dataDir: path.resolve(e.STUDIO_DATA_DIR) },
    port: e.PORT,
    workers: e.STUDIO_WORKERS,
    jobMonitorSeconds: e.STUDIO_JOB_MONITOR_SECONDS,
    llm: {
      baseUrl: e.STUDIO_LLM_BASE_URL,
      apiKey: e.STUDIO_LLM_API_KEY || undefined,
      model: e.STUDIO_LLM_MODEL,
      embeddingsModel: e.STUDIO_EMBEDDINGS_MODEL,
    },
  };
}

/** The configuration as it may be shown in a browser: passwords and keys never leave the server. */
export function publicConfig(config: StudioConfig) {
  return {
    database:
      config.database.kind === 'postgres'
        ? { kind: 'postgres' as const, url: redactUrl(config.database.url) }
        : { kind: 'pglite' as const, dataDir: config.database.dataDir },
    port: config.port,
    workers: config.workers,
    jobMonitorSeconds: config.jobMonitorSeconds,
    llm: {
      baseUrl: config.llm.baseUrl ?? null,
      apiKey: config.llm.apiKey ? 'set (hidden)' : null,
      model: config.llm.model ?? null,
      embeddingsModel: config.llm.embeddingsModel ?? null,
      mode: config.llm.baseUrl ? ('endpoint' as const) : ('offline' as const),
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
