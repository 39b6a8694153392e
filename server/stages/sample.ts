import type { StudioConfig } from '../config';
import type { Db } from '../db/client';
import { domainGraphTools, domainIdsWithTools, latestEnvironmentVersion } from '../db/queries/environments';
import { edgesAmong } from '../db/queries/graph';
import { saveTasks } from '../db/queries/tasks';
import { createLlm } from '../llm/client';
import { getSandbox } from '../pipeline/sandbox/sandbox';
import { llmIntent, type IntentContext } from '../pipeline/tasks/intent';
import type { GoldCall } from '../pipeline/tasks/model';
import { sampleTasks } from '../pipeline/tasks/walk';
import { versionInitialState } from './environment-data';
import { readableCalls, type ReadableCall } from './tasks';
import type { SampleJobInput } from './inputs';

export type SampledDomain = { domain: string; domainName: string; version: number; sampled: number; stored: number; duplicates: number; notes: string[] };
export type SampledTask = { id: string; domain: string; domainName: string; readOnly: boolean; intent: string; calls: ReadableCall[] };

type Progress = (percent: number, message: string) => Promise<void>;

/**
 * Samples tasks on each domain's latest environment version and stores the new ones. Domains are
 * independent: one without an environment is reported, the others go on.
 */
export async function runSample(db: Db, config: StudioConfig, input: SampleJobInput, progress: Progress, signal?: AbortSignal) {
  const ids = await domainIdsWithTools(db, input.all ? undefined : input.domainIds);
  if (ids.length === 0) throw new Error(input.all ? 'no domains with tools: build the graph first' : 'none of these domains exist or have tools');
  const writeIntent = intentWriter(config, input.intentWriter, signal);
  const domains: SampledDomain[] = [];
  const tasks: SampledTask[] = [];
  const failures: Array<{ domain: string; error: string }> = [];
  for (const [i, domainId] of ids.entries()) {
    await progress((i / ids.length) * 100, `Domain ${i + 1} of ${ids.length}`);
    try {
      const version = await latestEnvironmentVersion(db, domainId);
      if (!version) throw new Error('no environment version: generate the environment first');
      const tools = await domainGraphTools(db, domainId);
      const edges = await edgesAmong(
        db,
        tools.map((t) => t.id),
      );
      const result = await sampleTasks(
        {
          content: version.content,
          edges,
          descriptions: Object.fromEntries(tools.map((t) => [t.id, t.description])),
          initialState: version.dataId ? await versionInitialState(db, version) : undefined,
        },
        getSandbox(),
        input.settings,
        { writeIntent, signal },
      );
      const saved = await saveTasks(db, { environmentVersionId: version.id, domainId, domainName: version.domainName, settings: input.settings }, result.tasks);
      domains.push({
        domain: domainId,
        domainName: version.domainName,
        version: version.number,
        sampled: result.tasks.length,
        stored: saved.ids.size,
        duplicates: saved.duplicates,
        notes: result.notes,
      });
      for (const t of result.tasks) {
        const id = saved.ids.get(t.fingerprint);
        if (id) tasks.push({ id, domain: domainId, domainName: version.domainName, readOnly: t.readOnly, intent: t.intent, calls: readableCalls(t.calls) });
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      failures.push({ domain: domainId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { domains, tasks, failures };
}

/** The LLM writer when asked for (and configured); the sampler's offline template otherwise. */
function intentWriter(config: StudioConfig, writer: SampleJobInput['intentWriter'], signal?: AbortSignal) {
  if (writer === 'template') return undefined;
  const llm = createLlm(config.llm);
  if (!llm || !config.llm.model) throw new Error('the LLM intent writer needs STUDIO_LLM_BASE_URL and STUDIO_LLM_MODEL (offline: use template)');
  return (calls: GoldCall[], ctx: IntentContext) => llmIntent(calls, (m) => llm.complete(m, { signal, temperature: 0.7 }), ctx);
}
