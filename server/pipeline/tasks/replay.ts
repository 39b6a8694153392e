import { createHash } from 'node:crypto';
import type { EnvironmentContent, EnvironmentSchema, ToolCode } from '../environment/model';
import { canonicalJson, sameJson, type State } from '../kernel/state';
import { KeyIndex, missingRowArguments } from './row-keys';
import type { SandboxLike } from '../environment/validate';
import { offeredValues, wasOffered, type Offers } from './chain';
import type { GoldCall } from './model';
import { CarriedSession } from './session';

/**
 * The gold run as an agent will repeat it: the chosen calls alone, in a fresh session on a fresh
 * copy of the initial state with the same seed and clock. The walk's own session also ran refused
 * attempts, which moved its Math.random along, so its results are not the ones a rollout will see;
 * these are. A call that fails here (code that depends on what ran before) drops the walk.
 */

export type Planned = { tool: ToolCode; arguments: Record<string, unknown>; derived: string[] };

export type Replayed = { ok: true; calls: GoldCall[]; finalState: State } | { ok: false; reason: string };

export async function replayGold(
  sandbox: SandboxLike,
  initialState: State,
  planned: Planned[],
  opts: { seed: number; now: string; schema: EnvironmentSchema },
): Promise<Replayed> {
  const session = new CarriedSession(sandbox, initialState, opts);
  const before: State[] = [];
  try {
    const calls: GoldCall[] = [];
    const offers: Offers[] = [];
    for (const [i, p] of planned.entries()) {
      before.push(session.state);
      const out = await session.attempt(p.tool.code, p.tool.op, p.arguments);
      if (!out.ok) return { ok: false, reason: `call ${i + 1} (${p.tool.name}) failed on replay: ${out.message}` };
      // A value the walk took from a result the replay did not return is one the user must know.
      const derived = p.derived.filter((k) => wasOffered(k, p.arguments[k], offers));
      calls.push({
        toolId: p.tool.toolId,
        name: p.tool.name,
        op: p.tool.op,
        arguments: p.arguments,
        result: out.result,
        ...(derived.length ? { derived } : {}),
      });
      offers.push(offeredValues(p.tool.name, out.result));
    }
    const finalState = session.state;
    await markRefusal(sandbox, { schema: opts.schema }, planned, calls, before, finalState, opts);
    return { ok: true, calls, finalState };
  } finally {
    await session.close();
  }
}

/**
 * Finds one gold call that the API refuses when it names a row that does not exist, checked in
 * the sandbox on the state that call saw, and keeps those arguments on it: the oracle's tool_error
 * noise sends them, so its error is certain and the recovery real. Reads first, since a write with
 * an unknown id may create a row instead.
 */
async function markRefusal(
  sandbox: SandboxLike,
  content: Pick<EnvironmentContent, 'schema'>,
  planned: Planned[],
  calls: GoldCall[],
  before: State[],
  finalState: State,
  opts: { seed: number; now: string },
): Promise<void> {
  const keys = new KeyIndex(content, [before[0] ?? finalState, finalState]);
  const order = [...calls.keys()].sort((a, b) => Number(calls[a]!.op === 'write') - Number(calls[b]!.op === 'write') || a - b);
  for (const i of order) {
    const bad = missingRowArguments(calls[i]!, planned[i]!.tool.parameters, keys);
    if (!bad) continue;
    const probe = new CarriedSession(sandbox, before[i]!, opts);
    try {
      const out = await probe.attempt(planned[i]!.tool.code, planned[i]!.tool.op, bad);
      if (!out.ok && out.kind === 'tool' && sameJson(probe.state, before[i])) {
        calls[i] = { ...calls[i]!, refusal: bad };
        return;
      }
    } finally {
      await probe.close();
    }
  }
}

/** sha256 of the canonical initial state and the calls' names and arguments. */
export function taskFingerprint(initialState: State, calls: Array<Pick<GoldCall, 'name' | 'arguments'>>): string {
  const text = canonicalJson({ initialState, calls: calls.map((c) => [c.name, c.arguments]) });
  return createHash('sha256').update(text).digest('hex');
}
