import { parentPort } from 'node:worker_threads';
import type { LockedDomain } from './pipeline/graph/communities';
import type { GraphParams, GraphTool } from './pipeline/graph/model';
import { previewBase, previewCounts, type PreviewBase } from './pipeline/graph/preview';

/** A request to the preview thread; `tools` comes only when the thread does not hold `baseKey` yet. */
export type PreviewRequest = { id: number; baseKey: string; tools?: GraphTool[]; params: GraphParams; locked: LockedDomain[] };
export type PreviewReply = { id: number; ok: true; counts: ReturnType<typeof previewCounts> } | { id: number; ok: false; missingBase?: true; error: string };

/**
 * The graph preview's thread: the similarity pass and Louvain take seconds at 30,000 tools, which
 * on the server's own thread would hold every other request (a health check waited 11 s).
 * It keeps the last tool set's similarity pass, so a new τ costs only the clustering.
 */
let held: { key: string; base: PreviewBase } | undefined;

parentPort!.on('message', (req: PreviewRequest) => {
  let reply: PreviewReply;
  try {
    if (req.tools) held = { key: req.baseKey, base: previewBase(req.tools, req.params) };
    if (!held || held.key !== req.baseKey) reply = { id: req.id, ok: false, missingBase: true, error: 'the preview thread does not hold these tools' };
    else reply = { id: req.id, ok: true, counts: previewCounts(held.base, req.params, req.locked) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
