import type { SandboxLike, SandboxSession } from '../environment/validate';
import { sameJson, type State } from '../kernel/state';
import type { SandboxErrorKind, StateChange } from '../kernel/calls';
import type { StateSnapshot } from '../sandbox/snapshot';
import { TrackedState } from '../sandbox/tracked-state';
import { isTracking } from '../sandbox/tracking';

/**
 * One sandbox session that carries a walk's state from call to call, and keeps only calls a gold
 * run may contain: no error, a write that changes the state, a read that does not. The sandbox
 * does not roll back a call that failed half-way, and drops the context after a fatal error, so a
 * rejected call that touched the state (or broke the session) makes the next call start a fresh
 * session from the last good state instead.
 *
 * On the studio's sandbox a session opens from a snapshot of its starting state (made once per
 * state object and kept by the workers) and reports only the rows tools changed: a walk over a
 * multi-megabyte database never copies, sends or dumps it whole after each call. Other sandboxes
 * (SandboxLike) are asked for the whole state instead.
 */

export type Attempt = { ok: true; result: unknown; state: State } | { ok: false; kind: SandboxErrorKind | 'unchanged' | 'read_changed'; message: string };

/** Kinds after which the code will not do better with other arguments. */
export const HOPELESS: ReadonlySet<string> = new Set(['syntax', 'timeout', 'memory', 'stack']);

// States are never changed once made (TrackedState builds new ones): a snapshot per state object.
const snapshots = new WeakMap<State, StateSnapshot>();

export class CarriedSession {
  private session: (SandboxSession & { changes?(): Promise<StateChange[]> }) | null = null;
  private good: State;
  /** The rows the open session changed from `good` as it was when the session opened. */
  private tracked: TrackedState | null = null;

  constructor(
    private readonly sandbox: SandboxLike,
    initial: State,
    private readonly opts: { seed: number; now: string },
  ) {
    this.good = isTracking(sandbox) ? initial : structuredClone(initial);
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
    if (op === 'read' && after.moved) {
      await this.drop();
      return { ok: false, kind: 'read_changed', message: 'a read changed the state' };
    }
    if (op === 'write' && !after.moved) return { ok: false, kind: 'unchanged', message: 'the write changed nothing' };
    this.good = after.state();
    return { ok: true, result: outcome.result, state: this.good };
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async open() {
    if (this.session) return this.session;
    if (isTracking(this.sandbox)) {
      let snapshot = snapshots.get(this.good);
      if (!snapshot) snapshots.set(this.good, (snapshot = this.sandbox.snapshot(this.good)));
      this.session = await this.sandbox.openSession(snapshot, this.opts);
      this.tracked = new TrackedState(this.good);
    } else this.session = await this.sandbox.openSession(structuredClone(this.good), this.opts);
    return this.session;
  }

  /** Whether the session's state moved since the last good one, and that state; null if the session lost it. */
  private async read(): Promise<{ moved: boolean; state: () => State } | null> {
    const session = this.session!;
    try {
      if (this.tracked && session.changes) {
        const tracked = this.tracked;
        const moved = tracked.advance(await session.changes()).length > 0;
        return { moved, state: () => tracked.state() };
      }
      // Compared in place, not as canonical text: it runs after every call over the whole database.
      const now = await session.state();
      return { moved: !sameJson(now, this.good), state: () => now };
    } catch {
      await this.drop();
      return null;
    }
  }

  /** After a refused call: go on in the same session only if the state is as it was. */
  private async keepIfUntouched(): Promise<void> {
    const now = await this.read();
    if (now?.moved) await this.drop();
  }

  private async drop(): Promise<void> {
    const s = this.session;
    this.session = null;
    this.tracked = null;
    if (s) await Promise.resolve(s.close()).catch(() => {});
  }
}
