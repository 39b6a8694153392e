import { z } from 'zod';
import type { StudioConfig } from '../../config';
import type { Db } from '../../db/client';
import { domainGraphTools, domainIdsWithTools, latestEnvironmentVersion, saveEnvironmentVersion } from '../../db/queries/environments';
import { createLlm } from '../../llm/client';
import { generateHeuristic } from '../../pipeline/environment/heuristic';
import { generateWithLlm } from '../../pipeline/environment/llm-generator';
import type { EnvironmentContent } from '../../pipeline/environment/model';
import { validateEnvironment } from '../../pipeline/environment/validate';
import type { GraphTool } from '../../pipeline/graph/model';
import { getSandbox } from '../../pipeline/sandbox/sandbox';
import type { JobContext } from '../context';

export const envgenInput = z
  .object({
    domainIds: z.array(z.uuid()).max(100_000).optional(),
    all: z.boolean().default(false),
    generator: z.enum(['heuristic', 'llm']).default('heuristic'),
    seed: z.number().int().min(0).default(7),
  })
  .refine((i) => i.all || (i.domainIds && i.domainIds.length > 0), 'name domains (domainIds) or set all');
export type EnvgenInput = z.infer<typeof envgenInput>;

export type EnvgenRow = { domain: string; domainName: string; version: number; versionId: string; tables: number; tools: number; passed: number; valid: boolean };

type Generate = (tools: GraphTool[], config: StudioConfig, signal?: AbortSignal) => Promise<EnvironmentContent>;

const GENERATORS: Record<EnvgenInput['generator'], Generate> = {
  heuristic: async (tools) => generateHeuristic(tools),
  llm: async (tools, config, signal) => {
    const llm = createLlm(config.llm);
    if (!llm || !config.llm.model) throw new Error('the LLM generator needs STUDIO_LLM_BASE_URL and STUDIO_LLM_MODEL (offline: use heuristic)');
    // Temperature 0: a repair round should change what failed, not reroll everything else.
    const { content } = await generateWithLlm(tools, {
      complete: (m) => llm.complete(m, { signal, json: true, temperature: 0 }),
      validate: (c) => validateEnvironment(c, getSandbox(), { seed: 7 }),
      signal,
    });
    return content;
  },
};

/**
 * Generates, validates and saves a new environment version for each domain. Each domain is its
 * own version (and its own transaction): one failure is reported without losing the others.
 */
export async function runEnvgen(db: Db, config: StudioConfig, input: EnvgenInput, progress: (p: number, m: string) => Promise<void>, signal?: AbortSignal) {
  const ids = await domainIdsWithTools(db, input.all ? undefined : input.domainIds);
  if (ids.length === 0) throw new Error(input.all ? 'no domains with tools: build the graph first' : 'none of these domains exist or have tools');
  const rows: EnvgenRow[] = [];
  const failures: Array<{ domain: string; error: string }> = [];
  const generate = GENERATORS[input.generator];
  for (const [i, domainId] of ids.entries()) {
    await progress((i / ids.length) * 100, `Domain ${i + 1} of ${ids.length}`);
    try {
      const tools = await domainGraphTools(db, domainId);
      const content = await generate(tools, config, signal);
      const validation = await validateEnvironment(content, getSandbox(), { seed: input.seed });
      const parent = await latestEnvironmentVersion(db, domainId);
      const saved = await saveEnvironmentVersion(db, {
        domainId,
        parentId: parent?.id ?? null,
        generator: input.generator,
        message: `${input.generator === 'llm' ? 'LLM' : 'Heuristic'} generation: ${validation.passed} of ${content.tools.length} tools pass`,
        content,
        validation,
      });
      rows.push({ domain: domainId, domainName: saved.domainName, version: saved.number, versionId: saved.id, tables: content.schema.tables.length, tools: content.tools.length, passed: validation.passed, valid: validation.ok });
    } catch (e) {
      if (signal?.aborted) throw e;
      failures.push({ domain: domainId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { environments: rows, failures };
}

export const runEnvgenJob = (input: EnvgenInput, ctx: JobContext) => runEnvgen(ctx.db, ctx.config, input, (p, m) => ctx.progress(p, m), ctx.signal);
