import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { loadGraphTools } from './db/queries/graph';
import { rowsOf } from './db/rows';
import { lockedForBuild } from './graph-keep-whole';
import { countOffThread } from './graph-preview-thread';
import type { GraphParams, GraphTool } from './pipeline/graph/model';
import type { PreviewCounts } from './pipeline/graph/preview';

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
 * on the preview thread (graph-preview-thread.ts), so the server keeps answering meanwhile; results
 * are kept per setting and tool set. Collections kept whole (`keepWhole`, else the remembered ones)
 * are left out of the clustering as in a build.
 */
export async function previewGraph(db: Db, params: GraphParams, keepWhole?: string[]): Promise<PreviewCounts & { seconds: number; cached: boolean }> {
  const t0 = performance.now();
  const [sig] = rowsOf<{ n: number; h: string | null }>(await db.execute(sql`select count(*)::int as n, md5(string_agg(id::text, ',' order by id)) as h from tools`));
  const toolsKey = `${sig?.n}:${sig?.h}`;
  const c = cache();
  const loaded = async () => {
    if (c.tools?.key !== toolsKey) c.tools = { key: toolsKey, tools: await loadGraphTools(db) };
    return c.tools.tools;
  };
  const tools = await loaded();
  const { locked } = await lockedForBuild(db, tools, keepWhole);

  const baseKey = `${toolsKey}:${params.maxNeighbours}:${params.duplicate}`;
  const resultKey = JSON.stringify([baseKey, params, locked.map((d) => [d.key, d.toolIds.length, d.toolIds[0]])]);
  const seconds = () => Math.round(performance.now() - t0) / 1000;
  const kept = c.results.get(resultKey);
  if (kept) return { ...kept, seconds: seconds(), cached: true };

  const counts = await countOffThread(baseKey, loaded, params, locked);
  c.results.set(resultKey, counts);
  if (c.results.size > RESULTS_KEPT) c.results.delete(c.results.keys().next().value!);
  return { ...counts, seconds: seconds(), cached: false };
}
