import { parentPort } from 'node:worker_threads';
import { buildGraph } from '../../pipeline/graph/build';
import type { LockedDomain } from '../../pipeline/graph/communities';
import type { Domain, GraphParams, GraphTool } from '../../pipeline/graph/model';
import { previewBase, previewCounts, type PreviewBase } from '../../pipeline/graph/preview';

/**
 * A request to the preview thread: the counts of a preview, or the domains of a whole build (a dry
 * run). `tools` comes only when the thread does not hold `baseKey` yet.
 */
export type PreviewRequest = { id: number; kind: 'counts' | 'domains'; baseKey: string; tools?: GraphTool[]; params: GraphParams; locked: LockedDomain[] };
export type PreviewReply =
  { id: number; ok: true; counts?: ReturnType<typeof previewCounts>; domains?: Domain[] } | { id: number; ok: false; missingBase?: true; error: string };

/**
 * The graph preview's thread: the similarity pass and Louvain take seconds at 30,000 tools, which
 * on the server's own thread would hold every other request (a health check waited 11 s).
 * It keeps the last tool set and its similarity pass, so a new τ costs only the clustering. A dry
 * run's whole build runs here too, for the same reason.
 */
let held: { key: string; tools: GraphTool[]; base?: PreviewBase } | undefined;

parentPort!.on('message', (req: PreviewRequest) => {
  let reply: PreviewReply;
  try {
    if (req.tools) held = { key: req.baseKey, tools: req.tools };
    if (!held || held.key !== req.baseKey) reply = { id: req.id, ok: false, missingBase: true, error: 'the preview thread does not hold these tools' };
    else if (req.kind === 'domains') reply = { id: req.id, ok: true, domains: buildGraph(held.tools, req.params, { locked: req.locked }).domains };
    else reply = { id: req.id, ok: true, counts: previewCounts((held.base ??= previewBase(held.tools, req.params)), req.params, req.locked) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
