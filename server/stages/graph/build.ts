import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { StudioConfig } from '../../config';
import type { Db } from '../../db/client';
import { loadGraphTools, saveGraphBuild, type GraphBuildRow } from '../../db/queries/graph';
import { lockedForBuild } from './keep-whole';
import { createLlm } from '../../llm/client';
import { buildGraph } from '../../pipeline/graph/build';
import { checkEdges } from '../../pipeline/graph/llm-check';
import { type GraphEdge, type GraphResult, type GraphTool } from '../../pipeline/graph/model';
import { vectorsFromEmbeddings } from '../../pipeline/graph/vectors';
import type { GraphJobInput } from '../inputs';
import { plural } from '../../../lib/text/plural';

type Progress = (percent: number, message: string) => Promise<void>;

/** What an embeddings endpoint is given for a tool: its parameters first, as the paper's φ(P). */
const embeddingText = (t: GraphTool) =>
  `${t.name}: ${Object.entries(t.parameters.properties ?? {})
    .map(([k, v]) => `${k}${typeof (v as { description?: unknown }).description === 'string' ? ` (${(v as { description: string }).description})` : ''}`)
    .join(', ')}. ${t.description}`.slice(0, 2000);

/**
 * Builds the tool graph and its domains over every tool, keeping locked domains and collections
 * kept whole, and saves it.
 * Shared by the job and the CLI, which differ only in how they report progress.
 */
export async function runGraphBuild(db: Db, config: StudioConfig, input: GraphJobInput, progress: Progress, signal?: AbortSignal) {
  const t0 = performance.now();
  await progress(2, 'Loading tools');
  const tools = await loadGraphTools(db);
  if (tools.length < 2) throw new Error(`the graph needs at least two tools; ${tools.length} imported (import a collection first)`);
  const { locked, whole, kept } = await lockedForBuild(db, tools, input.keepWhole);

  const llm = createLlm(config.llm);
  let vectors;
  if (input.vectors === 'embeddings') {
    if (!llm) throw new Error('embeddings were asked for, but no endpoint is configured (STUDIO_LLM_BASE_URL); use the lexical vectors offline');
    await progress(5, `Embedding ${plural(tools.length, 'tool')}`);
    const embedded = await llm.embed(tools.map(embeddingText), {
      signal,
      onProgress: (done, total) => void progress(5 + 30 * (done / total), `Embedded ${done} of ${total} tools`).catch(() => {}),
    });
    vectors = vectorsFromEmbeddings(embedded);
  }

  await progress(40, `Joining ${plural(tools.length, 'tool')} by parameter similarity`);
  // Yield before the CPU-bound part so the progress above is written and seen.
  await yieldToLoop();
  const result: GraphResult = buildGraph(tools, input, { vectors, locked });

  let llmCheck: GraphBuildRow['llmCheck'] = { ran: false, note: 'skipped: no LLM endpoint configured (offline)' };
  if (!input.llmCheck) llmCheck = { ran: false, note: 'skipped: turned off for this build' };
  else if (llm && config.llm.model) {
    await progress(70, 'Asking the model to confirm edges inside domains');
    const domainOf = new Map<string, string>();
    for (const d of result.domains) for (const id of d.toolIds) domainOf.set(id, d.key);
    const byId = new Map(tools.map((t) => [t.id, t]));
    const checked = await checkEdges(result.edges, byId, (messages) => llm.complete(messages, { signal, json: true }), {
      domainOf,
      signal,
      onProgress: (done: number, total: number) => void progress(70 + 20 * (done / total), `Checked ${done} of ${plural(total, 'edge')}`).catch(() => {}),
    });
    const dropped = new Set(checked.dropped.map((e: GraphEdge) => `${e.source}\u0000${e.target}`));
    result.edges = result.edges.filter((e) => !dropped.has(`${e.source}\u0000${e.target}`));
    result.stats.edges = result.edges.length;
    llmCheck = {
      ran: true,
      note: `${config.llm.model} dropped ${plural(checked.dropped.length, 'edge')}`,
      dropped: checked.dropped.length,
      unparsed: checked.unparsed,
    };
  } else if (llm) llmCheck = { ran: false, note: 'skipped: no chat model configured (STUDIO_LLM_MODEL)' };

  await progress(92, `Saving ${plural(result.edges.length, 'edge')} and ${plural(result.domains.length, 'domain')}`);
  const build = await saveGraphBuild(db, { params: { ...input, keepWhole: whole.keep }, result, llmCheck, whole });
  return {
    buildId: build.id,
    tools: result.stats.tools,
    edges: result.stats.edges,
    domains: result.stats.domains,
    unassigned: result.stats.unassigned,
    modularity: result.modularity,
    /** Previous domains found again (kept with everything on them), retired, and domains made anew. */
    kept: build.plan.kept.length,
    retired: build.plan.retired.length,
    created: build.plan.created,
    llmCheck: llmCheck.note,
    keptWhole: kept.map((c) => ({ id: c.id, name: c.name, tools: whole.domains.find((d) => d.collectionId === c.id)?.toolIds.length ?? 0 })),
    seconds: Math.round((performance.now() - t0) / 10) / 100,
  };
}
