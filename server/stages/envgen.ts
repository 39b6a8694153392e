import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { domainGraphTools, domainIdsWithTools, latestEnvironmentVersion, saveEnvironmentVersion } from '../db/queries/environments';
import { createLlm } from '../llm/client';
import { getEnvironmentDataFile } from '../db/queries/environment-data';
import type { DataFile } from '../pipeline/environment/grounded/data-file';
import { generateGrounded } from '../pipeline/environment/grounded/generate';
import { generateHeuristic } from '../pipeline/environment/heuristic';
import { generateWithLlm } from '../pipeline/environment/llm-generator';
import type { EnvironmentContent } from '../pipeline/environment/model';
import { validateEnvironment } from '../pipeline/environment/validate';
import type { GraphTool } from '../pipeline/graph/model';
import { getSandbox } from '../pipeline/sandbox/sandbox';
import { referenceFeedback } from '../pipeline/reference/feedback';
import type { ReferenceFile } from '../pipeline/reference/format';
import { missingTools, replayTasks } from '../pipeline/reference/replay';
import { scoreReplay } from '../pipeline/reference/score';
import type { EnvgenInput } from './inputs';

export type EnvgenRow = {
  domain: string;
  domainName: string;
  version: number;
  versionId: string;
  tables: number;
  tools: number;
  passed: number;
  valid: boolean;
  data: string | null;
  notes: string[];
};

type Generated = { content: EnvironmentContent; notes?: string[] };
type GenerateContext = { config: StudioConfig; data: DataFile | null; reference?: ReferenceFile; signal?: AbortSignal };
type Generate = (tools: GraphTool[], ctx: GenerateContext) => Promise<Generated>;

/** Rows of each table the LLM is shown, taken in key order. */
const SAMPLE_ROWS = 2;

const GENERATORS: Record<EnvgenInput['generator'], Generate> = {
  heuristic: async (tools, { data }) => (data ? generateGrounded(tools, data) : { content: generateHeuristic(tools) }),
  llm: async (tools, { config, data, reference, signal }) => {
    const llm = createLlm(config.llm);
    if (!llm || !config.llm.model) throw new Error('the LLM generator needs STUDIO_LLM_BASE_URL and STUDIO_LLM_MODEL (offline: use heuristic)');
    // The data's schema as the grounded generator learns it (statuses its tools set included).
    const schema = data ? generateGrounded(tools, data).content.schema : undefined;
    const samples = data ? Object.fromEntries(Object.entries(data.state).map(([table, rows]) => [table, Object.entries(rows).slice(0, SAMPLE_ROWS)])) : {};
    // Temperature 0: a repair round should change what failed, not reroll everything else.
    const { content, log } = await generateWithLlm(tools, {
      complete: (m) => llm.complete(m, { signal, json: true, temperature: 0 }),
      validate: (c) => validateEnvironment(c, getSandbox(), { seed: 7, state: data?.state }),
      evidence: schema ? { data: { schema, samples } } : {},
      check: reference && data ? async (c) => referenceFeedback(await scoreOn(c, data, reference, signal)) : undefined,
      signal,
    });
    return { content, notes: log };
  },
};

async function scoreOn(content: EnvironmentContent, data: DataFile, reference: ReferenceFile, signal?: AbortSignal) {
  const runnable = reference.tasks.filter((t) => missingTools(content, [t]).length === 0);
  const replayed = await replayTasks(content, data.state, runnable, getSandbox(), { signal });
  return scoreReplay({ ...reference, tasks: runnable }, replayed, { schema: content.schema, state: data.state });
}

/**
 * Generates, validates and saves a new environment version for each domain. Each domain is its
 * own version (and its own transaction): one failure is reported without losing the others.
 */
export async function runEnvgen(
  db: Db,
  config: StudioConfig,
  input: EnvgenInput,
  progress: (p: number, m: string) => Promise<void>,
  signal?: AbortSignal,
  opts: { reference?: ReferenceFile } = {},
) {
  const ids = await domainIdsWithTools(db, input.all ? undefined : input.domainIds);
  if (ids.length === 0) throw new Error(input.all ? 'no domains with tools: build the graph first' : 'none of these domains exist or have tools');
  const rows: EnvgenRow[] = [];
  const failures: Array<{ domain: string; error: string }> = [];
  const generate = GENERATORS[input.generator];
  for (const [i, domainId] of ids.entries()) {
    await progress((i / ids.length) * 100, `Domain ${i + 1} of ${ids.length}`);
    try {
      const tools = await domainGraphTools(db, domainId);
      const parent = await latestEnvironmentVersion(db, domainId);
      const dataId = input.dataId ?? parent?.dataId ?? null;
      const data = dataId ? await getEnvironmentDataFile(db, dataId) : null;
      if (dataId && !data) throw new Error(`no stored database ${dataId}`);
      if (data && data.summary.domainId !== domainId) throw new Error(`database ${data.summary.fileName} belongs to another domain`);
      const { content, notes = [] } = await generate(tools, { config, data, reference: opts.reference, signal });
      const validation = await validateEnvironment(content, getSandbox(), { seed: input.seed, state: data?.state });
      const saved = await saveEnvironmentVersion(db, {
        domainId,
        parentId: parent?.id ?? null,
        generator: input.generator,
        message: `${input.generator === 'llm' ? 'LLM' : 'Heuristic'} generation${data ? ` from ${data.summary.fileName}` : ''}: ${validation.passed} of ${content.tools.length} tools pass`,
        content,
        validation,
        dataId,
      });
      rows.push({
        domain: domainId,
        domainName: saved.domainName,
        version: saved.number,
        versionId: saved.id,
        tables: content.schema.tables.length,
        tools: content.tools.length,
        passed: validation.passed,
        valid: validation.ok,
        data: data?.summary.fileName ?? null,
        notes,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      failures.push({ domain: domainId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { environments: rows, failures };
}
