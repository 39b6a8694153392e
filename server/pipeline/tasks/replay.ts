import { createHash } from 'node:crypto';
import type { State, ToolCode } from '../environment/model';
import type { SandboxLike } from '../environment/validate';
import { canonicalJson } from '../state/diff';
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

export async function replayGold(sandbox: SandboxLike, initialState: State, planned: Planned[], opts: { seed: number; now: string }): Promise<Replayed> {
  const session = new CarriedSession(sandbox, initialState, opts);
  try {
    const calls: GoldCall[] = [];
    const offers: Offers[] = [];
    for (const [i, p] of planned.entries()) {
      const out = await session.attempt(p.tool.code, p.tool.op, p.arguments);
      if (!out.ok) return { ok: false, reason: `call ${i + 1} (${p.tool.name}) failed on replay: ${out.message}` };
      // A value the walk took from a result the replay did not return is one the user must know.
      const derived = p.derived.filter((k) => wasOffered(k, p.arguments[k], offers));
      calls.push({ toolId: p.tool.toolId, name: p.tool.name, op: p.tool.op, arguments: p.arguments, result: out.result, ...(derived.length ? { derived } : {}) });
      offers.push(offeredValues(p.tool.name, out.result));
    }
    return { ok: true, calls, finalState: session.state };
  } finally {
    await session.close();
  }
}

/** sha256 of the canonical initial state and the calls' names and arguments. */
export function taskFingerprint(initialState: State, calls: Array<Pick<GoldCall, 'name' | 'arguments'>>): string {
  const text = canonicalJson({ initialState, calls: calls.map((c) => [c.name, c.arguments]) });
  return createHash('sha256').update(text).digest('hex');
}
