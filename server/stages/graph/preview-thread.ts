import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PreviewReply, PreviewRequest } from './preview-worker';
import type { LockedDomain } from '../../pipeline/graph/communities';
import type { Domain, GraphParams, GraphTool } from '../../pipeline/graph/model';
import type { PreviewCounts } from '../../pipeline/graph/preview';

/**
 * The worker thread that computes graph previews (preview-worker.ts), started on first use
 * and kept: it holds the last tool set's similarity pass. It runs the TypeScript entry through tsx
 * (a dependency of the project), from the project root as every entry point runs, or from
 * $STUDIO_PREVIEW_WORKER. A thread that dies fails what it was doing; the next preview starts another.
 */
/** A preview of 30,000 tools takes seconds on a loaded machine; minutes means the thread is stuck. */
const PREVIEW_TIMEOUT_MS = 5 * 60_000;

class PreviewThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: PreviewReply) => void; reject: (e: Error) => void }>();
  private next = 1;
  dead = false;

  constructor(file: string) {
    this.worker = new Worker(file, { execArgv: ['--import', 'tsx'] });
    // The thread never keeps a CLI or a test process alive on its own.
    this.worker.unref();
    this.worker.on('message', (reply: PreviewReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (why: string) => {
      this.dead = true;
      for (const { reject } of this.pending.values()) reject(new Error(`the graph preview stopped: ${why}`));
      this.pending.clear();
    };
    this.worker.on('error', (err) => fail(err.message));
    this.worker.on('exit', (code) => fail(`its thread exited (code ${code})`));
  }

  /**
   * One request; it fails rather than waits forever when the thread is gone or does not answer in
   * time (a message posted to a thread that is exiting is dropped without an error).
   */
  ask(req: Omit<PreviewRequest, 'id'>, timeoutMs = PREVIEW_TIMEOUT_MS): Promise<PreviewReply> {
    if (this.dead) return Promise.reject(new Error('the graph preview stopped: its thread is gone'));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the graph preview did not answer within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      timer.unref();
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          f(v);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.worker.postMessage({ ...req, id } satisfies PreviewRequest);
    });
  }
}

/**
 * The worker's file, found at run time. Resolved apart from `new Worker()`: given the path inline,
 * Next.js's bundler (Turbopack) takes `process.cwd()` for a module to trace and tries to compile the
 * whole project folder, and the build fails.
 */
function previewWorkerPath(): string {
  const file = process.env.STUDIO_PREVIEW_WORKER ?? path.join(process.cwd(), 'server', 'stages', 'graph', 'preview-worker.ts');
  if (!fs.existsSync(/*turbopackIgnore: true*/ file))
    throw new Error(`the graph preview worker was not found at ${file}; run the studio from its project folder`);
  return file;
}

const KEY = Symbol.for('environment-studio.graph-preview-thread');
type Global = typeof globalThis & { [KEY]?: PreviewThread };

function thread(): PreviewThread {
  const g = globalThis as Global;
  if (!g[KEY] || g[KEY].dead) g[KEY] = new PreviewThread(previewWorkerPath());
  return g[KEY];
}

async function askWithTools(req: Omit<PreviewRequest, 'id' | 'tools'>, tools: () => Promise<GraphTool[]>): Promise<PreviewReply & { ok: true }> {
  let reply = await thread().ask(req);
  if (!reply.ok && reply.missingBase) reply = await thread().ask({ ...req, tools: await tools() });
  if (!reply.ok) throw new Error(`the graph preview failed: ${reply.error}`);
  return reply;
}

/**
 * Counts for `params` over the tools `baseKey` names, computed off this thread. `tools()` is
 * called only when the thread does not hold that tool set yet.
 */
export async function countOffThread(baseKey: string, tools: () => Promise<GraphTool[]>, params: GraphParams, locked: LockedDomain[]): Promise<PreviewCounts> {
  return (await askWithTools({ kind: 'counts', baseKey, params, locked }, tools)).counts!;
}

/** The domains a build with `params` finds (lexical vectors), computed off this thread. */
export async function domainsOffThread(baseKey: string, tools: () => Promise<GraphTool[]>, params: GraphParams, locked: LockedDomain[]): Promise<Domain[]> {
  return (await askWithTools({ kind: 'domains', baseKey, params, locked }, tools)).domains!;
}
