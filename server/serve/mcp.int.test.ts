import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE, GET, POST } from '../../app/api/mcp/[versionId]/route';
import { POST as storeRoute } from '../../app/api/mcp/[versionId]/trajectory/route';
import { addApiKey } from '../auth/api-keys';
import type { TaskRow } from '../db/queries/tasks';
import { tasks as tasksTable, trajectories } from '../db/schema';
import { diffStates } from '../pipeline/kernel/state';
import { runDemo } from '../stages/demo';
import { openStudio, type Studio } from '../studio';
import { createTestDatabase, type TestDatabase } from '../testing/databases';
import { serveStudioToRoutes } from '../testing/route-studio';
import { serveRoutesOverHttp } from '../testing/route-server';
import { addTestUser } from '../testing/users';
import { openMcpSessions } from './mcp';
import { versionKit } from './play';

const MCP = /^\/api\/mcp\/([^/]+)$/;
const STORE = /^\/api\/mcp\/([^/]+)\/trajectory$/;

describe('MCP server per environment version', () => {
  let t: TestDatabase;
  let studio: Studio;
  let release: () => void;
  let http: { url: string; close(): Promise<void> };
  let tasks: TaskRow[];
  let key: string;
  let curatorKey: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('pglite', {}, { migrated: true });
    studio = await openStudio({ config: t.config, workers: 0 });
    release = serveStudioToRoutes(studio).release;
    const demo = await runDemo(studio.database.db, studio.config, async () => {}, { tasksPerDomain: 4 });
    expect(demo.failures).toEqual([]);
    tasks = (await studio.database.db.select().from(tasksTable).orderBy(tasksTable.seq)) as TaskRow[];
    key = (await addApiKey(studio.database.db, { email: (await addTestUser(studio, 'reviewer')).email })).key;
    curatorKey = (await addApiKey(studio.database.db, { email: (await addTestUser(studio, 'curator')).email })).key;
    http = await serveRoutesOverHttp((path) => {
      const mcp = MCP.exec(path);
      if (mcp) {
        const handlers = { GET, POST, DELETE } as Record<string, typeof POST>;
        return (request) => handlers[request.method]!(request, { params: Promise.resolve({ versionId: mcp[1]! }) });
      }
      const store = STORE.exec(path);
      if (store) return (request) => storeRoute(request, { params: Promise.resolve({ versionId: store[1]! }) });
      return null;
    });
  }, 300_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    await http?.close();
    release?.();
    await studio?.close();
    await t?.cleanup();
  });

  /** The SDK's own client over HTTP, with an API key. */
  async function connect(versionId: string, opts: { task?: string; bearer?: string } = {}) {
    const transport = new StreamableHTTPClientTransport(new URL(`${http.url}/api/mcp/${versionId}${opts.task ? `?task=${opts.task}` : ''}`), {
      requestInit: { headers: { authorization: `Bearer ${opts.bearer ?? key}` } },
    });
    const client = new Client({ name: 'studio-test', version: '1.0.0' });
    await client.connect(transport);
    clients.push(client);
    return { client, sessionId: transport.sessionId! };
  }

  const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  const textOf = (r: CallToolResult) => (r.content[0] as { text: string }).text;

  const store = async (versionId: string, sessionId: string, bearer = curatorKey) => {
    const res = await fetch(`${http.url}/api/mcp/${versionId}/trajectory`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId }),
    });
    return { status: res.status, body: await res.json() };
  };

  it('lists the version’s tools with their schemas; a write is seen by a later read of its session, not by another session', { timeout: 120_000 }, async () => {
    const first = tasks[0]!;
    const kit = await versionKit(studio.database.db, first.environmentVersionId);
    const { client } = await connect(first.environmentVersionId);
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(kit.tools.map((x) => x.function.name).sort());
    for (const tool of tools) {
      const spec = kit.tools.find((x) => x.function.name === tool.name)!;
      expect(tool.inputSchema).toMatchObject({ type: 'object', ...spec.function.parameters });
      expect(tool.description).toBe(spec.function.description);
    }

    // Tasks whose gold calls change a row: session A makes the calls, B (same task) does not; some
    // read of the changed row (a read tool given its key, or one of the task's own reads) tells them apart.
    let seen: string | null = null;
    for (const task of tasks.filter((x) => !x.readOnly && diffStates(x.initialState, x.finalState).length > 0)) {
      const taskKit = await versionKit(studio.database.db, task.environmentVersionId);
      const a = await connect(task.environmentVersionId, { task: task.id });
      const b = await connect(task.environmentVersionId, { task: task.id });
      expect(a.sessionId).not.toBe(b.sessionId);
      for (const gold of task.calls) {
        const r = await call(a.client, gold.name, gold.arguments);
        expect(r.isError, textOf(r)).toBeFalsy();
        expect(JSON.parse(textOf(r))).toEqual(gold.result ?? null);
      }
      const [change] = diffStates(task.initialState, task.finalState);
      const reads = [
        ...task.calls.filter((c) => c.op === 'read').map((c) => ({ name: c.name, args: c.arguments })),
        ...taskKit.content.tools
          .filter((x) => x.op === 'read' && ((x.parameters.required as string[] | undefined) ?? []).length === 1)
          .map((x) => ({ name: x.name, args: { [(x.parameters.required as string[])[0]!]: change!.key } })),
      ];
      for (const read of reads) {
        const [inA, inB] = [await call(a.client, read.name, read.args), await call(b.client, read.name, read.args)];
        if (!inA.isError && textOf(inA) !== textOf(inB)) seen = `${read.name} sees ${change!.table} ${change!.key} changed in the writing session only`;
      }
      // Ending a session (DELETE) frees it on the server.
      const before = openMcpSessions();
      await (b.client.transport as StreamableHTTPClientTransport).terminateSession();
      expect(openMcpSessions()).toBe(before - 1);
      if (seen) break;
    }
    console.log(`mcp: ${tools.length} tools; ${seen}`);
    expect(seen).not.toBeNull();
  });

  it('the gold calls of tasks replayed over MCP, stored as trajectories, verify as passed', { timeout: 120_000 }, async () => {
    const picked = [...tasks.filter((x) => x.readOnly).slice(0, 2), ...tasks.filter((x) => !x.readOnly).slice(0, 4)];
    for (const task of picked) {
      const { client, sessionId } = await connect(task.environmentVersionId, { task: task.id, bearer: curatorKey });
      for (const gold of task.calls) expect((await call(client, gold.name, gold.arguments)).isError).toBeFalsy();
      const stored = await store(task.environmentVersionId, sessionId);
      expect(stored.status, JSON.stringify(stored.body)).toBe(200);
      expect(stored.body).toMatchObject({
        taskId: task.id,
        calls: task.calls.length,
        status: 'completed',
        passed: true,
        filters: { validity: true, state: true },
      });
      const [row] = await studio.database.db.select().from(trajectories).where(eq(trajectories.id, stored.body.trajectoryId));
      expect(row).toMatchObject({ taskId: task.id, passed: true, runId: stored.body.runId });
      expect(row!.policies.agent).toEqual({ kind: 'external', model: 'mcp' });
      // The stored session is over.
      expect((await store(task.environmentVersionId, sessionId)).status).toBe(404);
    }

    // A session that skipped the writes does not pass.
    const task = tasks.find((x) => !x.readOnly && diffStates(x.initialState, x.finalState).length > 0)!;
    const { sessionId } = await connect(task.environmentVersionId, { task: task.id, bearer: curatorKey });
    const skipped = await store(task.environmentVersionId, sessionId);
    expect(skipped.body).toMatchObject({ passed: false, filters: { state: false } });
  });

  it('a viewer lists tools but cannot call them; a bad key cannot connect; storing needs a task and a curator', { timeout: 60_000 }, async () => {
    const task = tasks[0]!;
    const viewerKey = (await addApiKey(studio.database.db, { email: (await addTestUser(studio, 'viewer')).email })).key;
    const viewer = await connect(task.environmentVersionId, { bearer: viewerKey });
    expect((await viewer.client.listTools()).tools.length).toBeGreaterThan(0);
    await expect(call(viewer.client, task.calls[0]!.name, task.calls[0]!.arguments)).rejects.toThrow(/Your role \(viewer\) cannot run environments/);

    await expect(connect(task.environmentVersionId, { bearer: 'es_wrong' })).rejects.toThrow();
    const raw = await fetch(`${http.url}/api/mcp/${task.environmentVersionId}`, {
      method: 'POST',
      headers: { authorization: 'Bearer es_wrong', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    });
    expect(raw.status).toBe(401);

    // Without ?task the session runs on the version's initial data, and cannot be stored; only its owner, a curator, may store one.
    const free = await connect(task.environmentVersionId, { bearer: curatorKey });
    const r = await call(free.client, task.calls[0]!.name, task.calls[0]!.arguments);
    expect(r.content[0]).toMatchObject({ type: 'text' });
    expect((await store(task.environmentVersionId, free.sessionId)).body.error).toMatch(/did not start from a task/);
    const reviewerStore = await store(task.environmentVersionId, free.sessionId, key);
    expect(reviewerStore.status).toBe(403);
    await expect(call(free.client, 'no_such_tool', {})).rejects.toThrow(/Unknown tool "no_such_tool"/);
  });
});
