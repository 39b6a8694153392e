import type { Db } from '../../db/client';
import { graphToolsSignature, loadGraphTools } from '../../db/queries/graph';
import { lockedForBuild } from './keep-whole';
import { countOffThread } from './preview-thread';
import type { GraphParams, GraphTool } from '../../pipeline/graph/model';
import type { PreviewCounts } from '../../pipeline/graph/preview';

/** Previews kept per setting: moving the slider back and forth costs nothing the second time. */
const RESULTS_KEPT = 64;

type Tools = { key: string; tools: Array<GraphTool & { collectionId: string }> };
const KEY = Symbol.for('environment-studio.graph-preview');
type PreviewCache = { tools?: Tools; results: Map<string, PreviewCounts> };
type Global = typeof globalThis & { [KEY]?: PreviewCache };

function cache(): PreviewCache {
  const g = globalThis as Global;
  return (g[KEY] ??= { results: new Map<string, PreviewCounts>() });
}

/**
 * Edge and domain counts for a setting before a rebuild, as the build would find them. The work runs
 * on the preview thread (preview-thread.ts), so the server keeps answering meanwhile; results
 * are kept per setting and tool set. Collections kept whole (`keepWhole`, else the remembered ones)
 * are left out of the clustering as in a build.
 */
export async function previewGraph(db: Db, params: GraphParams, keepWhole?: string[]): Promise<PreviewCounts & { seconds: number; cached: boolean }> {
  const t0 = performance.now();
  const { key: toolsKey, tools } = await currentTools(db);
  const { locked } = await lockedForBuild(db, tools, keepWhole);

  const baseKey = threadKey(toolsKey, params);
  const resultKey = JSON.stringify([baseKey, params, locked.map((d) => [d.key, d.toolIds.length, d.toolIds[0]])]);
  const seconds = () => Math.round(performance.now() - t0) / 1000;
  const c = cache();
  const kept = c.results.get(resultKey);
  if (kept) return { ...kept, seconds: seconds(), cached: true };

  const counts = await countOffThread(baseKey, async () => tools, params, locked);
  c.results.set(resultKey, counts);
  if (c.results.size > RESULTS_KEPT) c.results.delete(c.results.keys().next().value!);
  return { ...counts, seconds: seconds(), cached: false };
}

/** The tool set's key on the preview thread: its similarity pass depends on these settings too. */
export const threadKey = (toolsKey: string, params: Pick<GraphParams, 'maxNeighbours' | 'duplicate'>) =>
  `${toolsKey}:${params.maxNeighbours}:${params.duplicate}`;

/**
 * Today's graph tools, loaded again only when their signature changed (tools imported, replaced,
 * dropped or brought back), with that signature as their key.
 */
export async function currentTools(db: Db): Promise<Tools> {
  const key = await graphToolsSignature(db);
  const c = cache();
  if (c.tools?.key !== key) c.tools = { key, tools: await loadGraphTools(db) };
  return c.tools;
}
