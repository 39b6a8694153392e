import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { getEnvironmentVersion } from '../db/queries/environments';
import { getTasks, randomTaskIdOfVersion, type TaskRow } from '../db/queries/tasks';
import { invalid, notFound, UserError } from '../kernel/errors';
import { externalAgent, type ExternalAgent, type ExternalTurn } from '../pipeline/rollout/external-agent';
import { runRollout } from '../pipeline/rollout/loop';
import type { ChatReply, Trajectory } from '../pipeline/rollout/model';
import type { UserPolicy } from '../pipeline/rollout/policies';
import { getSandbox } from '../pipeline/sandbox/sandbox';
import type { Task } from '../pipeline/tasks/model';
import type { Verdict } from '../pipeline/verify/model';
import { verifyTrajectory } from '../pipeline/verify/verify';
import { loadVersionKit, type VersionKit } from '../stages/rollout';

/**
 * Environments played from outside the studio: a gym episode (gym.ts) or an MCP session (mcp.ts)
 * is a rollout of the usual loop (pipeline/rollout/loop.ts) whose agent is the client, on its own
 * sandbox session over its own copy of the state, verified by the same three filters at the end.
 * Everything here lives in the web server's memory and is bounded: how many at once, how long
 * without a request, how long in all, how many turns, how large a tool's answer.
 */

export const SERVE_LIMITS = {
  /** Gym episodes open at once, on the whole server. */
  episodes: 256,
  /** MCP sessions open at once, on the whole server, and of one person (listing tools needs only a viewer). */
  mcpSessions: 64,
  mcpSessionsPerPerson: 16,
  /** An episode or session with no request for this long ends. */
  idleMs: 10 * 60_000,
  /** …and one ends this long after it began, however busy. */
  lifetimeMs: 2 * 60 * 60_000,
  /** Turns (user and assistant messages) of a gym episode, unless its reset asks for fewer (at most `maxTurnsCap`). */
  maxTurns: 60,
  maxTurnsCap: 200,
  /** Tool calls of one MCP session. */
  mcpCalls: 200,
  /** A tool's answer, as JSON (the sandbox's own limit is 1 MB): bounds what an episode holds. */
  outputBytes: 256 * 1024,
};

export type PlayResult = { trajectory: Trajectory; verdict: Verdict };

/** One rollout being played from outside. */
export type Play = {
  id: string;
  ownerId: string;
  versionId: string;
  /** The stored task it started from (null: an MCP session on the version's own initial data). */
  row: TaskRow | null;
  task: Task;
  kit: VersionKit;
  startedAt: number;
  lastUsed: number;
  /** The action being answered, if any. */
  busy: boolean;
  ended: boolean;
  /** The loop's first question to the agent (or the end, when the rollout could not start). */
  first: Promise<ExternalTurn<PlayResult>>;
  act(reply: ChatReply): Promise<ExternalTurn<PlayResult>>;
  end(reason: string): void;
};

const KITS_KEPT = 32;
const kits = new WeakMap<Db, Map<string, Promise<VersionKit>>>();

/** A version's kit (content, tool specs), kept for the last few versions played: versions never change. */
export function versionKit(db: Db, versionId: string): Promise<VersionKit> {
  let byVersion = kits.get(db);
  if (!byVersion) kits.set(db, (byVersion = new Map()));
  let kit = byVersion.get(versionId);
  if (kit) {
    byVersion.delete(versionId);
  } else {
    kit = loadVersionKit(db, versionId);
    kit.catch(() => byVersion.delete(versionId));
  }
  byVersion.set(versionId, kit);
  while (byVersion.size > KITS_KEPT) byVersion.delete(byVersion.keys().next().value!);
  return kit;
}

/** The version, which must exist: its id and domain name. */
export async function playableVersion(db: Db, versionId: string) {
  const version = await getEnvironmentVersion(db, versionId);
  if (!version) throw notFound(`No environment version ${versionId}.`);
  return version;
}

/** The stored task `taskId` of this version, or (`pick`) one of its tasks at random. */
export async function taskOfVersion(db: Db, versionId: string, taskId: string | undefined): Promise<TaskRow> {
  const id = taskId ?? (await randomTaskIdOfVersion(db, versionId));
  if (!id) throw invalid('This environment version has no tasks: sample some first (an episode is scored against a task’s gold).');
  const [row] = await getTasks(db, [id]);
  if (!row) throw notFound(`No task ${id}.`);
  if (row.environmentVersionId !== versionId) throw invalid(`Task ${id} belongs to another environment version (${row.environmentVersionId}).`);
  return row;
}

/**
 * Starts a rollout of `task` whose agent is the client: the loop runs until it first asks the
 * agent, then waits for `act`. `user` speaks for the user (the scripted user of the task).
 */
export function startPlay(opts: {
  ownerId: string;
  versionId: string;
  row: TaskRow | null;
  task: Task;
  kit: VersionKit;
  user: UserPolicy;
  maxTurns: number;
  client: 'gym' | 'mcp';
}): Play {
  const abort = new AbortController();
  const { task, kit } = opts;
  const ext: ExternalAgent<PlayResult> = externalAgent({ kind: 'external', model: opts.client }, async (agent) => {
    const trajectory = await runRollout({
      task,
      content: kit.content,
      tools: kit.tools,
      user: opts.user,
      agent,
      sandbox: getSandbox(),
      maxTurns: opts.maxTurns,
      signal: abort.signal,
      domain: opts.row?.domainName,
      limits: { outputBytes: SERVE_LIMITS.outputBytes },
    });
    return { trajectory, verdict: verifyTrajectory(trajectory, task, kit.tools) };
  });
  const now = Date.now();
  const play: Play = {
    id: randomUUID(),
    ownerId: opts.ownerId,
    versionId: opts.versionId,
    row: opts.row,
    task,
    kit,
    startedAt: now,
    lastUsed: now,
    busy: false,
    ended: false,
    first: ext.first.then(ended),
    async act(reply) {
      if (play.ended) throw new UserError('conflict', 'This episode has ended.');
      if (play.busy || !ext.waiting()) throw new UserError('conflict', 'The last action is still being answered: wait for its answer before the next.');
      play.busy = true;
      play.lastUsed = Date.now();
      try {
        return ended(await ext.act(reply));
      } finally {
        play.busy = false;
        play.lastUsed = Date.now();
      }
    },
    end(reason) {
      if (play.ended) return;
      play.ended = true;
      const e = new UserError('conflict', reason);
      abort.abort(e);
      ext.cancel(e);
    },
  };
  function ended(turn: ExternalTurn<PlayResult>) {
    if (turn.done) play.ended = true;
    return turn;
  }
  return play;
}

/**
 * Plays of one kind, bounded: at most `max` at once, each ended after `SERVE_LIMITS.idleMs`
 * without a request or `lifetimeMs` in all (checked on use, and by a sweep every half minute).
 */
export class Plays<T extends { id: string; ownerId: string; startedAt: number; lastUsed: number; end(reason: string): void }> {
  private readonly items = new Map<string, T>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly what: string,
    private readonly max: () => number,
    private readonly perOwner: () => number = () => Infinity,
  ) {}

  get size() {
    return this.items.size;
  }

  /** Refuses a new one when the server already has `max` open, or `ownerId` has `perOwner`. */
  reserve(ownerId: string): void {
    this.sweep();
    if (this.items.size >= this.max())
      throw new UserError('conflict', `The server has ${this.max()} ${this.what}s open, its limit: end one, or try again when one ends or expires.`);
    const own = [...this.items.values()].filter((i) => i.ownerId === ownerId).length;
    if (own >= this.perOwner())
      throw new UserError('conflict', `You have ${own} ${this.what}s open, the limit for one person: end one, or try again when one ends or expires.`);
  }

  add(item: T): T {
    this.reserve(item.ownerId);
    this.items.set(item.id, item);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), 30_000);
      this.sweeper.unref();
    }
    return item;
  }

  /** The caller's own open one: anyone else's, an ended or an expired one is "not found". */
  get(id: string, ownerId: string): T {
    const item = this.items.get(id);
    if (item && this.expired(item)) this.remove(id, `This ${this.what} expired.`);
    const live = this.items.get(id);
    if (!live || live.ownerId !== ownerId)
      throw notFound(
        `No ${this.what} ${id.slice(0, 80)}: it ended, or expired after ${Math.round(SERVE_LIMITS.idleMs / 60_000)} minutes without a request. Start a new one.`,
      );
    return live;
  }

  remove(id: string, reason = `This ${this.what} was closed.`): void {
    const item = this.items.get(id);
    if (!item) return;
    this.items.delete(id);
    item.end(reason);
    if (this.items.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private expired(item: T, now = Date.now()) {
    return now - item.lastUsed > SERVE_LIMITS.idleMs || now - item.startedAt > SERVE_LIMITS.lifetimeMs;
  }

  sweep(): void {
    const now = Date.now();
    for (const item of [...this.items.values()]) if (this.expired(item, now)) this.remove(item.id, `This ${this.what} expired.`);
  }
}
