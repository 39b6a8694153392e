import type { GraphEdge, GraphTool } from './model';

/**
 * The paper's LLM check inside a domain: similarity proposes edges, a model confirms that one tool
 * really depends on the other. Pure: the model is reached through the injected `complete`.
 */

export type CheckMessage = { role: 'system' | 'user' | 'assistant'; content: string };
export type CheckPair = { source: GraphTool; target: GraphTool; direction: GraphEdge['direction'] };
export type EdgeVerdict = { edge: number; keep: boolean; reason: string };
export type CompleteFn = (messages: CheckMessage[], opts: { signal?: AbortSignal }) => Promise<string>;

export type CheckEdgesOptions = {
  /** Tool id → domain key; only edges with both ends in one domain are sent to the model. */
  domainOf: Map<string, string>;
  batchSize?: number;
  /** Batches in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

/** `dropReason` rather than `reason`: an edge already carries the reason it was proposed. */
export type DroppedEdge = GraphEdge & { dropReason: string };
export type CheckEdgesResult = { kept: GraphEdge[]; dropped: DroppedEdge[]; checked: number; unparsed: number };

const DESCRIPTION_LIMIT = 300;
const NAME_LIMIT = 20;

const SYSTEM = [
  'You check a graph of API tools. Each numbered candidate edge joins two tools, A and B, of the same domain.',
  'For "A -> B", keep it only if B really depends on A: B needs what A returns (an id, a record), or B reads or changes the entity A reads or changes.',
  'For "A <-> B", keep it if either tool depends on the other in that sense.',
  'Drop edges between tools that merely sound alike but share no data or entity.',
  'Answer with strict JSON only, one verdict per edge, in this form:',
  '{"verdicts":[{"edge":1,"keep":true,"reason":"short reason"}]}',
].join('\n');

export function buildEdgeCheckPrompt(pairs: CheckPair[]): CheckMessage[] {
  const blocks = pairs.map((p, i) => {
    const arrow = p.direction === 'forward' ? '->' : '<->';
    return [`Edge ${i + 1}: ${p.source.name} ${arrow} ${p.target.name}`, `  A: ${describeTool(p.source)}`, `  B: ${describeTool(p.target)}`].join('\n');
  });
  const user = `Judge these ${pairs.length} candidate edges.\n\n${blocks.join('\n\n')}`;
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: user },
  ];
}

function describeTool(t: GraphTool): string {
  const description = t.description.replace(/\s+/g, ' ').trim();
  const short = description.length > DESCRIPTION_LIMIT ? `${description.slice(0, DESCRIPTION_LIMIT)}…` : description;
  const params = listNames(t.parameters?.properties);
  const returns = listNames((t.returns as { properties?: unknown } | null)?.properties);
  let line = short ? `${t.name} (${t.op}) — ${short}` : `${t.name} (${t.op})`;
  line += `; parameters: ${params || 'none'}`;
  if (returns) line += `; returns: ${returns}`;
  return line;
}

function listNames(properties: unknown): string {
  if (!properties || typeof properties !== 'object') return '';
  const names = Object.keys(properties);
  return names.slice(0, NAME_LIMIT).join(', ') + (names.length > NAME_LIMIT ? ', …' : '');
}

/**
 * Reads the model's verdicts for edges 1..count. A verdict that is missing or unreadable keeps its
 * edge and is counted in `unparsed`: a bad answer must never silently delete the graph.
 */
export function parseEdgeCheck(text: string, count: number): { verdicts: EdgeVerdict[]; unparsed: number } {
  const found = new Map<number, EdgeVerdict>();
  for (const item of verdictItems(findJson(text))) {
    const v = readVerdict(item);
    if (v && v.edge >= 1 && v.edge <= count && !found.has(v.edge)) found.set(v.edge, v);
  }
  const verdicts: EdgeVerdict[] = [];
  for (let edge = 1; edge <= count; edge++) verdicts.push(found.get(edge) ?? { edge, keep: true, reason: 'no readable verdict: kept' });
  return { verdicts, unparsed: count - found.size };
}

/** The JSON in an answer that may wrap it in code fences or prose. */
function findJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const candidates = [fenced, text, slice(text, '{', '}'), slice(text, '[', ']')];
  for (const c of candidates) {
    if (!c) continue;
    try {
      return JSON.parse(c.trim());
    } catch {
      // Try the next reading.
    }
  }
  return null;
}

function slice(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}

function verdictItems(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    const list = (json as Record<string, unknown>).verdicts ?? (json as Record<string, unknown>).edges;
    if (Array.isArray(list)) return list;
  }
  return [];
}

function readVerdict(item: unknown): EdgeVerdict | null {
  if (!item || typeof item !== 'object') return null;
  const o = item as Record<string, unknown>;
  const edge = Number(o.edge ?? o.id ?? o.index);
  const keep = readBoolean(o.keep);
  if (!Number.isInteger(edge) || keep === null) return null;
  return { edge, keep, reason: typeof o.reason === 'string' ? o.reason.trim() : '' };
}

function readBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'yes') return true;
    if (s === 'false' || s === 'no') return false;
  }
  return null;
}

/**
 * Sends the edges inside domains to the model in batches and drops those it rejects. Edges across
 * domains, or with an end the check does not know, are kept unchecked: the check is within a domain.
 */
export async function checkEdges(
  edges: GraphEdge[],
  toolsById: Map<string, GraphTool>,
  complete: CompleteFn,
  opts: CheckEdgesOptions,
): Promise<CheckEdgesResult> {
  const batchSize = Math.max(1, opts.batchSize ?? 20);
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const candidates: number[] = [];
  edges.forEach((e, i) => {
    const domain = opts.domainOf.get(e.source);
    if (domain !== undefined && domain === opts.domainOf.get(e.target) && toolsById.has(e.source) && toolsById.has(e.target)) candidates.push(i);
  });
  // One domain's edges together give the model the neighbouring tools in the same answer.
  candidates.sort((a, b) => compare(opts.domainOf.get(edges[a]!.source)!, opts.domainOf.get(edges[b]!.source)!) || a - b);

  const batches: number[][] = [];
  for (let i = 0; i < candidates.length; i += batchSize) batches.push(candidates.slice(i, i + batchSize));

  const rejected = new Map<number, string>();
  let unparsed = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      try {
        opts.signal?.throwIfAborted();
        const pairs = batch.map((i) => {
          const e = edges[i]!;
          return { source: toolsById.get(e.source)!, target: toolsById.get(e.target)!, direction: e.direction };
        });
        const parsed = parseEdgeCheck(await complete(buildEdgeCheckPrompt(pairs), { signal: opts.signal }), batch.length);
        unparsed += parsed.unparsed;
        for (const v of parsed.verdicts) if (!v.keep) rejected.set(batch[v.edge - 1]!, v.reason || 'rejected by the model');
      } catch (e) {
        // The other workers stop taking batches: the check has failed and further calls would be wasted.
        next = batches.length;
        throw e;
      }
      done += batch.length;
      opts.onProgress?.(done, candidates.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));

  const kept: GraphEdge[] = [];
  const dropped: DroppedEdge[] = [];
  edges.forEach((e, i) => {
    const reason = rejected.get(i);
    if (reason === undefined) kept.push(e);
    else dropped.push({ ...e, dropReason: reason });
  });
  return { kept, dropped, checked: candidates.length, unparsed };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
