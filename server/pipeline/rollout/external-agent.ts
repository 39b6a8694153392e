import type { ChatMessage, ChatReply } from './model';
import type { AgentPolicy } from './policies';

/**
 * An agent that is not in the process: a trainer stepping a gym episode, an MCP client calling
 * tools. The rollout loop (loop.ts) runs as usual and, when the agent is to act, waits for `act`;
 * `act` answers with what the loop did with that action (tool results, the user's reply) up to the
 * agent's next turn, or with the end of the rollout. One action at a time.
 */
export type ExternalTurn<T> = { done: false; messages: ChatMessage[] } | { done: true; result: T };

export type ExternalAgent<T> = {
  agent: AgentPolicy;
  /** The first turn: resolves when the loop first asks the agent (or the rollout ends before it does). */
  first: Promise<ExternalTurn<T>>;
  /** Sends the agent's action; resolves at its next turn or at the end. Refused while an action is being answered. */
  act(reply: ChatReply): Promise<ExternalTurn<T>>;
  /** True while the loop waits for an action. */
  waiting(): boolean;
  /** Ends the rollout: the pending turn is refused with `reason`. */
  cancel(reason: Error): void;
};

type Deferred<V> = { promise: Promise<V>; resolve(v: V): void; reject(e: unknown): void };

function deferred<V>(): Deferred<V> {
  let resolve!: (v: V) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A turn nobody waits for (the rollout ended while no action was pending) must not be an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * `run` starts the rollout with the agent it is given and resolves with what the caller makes of
 * the finished rollout (its trajectory and verdict, say).
 */
export function externalAgent<T>(info: AgentPolicy['info'], run: (agent: AgentPolicy) => Promise<T>): ExternalAgent<T> {
  let turn = deferred<ExternalTurn<T>>();
  let pending: Deferred<ChatReply> | null = null;
  let ended = false;
  const agent: AgentPolicy = {
    info,
    next({ messages, signal }) {
      const action = deferred<ChatReply>();
      pending = action;
      const onAbort = () => action.reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      turn.resolve({ done: false, messages });
      return action.promise.finally(() => signal?.removeEventListener('abort', onAbort));
    },
  };
  const first = turn.promise;
  run(agent).then(
    (result) => {
      ended = true;
      turn.resolve({ done: true, result });
    },
    (e) => {
      ended = true;
      turn.reject(e);
    },
  );
  return {
    agent,
    first,
    act(reply) {
      if (ended) return Promise.reject(new Error('the rollout has ended'));
      if (!pending) return Promise.reject(new Error('the last action is still being answered'));
      const action = pending;
      pending = null;
      turn = deferred();
      action.resolve(reply);
      return turn.promise;
    },
    waiting: () => pending !== null,
    cancel(reason) {
      const action = pending;
      pending = null;
      action?.reject(reason);
    },
  };
}
