import { assignEntities } from '../environment/acts-on';
import { idParam, tableName } from '../environment/entities';
import { REFERENCE_DATE } from '../environment/fake-values';
import type { EnvironmentContent, ToolCode } from '../environment/model';
import { canonicalJson, type State } from '../kernel/state';
import { sampleArgs, type SampleIntent } from '../environment/sample-args';
import { seedState } from '../environment/seed-state';
import { anchorTables, pickAnchor, threadOf, type RowRef, type Thread } from '../environment/thread';
import type { SandboxLike } from '../environment/validate';
import { toolIntent } from '../environment/verbs';
import { seededRandom, shuffle } from '../kernel/random';
import { argumentsProblem } from '../kernel/arguments';
import { chainArgs, offeredValues, type Offers } from './chain';
import { scalarValues } from './chain-measure';
import { templateIntent, type IntentContext } from './intent';
import { sampleSettings, type GoldCall, type IntentWriter, type SampleSettings, type Task, type WalkEdge } from './model';
import { replayGold, taskFingerprint, type Planned } from './replay';
import { CarriedSession, HOPELESS } from './session';

/**
 * Tasks as the paper samples them: random walks on a domain's directed tool graph, every step really
 * executed in the sandbox on the state the walk has reached, so each gold sequence is one an agent
 * can perform. All tasks of a batch start from one seeded state, so equal walks are equal tasks and
 * deduplicate. A step keeps only calls that succeed (a write that changes something, a read that
 * changes nothing); refused attempts move on to other arguments, then to other next tools, in an
 * order fixed by the seed, so the same input and seed give the same tasks.
 *
 * A task is about one entity's situation: each walk picks an anchor row (a user, an account: a root
 * of the schema's references) and draws every call's arguments from its thread, the anchor and the
 * rows linked to it. Each call after the first shares a value with what came before (an argument
 * or a result), and one after a read uses what that read returned; a read that tells nothing new
 * (the same user looked up twice) is padding and is not taken. Walk lengths depend on the domain
 * (its tool names) as well as the seed, so two domains do not get the same lengths.
 */

/** `initialState`: the user's data a grounded version starts from; else rows seeded from the schema. */
export type SampleInput = { content: EnvironmentContent; edges: WalkEdge[]; descriptions?: Record<string, string>; initialState?: State };
export type WriteIntent = (calls: GoldCall[], ctx: IntentContext) => Promise<string>;
export type SampleTasksOptions = {
  /** Writes each task's intent; the offline template when absent. */
  writeIntent?: WriteIntent;
  /** What `writeIntent` is, recorded with each task; 'llm' when a writer is passed, else 'template'. */
  intentWriter?: IntentWriter;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};
export type SampleResult = { tasks: Task[]; notes: string[] };

/** Argument sets tried per tool and step; the first half also take ids from earlier results. */
const ARG_ATTEMPTS = 4;
/** Start tools a walk tries before it settles for a walk shorter than it drew. */
const STARTS_PER_WALK = 3;
/** Next tools tried per step before the walk ends there. */
const NEXT_TOOLS = 6;
/** Walks per wanted task, all told: duplicates and short walks use them up. */
const WALKS_PER_TASK = 10;
/** Refused calls without a single success before a tool is left out of the batch. */
const GIVE_UP_AFTER = 40;

export async function sampleTasks(input: SampleInput, sandbox: SandboxLike, settings: SampleSettings, opts: SampleTasksOptions = {}): Promise<SampleResult> {
  const s = sampleSettings.parse(settings);
  if (!input?.content || !Array.isArray(input.content.tools) || !Array.isArray(input.edges)) throw new TypeError('sampleTasks needs { content, edges }');
  const { content } = input;
  if (content.tools.length === 0) return { tasks: [], notes: ['the environment has no tools: no tasks'] };

  const initialState = input.initialState ?? seedState(content.schema, { seed: s.seed, rows: s.rows });
  const walker = new Walker(content, input.edges, sandbox, initialState, s, opts.signal);
  // The same facts the scripted user gives (userSteps reads the task's initial state too).
  const ctx: IntentContext = { descriptions: input.descriptions ?? {}, state: initialState };
  const tasks: Task[] = [];
  const seen = new Set<string>();
  const count = { walks: 0, short: 0, duplicates: 0, replays: 0 };
  const replayReasons: string[] = [];
  const intentErrors: string[] = [];

  for (let i = 0; tasks.length < s.n && i < s.n * WALKS_PER_TASK && walker.hasTools(); i++) {
    opts.signal?.throwIfAborted();
    count.walks++;
    const planned = await walker.walk(i);
    if (planned.length < s.minCalls) {
      count.short++;
      continue;
    }
    const fingerprint = taskFingerprint(
      initialState,
      planned.map((p) => ({ name: p.tool.name, arguments: p.arguments })),
    );
    // Marked before the replay: a walk that failed it would fail it again.
    if (seen.has(fingerprint)) {
      count.duplicates++;
      continue;
    }
    seen.add(fingerprint);
    const gold = await replayGold(sandbox, initialState, planned, { seed: s.seed, now: REFERENCE_DATE, schema: input.content.schema });
    if (!gold.ok) {
      count.replays++;
      replayReasons.push(gold.reason);
      continue;
    }
    const { intent, writer } = await writeIntent(gold.calls, ctx, opts, intentErrors);
    tasks.push({
      seed: s.seed,
      initialState: structuredClone(initialState),
      calls: gold.calls,
      finalState: gold.finalState,
      readOnly: gold.calls.every((c) => c.op === 'read'),
      intent,
      intentWriter: writer,
      fingerprint,
    });
    opts.onProgress?.(tasks.length, s.n);
  }

  return { tasks, notes: notes(tasks.length, s, count, walker, replayReasons, intentErrors) };
}

async function writeIntent(
  calls: GoldCall[],
  ctx: IntentContext,
  opts: SampleTasksOptions,
  errors: string[],
): Promise<{ intent: string; writer: IntentWriter }> {
  if (!opts.writeIntent) return { intent: templateIntent(calls, ctx), writer: 'template' };
  try {
    const intent = (await opts.writeIntent(calls, ctx)).trim();
    if (!intent) throw new Error('the intent writer returned nothing');
    return { intent, writer: opts.intentWriter ?? 'llm' };
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    // One failed intent should not cost the batch its task: the template says the same, plainly.
    errors.push(e instanceof Error ? e.message : String(e));
    return { intent: templateIntent(calls, ctx), writer: 'template' };
  }
}

function notes(
  made: number,
  s: SampleSettings,
  count: { walks: number; short: number; duplicates: number; replays: number },
  walker: Walker,
  replayReasons: string[],
  intentErrors: string[],
): string[] {
  const out: string[] = [];
  const dead = walker.failingTools();
  if (!walker.hasTools()) out.push(`every tool failed, so no walk can start: ${dead.slice(0, 5).join('; ')}`);
  else if (dead.length)
    out.push(
      `${dead.length} tool${dead.length === 1 ? '' : 's'} never succeeded: ${dead.slice(0, 5).join('; ')}${dead.length > 5 ? ` and ${dead.length - 5} more` : ''}`,
    );
  if (made < s.n) {
    const why = [
      count.short && `${count.short} ended before ${s.minCalls} call${s.minCalls === 1 ? '' : 's'}`,
      count.duplicates && `${count.duplicates} repeated an earlier task`,
      count.replays && `${count.replays} failed their replay (e.g. ${replayReasons[0]})`,
    ].filter(Boolean);
    out.push(`only ${made} distinct task${made === 1 ? '' : 's'} of ${s.n} after ${count.walks} walks${why.length ? `: ${why.join(', ')}` : ''}`);
  }
  if (intentErrors.length)
    out.push(
      `the intent writer failed on ${intentErrors.length} task${intentErrors.length === 1 ? '' : 's'}, which got the template intent instead (${[...new Set(intentErrors)].slice(0, 2).join('; ')})`,
    );
  return out;
}

type ToolPlan = { tool: ToolCode; index: number; table: string | null; intent: SampleIntent; next: string[] };

/** The walks of one batch, and what it learned about which tools never work. */
class Walker {
  private readonly plans = new Map<string, ToolPlan>();
  private readonly order: ToolPlan[] = [];
  private readonly health = new Map<string, { ok: number; failed: number; last: string; dead?: string }>();
  /** Mixed into each walk's seed, so two domains walk differently under one seed. */
  private readonly domainSeed: number;
  private readonly anchors: string[];

  constructor(
    private readonly content: EnvironmentContent,
    edges: WalkEdge[],
    private readonly sandbox: SandboxLike,
    private readonly initialState: State,
    private readonly s: SampleSettings,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.domainSeed = hashText(content.tools.map((t) => t.name).join('\n'));
    this.anchors = anchorTables(content.schema);
    const entities = assignEntities(content.tools);
    const tables = new Set(content.schema.tables.map((t) => t.name));
    content.tools.forEach((tool, index) => {
      if (this.plans.has(tool.toolId)) throw new Error(`tool id ${tool.toolId} appears twice in the environment`);
      const entity = entities[index];
      const table = entity && tables.has(tableName(entity)) ? tableName(entity) : null;
      const plan: ToolPlan = { tool, index, table, intent: sampleIntent(tool), next: [] };
      this.plans.set(tool.toolId, plan);
      this.order.push(plan);
    });
    // Edges may come from the whole graph: only those between this environment's tools count.
    const next = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      if (a !== b && this.plans.has(a) && this.plans.has(b)) next.set(a, (next.get(a) ?? new Set()).add(b));
    };
    for (const e of edges) {
      link(e.source, e.target);
      if (e.direction === 'both') link(e.target, e.source);
    }
    // In the environment's tool order, so the seeded shuffles depend neither on the order edges came
    // in nor on the tools' ids (random per import): the same seed walks the same walks anywhere.
    const position = (id: string) => this.plans.get(id)!.index;
    for (const plan of this.order) plan.next = [...(next.get(plan.tool.toolId) ?? [])].sort((a, b) => position(a) - position(b));
  }

  hasTools(): boolean {
    return this.order.some((p) => this.alive(p));
  }

  /** Tools that were tried and never succeeded, with why; set aside or not. */
  failingTools(): string[] {
    return this.order.flatMap((p) => {
      const h = this.health.get(p.tool.toolId);
      if (!h || h.ok > 0) return [];
      return [`${p.tool.name}: ${h.dead ?? `${h.failed} attempts refused (last: ${h.last})`}`];
    });
  }

  /** Walk `index`: a random length and anchor, a random start (a few, if one ends too soon), then random steps. */
  async walk(index: number): Promise<Planned[]> {
    const rng = seededRandom(mix(this.s.seed, index, this.domainSeed));
    const length = this.s.minCalls + Math.floor(rng() * (this.s.maxCalls - this.s.minCalls + 1));
    const anchor = pickAnchor(this.initialState, this.anchors, rng);
    const thread = anchor ? threadOf(this.content.schema, this.initialState, anchor) : null;
    const shuffled = shuffle(
      this.order.filter((p) => this.alive(p)),
      rng,
    );
    // A walk meant to go on starts where an edge leads on, if any tool has one: isolated tools
    // (`think`, `calculate`) would end it at once. Within each, tools on the anchor's thread first.
    const leads = (p: ToolPlan) => p.next.some((id) => this.alive(this.plans.get(id)!));
    const onThread = (p: ToolPlan) => !!p.table && !!thread?.has(p.table);
    const byThread = (ps: ToolPlan[]) => [...ps.filter(onThread), ...ps.filter((p) => !onThread(p))];
    const starts = (length > 1 ? [...byThread(shuffled.filter(leads)), ...byThread(shuffled.filter((p) => !leads(p)))] : byThread(shuffled)).slice(
      0,
      STARTS_PER_WALK,
    );
    let best: Planned[] = [];
    for (const start of starts) {
      const planned = await this.walkFrom(start, length, rng, index, anchor);
      // A walk that stopped short (nothing went on from what it found) tries another start; the longest counts.
      if (planned.length >= length) return planned;
      if (planned.length > best.length) best = planned;
    }
    return best;
  }

  private async walkFrom(start: ToolPlan, length: number, rng: () => number, index: number, anchor: RowRef | null): Promise<Planned[]> {
    const session = new CarriedSession(this.sandbox, this.initialState, { seed: this.s.seed, now: REFERENCE_DATE });
    const planned: Planned[] = [];
    const offers: Offers[] = [];
    const known: Known = { seen: new Set(), lastRead: null };
    try {
      let candidates = [start];
      while (planned.length < length) {
        // Recomputed each step: a row an earlier write created (the user's new order) joins the thread.
        const thread = anchor ? threadOf(this.content.schema, session.state, anchor) : undefined;
        let taken: { call: Planned; result: unknown } | null = null;
        for (const plan of candidates) {
          if (!this.alive(plan)) continue;
          taken = await this.step(plan, session, planned, offers, known, thread, mix(this.s.seed, index, planned.length, plan.index));
          if (taken) break;
        }
        if (!taken) break;
        planned.push(taken.call);
        offers.push(offeredValues(taken.call.tool.name, taken.result));
        scalarValues(taken.call.arguments).forEach((v) => known.seen.add(v));
        const returned = scalarValues(taken.result);
        returned.forEach((v) => known.seen.add(v));
        known.lastRead = taken.call.tool.op === 'read' ? returned : null;
        candidates = this.nextTools(taken.call.tool.toolId, planned, rng);
      }
      return planned;
    } finally {
      await session.close();
    }
  }

  /** Where the walk may go: tools not yet called first, each group in seeded order. */
  private nextTools(from: string, planned: Planned[], rng: () => number): ToolPlan[] {
    const called = new Set(planned.map((p) => p.tool.toolId));
    const options = this.plans
      .get(from)!
      .next.map((id) => this.plans.get(id)!)
      .filter((p) => this.alive(p));
    const fresh = shuffle(
      options.filter((p) => !called.has(p.tool.toolId)),
      rng,
    );
    const again = shuffle(
      options.filter((p) => called.has(p.tool.toolId)),
      rng,
    );
    return [...fresh, ...again].slice(0, NEXT_TOOLS);
  }

  /**
   * One tool at one step: argument sets until one is taken, or null. After the first call, only
   * arguments that share a value with what came before (with what the last read returned, after a
   * read) are tried, and a read that returns nothing not seen before is not taken.
   */
  private async step(
    plan: ToolPlan,
    session: CarriedSession,
    planned: Planned[],
    offers: Offers[],
    known: Known,
    thread: Thread | undefined,
    seed: number,
  ): Promise<{ call: Planned; result: unknown } | null> {
    const { tool } = plan;
    const previous = planned[planned.length - 1];
    for (let attempt = 0; attempt < ARG_ATTEMPTS; attempt++) {
      this.signal?.throwIfAborted();
      const sampled = sampleArgs(tool.parameters, session.state, this.content.schema, { seed, attempt, table: plan.table, intent: plan.intent, thread });
      if (!sampled.ok) {
        this.failed(plan, 'tool', sampled.reason);
        return null;
      }
      const args = sampled.args;
      const derived = attempt < ARG_ATTEMPTS / 2 ? chainArgs(tool.parameters, args, offers, attempt) : [];
      // The same call twice in a row asks nothing new.
      if (previous?.tool.toolId === tool.toolId && canonicalJson(previous.arguments) === canonicalJson(args)) continue;
      if (previous && !sharesWith(args, known.lastRead ?? known.seen)) continue;
      // The same tool on the same record again (the order's address changed twice) is padding.
      if (planned.some((p) => p.tool.toolId === tool.toolId && canonicalJson(idArgs(tool, p.arguments)) === canonicalJson(idArgs(tool, args)))) continue;
      // Gold arguments must pass the validity filter an agent's arguments face.
      const problem = argumentsProblem(tool.parameters, args);
      if (problem) {
        this.failed(plan, 'tool', `arguments do not fit the schema: ${problem}`);
        continue;
      }
      const out = await session.attempt(tool.code, tool.op, args);
      if (out.ok) {
        this.health.set(tool.toolId, { ...this.healthOf(plan), ok: this.healthOf(plan).ok + 1 });
        if (previous && tool.op === 'read' && !tellsMore(out.result, known.seen)) continue;
        return { call: { tool, arguments: args, derived }, result: out.result };
      }
      this.failed(plan, out.kind, out.message);
      if (HOPELESS.has(out.kind)) return null;
    }
    return null;
  }

  private healthOf(plan: ToolPlan) {
    return this.health.get(plan.tool.toolId) ?? { ok: 0, failed: 0, last: '' };
  }

  private failed(plan: ToolPlan, kind: string, message: string): void {
    const h = { ...this.healthOf(plan) };
    h.failed++;
    h.last = kind === 'tool' ? message : `${kind}: ${message}`;
    // Code that does not parse or blows a limit will not do better on the next walk.
    if (HOPELESS.has(kind)) h.dead = h.last;
    else if (h.ok === 0 && h.failed >= GIVE_UP_AFTER) h.dead = `${h.failed} attempts refused (last: ${h.last})`;
    this.health.set(plan.tool.toolId, h);
  }

  private alive(plan: ToolPlan): boolean {
    return !this.health.get(plan.tool.toolId)?.dead;
  }
}

/** What a walk has seen so far: every argument and result value, and what the last call returned if it read. */
type Known = { seen: Set<string>; lastRead: Set<string> | null };

/** The arguments that name records (ids, lookup keys): which record a call is about. */
function idArgs(tool: ToolCode, args: Record<string, unknown>): Record<string, unknown> {
  const props = (tool.parameters?.properties ?? {}) as Record<string, { description?: unknown }>;
  return Object.fromEntries(Object.entries(args).filter(([k]) => idParam(k, typeof props[k]?.description === 'string' ? props[k].description : '')));
}

function sharesWith(args: Record<string, unknown>, pool: Set<string>): boolean {
  for (const v of scalarValues(args)) if (pool.has(v)) return true;
  return false;
}

/** Whether a result holds a value not seen before: a second lookup of the same user does not. */
function tellsMore(result: unknown, seen: Set<string>): boolean {
  for (const v of scalarValues(result)) if (!seen.has(v)) return true;
  return false;
}

/** A 32-bit hash of a text (FNV-1a over its UTF-16 units). */
function hashText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** How a tool's arguments are sampled, as validation samples them. */
function sampleIntent(tool: ToolCode): SampleIntent {
  const intent = toolIntent(tool);
  if (intent.op === 'read') return 'read';
  return intent.kind === 'create' ? 'create' : intent.kind === 'delete' ? 'delete' : 'change';
}

/** A 32-bit seed from several numbers (FNV-1a over their words, then a murmur finaliser). */
function mix(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) h = Math.imul(h ^ (x >>> 0), 16777619) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
