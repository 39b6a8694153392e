import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { can } from '../../lib/auth/roles';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db/client';
import { createRun } from '../db/queries/runs';
import type { TaskRow } from '../db/queries/tasks';
import { saveTrajectory } from '../db/queries/trajectories';
import { invalid, UserError } from '../kernel/errors';
import type { ExternalTurn } from '../pipeline/rollout/external-agent';
import { runSettings } from '../pipeline/rollout/settings';
import { createScriptedUser } from '../pipeline/rollout/scripted-user';
import type { Task } from '../pipeline/tasks/model';
import { versionInitialState } from '../stages/environment-data';
import { asTask, type VersionKit } from '../stages/rollout';
import { Plays, playableVersion, SERVE_LIMITS, startPlay, taskOfVersion, versionKit, type Play, type PlayResult } from './play';

/**
 * Every environment version as an MCP server (Streamable HTTP, the official SDK) at
 * /api/mcp/<versionId>: `tools/list` gives the version's tools with their JSON Schemas,
 * `tools/call` runs one in the sandbox on the session's own copy of the state: a task's initial
 * state with `?task=<taskId>`, else the version's initial data. A session is a rollout of the usual
 * loop whose agent is the MCP client (play.ts): its calls are recorded as a trajectory's steps and,
 * for a session started from a task, can be stored as a trajectory and verified against the task's
 * gold (`storeMcpSession`). Listing tools needs `read`; calling them needs `play`; storing, `curate`.
 *
 * The low-level `Server` rather than `McpServer`: the tools are the version's, described by JSON
 * Schema, which McpServer's registerTool (zod shapes) does not take.
 */

type McpSession = {
  id: string;
  ownerId: string;
  versionId: string;
  row: TaskRow | null;
  kit: VersionKit;
  startedAt: number;
  lastUsed: number;
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  /** The rollout, started at the first call (listing tools costs no sandbox). */
  play: Play | null;
  /** Set when the rollout ended (the call limit, a sandbox failure, or a store). */
  finished: PlayResult | null;
  calls: number;
  /** A store is under way: a second one is refused. */
  storing: boolean;
  /** Calls run one after another, in the order they came. */
  queue: Promise<unknown>;
  end(reason: string): void;
};

const sessions = new Plays<McpSession>(
  'MCP session',
  () => SERVE_LIMITS.mcpSessions,
  () => SERVE_LIMITS.mcpSessionsPerPerson,
);

/** MCP sessions open now, on this server (for tests). */
export const openMcpSessions = () => sessions.size;

const NO_TASK_INTENT = 'Tool calls from an MCP client.';

/**
 * One HTTP request to /api/mcp/<versionId>: an initialize POST opens a session (the answer's
 * `mcp-session-id` names it), later requests carry that id; DELETE ends it. `user` was checked
 * for `read` by the route; `taskId` is the `?task=` of the initialize request.
 */
export async function handleMcpRequest(db: Db, user: SessionUser, versionId: string, request: Request, taskId?: string): Promise<Response> {
  const authInfo = { token: '', clientId: user.id, scopes: can(user.role, 'play') ? ['play'] : [], extra: { role: user.role } };
  const sessionId = request.headers.get('mcp-session-id');
  if (sessionId) {
    const session = sessions.get(sessionId, user.id);
    if (session.versionId !== versionId) throw invalid(`MCP session ${sessionId} is of environment version ${session.versionId}, not ${versionId}.`);
    session.lastUsed = Date.now();
    return session.transport.handleRequest(request, { authInfo });
  }
  if (request.method !== 'POST') throw invalid('Open an MCP session first: POST an initialize request (without mcp-session-id).');

  sessions.reserve(user.id);
  const version = await playableVersion(db, versionId);
  const row = taskId ? await taskOfVersion(db, versionId, taskId) : null;
  const kit = await versionKit(db, versionId);
  const id = randomUUID();
  const server = new Server(
    { name: `environment-studio ${version.domainName} v${version.number}`, version: '1.0.0' },
    {
      capabilities: { tools: {} },
      instructions: row
        ? `The ${version.domainName} environment, on the initial state of task ${row.id}: ${row.intent}`
        : `The ${version.domainName} environment (version ${version.number}), on its initial data.`,
    },
  );
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => id,
    enableJsonResponse: true,
    maxRequestBodySize: 1024 * 1024,
    onsessioninitialized: () => {
      sessions.add(session);
    },
    onsessionclosed: () => sessions.remove(id, 'This MCP session was closed by its client.'),
  });
  const now = Date.now();
  const session: McpSession = {
    id,
    ownerId: user.id,
    versionId,
    row,
    kit,
    startedAt: now,
    lastUsed: now,
    transport,
    server,
    play: null,
    finished: null,
    calls: 0,
    storing: false,
    queue: Promise.resolve(),
    end(reason) {
      session.play?.end(reason);
      void server.close().catch(() => {});
    },
  };
  serveTools(db, session, version);
  await server.connect(transport);
  const response = await transport.handleRequest(request, { authInfo });
  // Not an initialize request (the transport said so): nothing was opened.
  if (!transport.sessionId) await server.close().catch(() => {});
  return response;
}

function serveTools(db: Db, session: McpSession, version: Awaited<ReturnType<typeof playableVersion>>) {
  const tools = session.kit.tools.map((t) => ({
    name: t.function.name,
    description: t.function.description,
    inputSchema: { ...t.function.parameters, type: 'object' as const },
    annotations: { readOnlyHint: session.kit.content.tools.find((c) => c.name === t.function.name)?.op === 'read' },
  }));
  session.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  session.server.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    if (!extra.authInfo?.scopes.includes('play'))
      throw new McpError(
        ErrorCode.InvalidRequest,
        `Your role (${String(extra.authInfo?.extra?.role ?? 'unknown')}) cannot run environments (MCP tool calls, gym episodes): that needs reviewer or above. Ask an admin.`,
      );
    const { name } = req.params;
    if (!tools.some((t) => t.name === name))
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${JSON.stringify(name)}: tools/list names this environment's tools.`);
    const call = session.queue.then(() => callTool(db, session, version, name, req.params.arguments ?? {}));
    session.queue = call.catch(() => {});
    return call;
  });
}

const text = (t: string, isError = false): CallToolResult => ({ content: [{ type: 'text', text: t }], ...(isError ? { isError: true } : {}) });

async function callTool(
  db: Db,
  session: McpSession,
  version: Awaited<ReturnType<typeof playableVersion>>,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  if (session.storing) return text('This session is being stored as a trajectory: open a new one to go on.', true);
  if (session.finished) return text(`This session has ended (${ending(session.finished)}): open a new one.`, true);
  if (session.calls >= SERVE_LIMITS.mcpCalls) return text(`This session has made ${SERVE_LIMITS.mcpCalls} calls, its limit: open a new one.`, true);
  session.lastUsed = Date.now();
  const play = await playOf(db, session, version);
  const callId = `call_${++session.calls}`;
  const turn = await play.act({ content: null, tool_calls: [{ id: callId, type: 'function', function: { name, arguments: JSON.stringify(args) } }] });
  if (turn.done) {
    session.finished = turn.result;
    const answered = turn.result.trajectory.messages.findLast((m) => m.role === 'tool' && m.tool_call_id === callId);
    return text(`${answered?.content ?? 'Error: not run'}\n(This session has ended: ${ending(turn.result)}.)`, true);
  }
  const answered = turn.messages.findLast((m) => m.role === 'tool' && m.tool_call_id === callId);
  if (!answered || answered.role !== 'tool') return text('Error: the call got no answer', true);
  // The loop answers a failure with "Error: …"; a result is JSON, which never starts that way.
  return text(answered.content, answered.content.startsWith('Error:'));
}

const ending = (r: PlayResult) => (r.trajectory.error ? `${r.trajectory.status}: ${r.trajectory.error}` : r.trajectory.status);

/** The session's rollout, started on its first call: on the task's initial state, or the version's initial data. */
async function playOf(db: Db, session: McpSession, version: Awaited<ReturnType<typeof playableVersion>>): Promise<Play> {
  if (session.play) return session.play;
  const task: Task = session.row
    ? asTask(session.row)
    : await (async () => {
        const initialState = await versionInitialState(db, version);
        return {
          seed: 7,
          initialState,
          calls: [],
          finalState: initialState,
          readOnly: false,
          intent: NO_TASK_INTENT,
          intentWriter: 'template',
          fingerprint: '',
        };
      })();
  const play = startPlay({
    ownerId: session.ownerId,
    versionId: session.versionId,
    row: session.row,
    task,
    kit: session.kit,
    // The user opens with the task's request and closes when the client is done.
    user: createScriptedUser([{ calls: 1, opening: task.intent || NO_TASK_INTENT, details: '' }]),
    maxTurns: SERVE_LIMITS.mcpCalls + 3,
    client: 'mcp',
  });
  session.play = play;
  const first = await play.first;
  if (first.done) session.finished = first.result;
  return play;
}

export const storeInput = z.object({ sessionId: z.uuid('must be an MCP session id (the mcp-session-id header)') });

/**
 * Ends an MCP session that started from a task and stores its calls and final state as a
 * trajectory of a run of its own, verified against the task's gold by the three filters.
 */
export async function storeMcpSession(db: Db, user: SessionUser, versionId: string, raw: unknown) {
  const { sessionId } = storeInput.parse(raw);
  const session = sessions.get(sessionId, user.id);
  if (session.versionId !== versionId) throw invalid(`MCP session ${sessionId} is of environment version ${session.versionId}, not ${versionId}.`);
  const row = session.row;
  if (!row) throw invalid('This MCP session did not start from a task (?task=<taskId>): a trajectory is verified against the task it started from.');
  if (session.storing) throw new UserError('conflict', 'This MCP session is being stored already.');
  session.storing = true;
  let stored: { runId: string; trajectoryId: string | null; result: PlayResult };
  try {
    stored = await finishAndSave(db, session, row, user);
  } catch (e) {
    session.storing = false;
    throw e;
  }
  sessions.remove(sessionId, 'This MCP session was stored as a trajectory: open a new one to go on.');
  const { trajectory, verdict } = stored.result;
  return {
    runId: stored.runId,
    trajectoryId: stored.trajectoryId,
    taskId: row.id,
    calls: trajectory.steps.length,
    status: trajectory.status,
    passed: verdict.passed,
    reason: verdict.reason,
    filters: { validity: verdict.validity.pass, state: verdict.state.pass, exact: verdict.exact.pass },
  };
}

/** After the calls already sent: the client says it is done, the task's user closes the conversation, and the trajectory is stored in a run of its own. */
async function finishAndSave(db: Db, session: McpSession, row: TaskRow, user: SessionUser) {
  const version = await playableVersion(db, session.versionId);
  const finishing = session.queue.then(async () => {
    if (session.finished) return session.finished;
    const play = await playOf(db, session, version);
    let turn: ExternalTurn<PlayResult> | null = session.finished ? { done: true, result: session.finished } : null;
    for (let i = 0; i < 3 && !turn?.done; i++) turn = await play.act({ content: 'Done.' });
    if (!turn?.done) throw new UserError('conflict', 'The session would not end: close it and start again.');
    return (session.finished = turn.result);
  });
  session.queue = finishing.catch(() => {});
  const result = await finishing;
  const run = await createRun(db, { name: `MCP session of ${user.email}`, settings: runSettings.parse({}), taskIds: [row.id] });
  const trajectoryId = await saveTrajectory(
    db,
    { runId: run.id, taskId: row.id, environmentVersionId: row.environmentVersionId, domainId: row.domainId, domainName: row.domainName },
    result.trajectory,
    result.verdict,
  );
  return { runId: run.id, trajectoryId, result };
}
