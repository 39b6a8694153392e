import type { SandboxLike, SandboxSession } from '../environment/validate';
import { sameJson, type State } from '../kernel/state';
import type { SandboxErrorKind } from '../kernel/calls';

/**
 * One sandbox session that carries a walk's state from call to call, and keeps only calls a gold
 * run may contain: no error, a write that changes the state, a read that does not. The sandbox
 * does not roll back a call that failed half-way, and drops the context after a fatal error, so a
 * rejected call that touched the state (or broke the session) makes the next call start a fresh
 * session from the last good state instead.
 */

export type Attempt = { ok: true; result: unknown; state: State } | { ok: false; kind: SandboxErrorKind | 'unchanged' | 'read_changed'; message: string };

/** Kinds after which the code will not do better with other arguments. */
export const HOPELESS: ReadonlySet<string> = new Set(['syntax', 'timeout', 'memory', 'stack']);

export class CarriedSession {
  private session: SandboxSession | null = null;
  private good: State;

  constructor(
    private readonly sandbox: SandboxLike,
    initial: State,
    private readonly opts: { seed: number; now: string },
  ) {
    this.good = structuredClone(initial);
  }

  /** The state after the last accepted call. */
  get state(): State {
    return this.good;
  }

  async attempt(code: string, op: 'read' | 'write', args: Record<string, unknown>): Promise<Attempt> {
    const session = await this.open();
    let outcome;
    try {
      outcome = await session.call(code, args);
    } catch (e) {
      // Only misuse rejects (args that are not JSON); the session itself is as it was.
      return { ok: false, kind: 'internal', message: e instanceof Error ? e.message : String(e) };
    }
    if (!outcome.ok) {
      if (outcome.error.kind === 'tool' || outcome.error.kind === 'syntax' || outcome.error.kind === 'output') await this.keepIfUntouched();
      else await this.drop();
      return { ok: false, kind: outcome.error.kind, message: outcome.error.message };
    }
    const after = await this.read();
    if (!after) return { ok: false, kind: 'internal', message: 'the session lost its state' };
    // Compared in place, not as canonical text: it runs after every call over the whole database.
    const changed = !sameJson(after, this.good);
    if (op === 'read' && changed) {
      await this.drop();
      return { ok: false, kind: 'read_changed', message: 'a read changed the state' };
    }
    if (op === 'write' && !changed) return { ok: false, kind: 'unchanged', message: 'the write changed nothing' };
    this.good = after;
    return { ok: true, result: outcome.result, state: after };
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async open(): Promise<SandboxSession> {
    this.session ??= await this.sandbox.openSession(structuredClone(this.good), this.opts);
    return this.session;
  }

  private async read(): Promise<State | null> {
    try {
      return await this.session!.state();
    } catch {
      await this.drop();
      return null;
    }
  }

  /** After a refused call: go on in the same session only if the state is as it was. */
  private async keepIfUntouched(): Promise<void> {
    const now = await this.read();
    if (now && !sameJson(now, this.good)) await this.drop();
  }

  private async drop(): Promise<void> {
    const s = this.session;
    this.session = null;
    if (s) await Promise.resolve(s.close()).catch(() => {});
  }
}
