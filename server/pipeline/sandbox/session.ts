import type { State } from '../kernel/state';
import { BULK_WATCHDOG_MS, fromWire, lostOutcome, toJson } from './convert';
import { FATAL_KINDS } from './protocol';
import type { WorkerSlot } from './pool';
import type { CallWithState, Session } from './sandbox';
import type { CallOutcome, SandboxLimits, StateChange } from '../kernel/calls';

const LOST = 'the session was lost: its sandbox worker stopped; open a new session';

/**
 * A session as the caller holds it: the worker (slot and generation) its context lives on, and
 * whether it may still be used. Calls after a fatal outcome, a worker death or close() are refused
 * here, without a round trip.
 */
export class SandboxSession implements Session {
  private closed = false;
  /** Why calls are refused, once they are. */
  private refused: string | undefined;

  constructor(
    readonly slot: WorkerSlot,
    private readonly generation: number,
    private readonly sid: number,
    private readonly limits: SandboxLimits,
    private readonly graceMs: number,
  ) {
    // A session dropped without close() would keep its context in the worker for good.
    leaks.register(this, { slot, generation, sid }, this);
  }

  async call(code: string, args: unknown): Promise<CallOutcome> {
    const argsJson = toJson(args, 'args');
    const refused = this.refusal();
    if (refused) return { ok: false, error: { kind: 'internal', message: refused }, ms: 0 };
    const started = performance.now();
    let reply;
    try {
      reply = await this.slot.request({ op: 'call', sid: this.sid, code, argsJson }, this.limits.timeMs + this.graceMs);
    } catch (err) {
      this.refused = LOST;
      return lostOutcome(err, this.limits, started);
    }
    const outcome = fromWire(reply.outcome!);
    if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) {
      this.refused = `the session was reset after a ${outcome.error.kind} error (${outcome.error.message}); open a new session`;
    }
    return outcome;
  }

  async callWithState(code: string, args: unknown): Promise<CallWithState> {
    const argsJson = toJson(args, 'args');
    const refused = this.refusal();
    if (refused) return { outcome: { ok: false, error: { kind: 'internal', message: refused }, ms: 0 } };
    const started = performance.now();
    let reply;
    try {
      // The call gets a call's watchdog; the dump after it, announced by the worker, a dump's.
      reply = await this.slot.request({ op: 'callWithState', sid: this.sid, code, argsJson }, this.limits.timeMs + this.graceMs, BULK_WATCHDOG_MS);
    } catch (err) {
      this.refused = LOST;
      return { outcome: lostOutcome(err, this.limits, started) };
    }
    const outcome = fromWire(reply.outcome!);
    if (!outcome.ok && FATAL_KINDS.has(outcome.error.kind)) {
      this.refused = `the session was reset after a ${outcome.error.kind} error (${outcome.error.message}); open a new session`;
      return { outcome };
    }
    if (reply.failure !== undefined) throw new Error(reply.failure);
    return reply.unchanged ? { outcome, unchanged: true } : { outcome, stateJson: reply.stateJson! };
  }

  async state(): Promise<State> {
    const reply = await this.read('state');
    return JSON.parse(reply.stateJson!) as State;
  }

  async changes(): Promise<StateChange[]> {
    const reply = await this.read('changes');
    return JSON.parse(reply.changesJson!) as StateChange[];
  }

  private async read(op: 'state' | 'changes') {
    const refused = this.refusal();
    if (refused) throw new Error(refused);
    let reply;
    try {
      reply = await this.slot.request({ op, sid: this.sid }, BULK_WATCHDOG_MS);
    } catch (err) {
      this.refused = LOST;
      throw new Error(`${LOST} (${(err as Error).message})`, { cause: err });
    }
    if (reply.failure !== undefined) throw new Error(reply.failure);
    return reply;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    leaks.unregister(this);
    await closeInWorker(this.slot, this.generation, this.sid);
  }

  private refusal(): string | undefined {
    if (this.closed) return 'the session is closed';
    if (!this.refused && this.slot.generation !== this.generation) this.refused = LOST;
    return this.refused;
  }
}

/** Frees a session's context unless its worker (generation) is already gone. Never throws. */
async function closeInWorker(slot: WorkerSlot, generation: number, sid: number): Promise<void> {
  if (slot.generation !== generation) return;
  slot.sessions--;
  await slot.request({ op: 'close', sid }, BULK_WATCHDOG_MS).catch(() => undefined);
}

const leaks = new FinalizationRegistry<{ slot: WorkerSlot; generation: number; sid: number }>((held) => {
  void closeInWorker(held.slot, held.generation, held.sid);
});
