import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { appliedMigration } from '../db/migrations';
import { rowsOf } from '../db/rows';
import type { JobContext } from './context';

export const selfcheckInput = z.object({
  /** Round trips sampled to measure database latency; more probes give a steadier figure. */
  probes: z.number().int().min(1).max(10_000).default(20),
  probeIntervalMs: z.number().int().min(0).max(60_000).default(100),
});
export type SelfcheckInput = z.infer<typeof selfcheckInput>;

type Check = { name: string; ok: boolean; detail: string };
export type SelfcheckResult = { ok: boolean; checks: Check[]; latencyMs: { p50: number; p95: number; max: number } };

/**
 * Checks the parts the studio stands on — database, migrations, storage, the local Monaco copy,
 * the LLM endpoint when one is configured — then samples database latency over time.
 */
export async function runSelfcheck(input: SelfcheckInput, ctx: JobContext): Promise<SelfcheckResult> {
  const checks: Check[] = [];
  const steps: Array<[string, () => Promise<Check>]> = [
    ['database', () => checkDatabase(ctx)],
    ['migrations', () => checkMigrations(ctx)],
    ['storage', () => checkStorage(ctx)],
    ['monaco', () => checkMonaco()],
    ['llm endpoint', () => checkLlm(ctx)],
  ];
  for (const [i, [name, run]] of steps.entries()) {
    await ctx.progress((i / steps.length) * 20, `Checking ${name}`);
    checks.push(await run().catch((e: unknown) => ({ name, ok: false, detail: errorText(e) })));
  }
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) throw new Error(`Self-check found problems: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`);

  const samples: number[] = [];
  for (let i = 0; i < input.probes; i++) {
    const t0 = performance.now();
    await ctx.db.execute(sql`select 1`);
    samples.push(performance.now() - t0);
    await ctx.progress(20 + ((i + 1) / input.probes) * 80, `Latency probe ${i + 1} of ${input.probes}`);
    if (input.probeIntervalMs > 0 && i + 1 < input.probes) await sleep(input.probeIntervalMs, undefined, { signal: ctx.signal });
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0);
  return { ok: true, checks, latencyMs: { p50: at(0.5), p95: at(0.95), max: at(1) } };
}

async function checkDatabase(ctx: JobContext): Promise<Check> {
  const [row] = rowsOf<{ version: string }>(await ctx.db.execute(sql`select version() as version`));
  return { name: 'database', ok: true, detail: `${ctx.config.database.kind}: ${row?.version.split(' on ')[0] ?? 'unknown'}` };
}

async function checkMigrations(ctx: JobContext): Promise<Check> {
  const m = await appliedMigration(ctx.db);
  return { name: 'migrations', ok: m.pending === 0, detail: `${m.tag} applied, ${m.pending} pending` };
}

async function checkStorage(ctx: JobContext): Promise<Check> {
  const target = ctx.config.database;
  if (target.kind === 'postgres') return { name: 'storage', ok: true, detail: 'on the PostgreSQL server' };
  fs.accessSync(target.dataDir, fs.constants.W_OK);
  return { name: 'storage', ok: true, detail: `${target.dataDir} is writable` };
}

async function checkMonaco(): Promise<Check> {
  const loader = path.join(process.cwd(), 'public', 'monaco', 'vs', 'loader.js');
  const ok = fs.existsSync(loader);
  return { name: 'monaco', ok, detail: ok ? 'local copy present in public/monaco' : 'missing: run `npm run monaco:copy`' };
}

async function checkLlm(ctx: JobContext): Promise<Check> {
  const { baseUrl, apiKey } = ctx.config.llm;
  if (!baseUrl) return { name: 'llm endpoint', ok: true, detail: 'none configured: offline mode, skipped' };
  const res = await fetch(`${baseUrl.replace(/\/$/, '')}/models`, {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(5000)]),
  });
  return { name: 'llm endpoint', ok: res.ok, detail: `${baseUrl}/models answered ${res.status}` };
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  // fetch() hides the reason (refused, unknown host) in its cause.
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
}

const round = (x: number) => Math.round(x * 100) / 100;
