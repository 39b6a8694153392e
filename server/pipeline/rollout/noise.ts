import type { EnvironmentContent } from '../environment/model';
import type { GoldCall, Task } from '../tasks/model';
import { argumentsProblem } from '../kernel/arguments';
import type { Noise } from './model';
import { KeyIndex, type KeyValue as Value } from '../tasks/row-keys';

/**
 * Where the oracle's noise goes in a task, decided before the rollout so the same task and switches
 * always give the same trajectory. Each switch is placed once, where it makes the intended filter
 * (and only that one) reject: see the comments on each.
 */

/** One call the oracle will make. `args` is text only for a malformed call (not JSON on purpose). */
export type PlannedCall = {
  name: string;
  args: Record<string, unknown> | string;
  noise?: Noise;
  /** When the noise counts as applied: as soon as the call is made, or only if the tool answered ok / with an error. */
  appliedWhen?: 'made' | 'ok' | 'error';
};

export type NoisePlan = {
  /** For each gold call, the calls made in its place, in order (empty when skipped). */
  calls: PlannedCall[][];
  /** The gold call left out (skipped_step), if any. */
  skipped: number | null;
};

export function planNoise(task: Task, content: EnvironmentContent, noise: readonly Noise[]): NoisePlan {
  const gold = task.calls;
  const calls: PlannedCall[][] = gold.map((c) => [{ name: c.name, args: c.arguments }]);
  const on = new Set(noise);
  const keys = new KeyIndex(content, [task.initialState, task.finalState]);
  const parametersOf = (name: string) => content.tools.find((t) => t.name === name)?.parameters ?? {};
  const writes = gold.flatMap((c, i) => (c.op === 'write' ? [i] : []));

  // The last write: what is left undone shows in the state. A read-only task loses its last call,
  // which only exact match sees.
  let skipped: number | null = null;
  if (on.has('skipped_step') && gold.length) {
    skipped = writes.length ? writes[writes.length - 1]! : gold.length - 1;
    calls[skipped] = [];
  }
  const kept = gold.flatMap((_, i) => (i === skipped ? [] : [i]));
  const goldOf = (i: number) => calls[i]!.find((c) => c.noise === undefined || c.noise === 'wrong_argument')!;

  // The last write with one argument changed: a different row or value changes a different part
  // of the state (or makes the call fail), so state alignment rejects; the last one, because a
  // later write to the same row would cover an earlier mistake up. Only writes: a wrong read
  // argument is a different question, not a mistake a filter can see for what it is.
  if (on.has('wrong_argument')) {
    for (const i of kept.filter((k) => gold[k]!.op === 'write').reverse()) {
      const wrong = wrongArguments(gold[i]!, parametersOf(gold[i]!.name), keys);
      if (!wrong) continue;
      calls[i] = [{ name: gold[i]!.name, args: wrong, noise: 'wrong_argument', appliedWhen: 'made' }];
      break;
    }
  }

  // The first call sent with its arguments cut short, then sent right: the environment answers the
  // broken one with an error and the state is untouched, so only validity sees it.
  if (on.has('malformed_call') && kept.length) {
    const i = kept[0]!;
    const text = JSON.stringify(goldOf(i).args);
    calls[i]!.unshift({ name: gold[i]!.name, args: text.slice(0, -1), noise: 'malformed_call', appliedWhen: 'made' });
  }

  // A call on a row that does not exist, before the right one: the tool refuses it and the agent
  // recovers, so every filter passes.
  if (on.has('tool_error')) {
    // The sampler probed which call refuses which missing row (GoldCall.refusal); without one, the
    // error would be a guess (a search for a missing id may return nothing rather than fail).
    for (const i of kept) {
      const bad = gold[i]!.refusal;
      if (!bad) continue;
      const at = calls[i]!.findIndex((c) => c === goldOf(i));
      calls[i]!.splice(at, 0, { name: gold[i]!.name, args: bad, noise: 'tool_error', appliedWhen: 'error' });
      break;
    }
  }

  // One more successful read: the state is the same, but the call sequence is not.
  if (on.has('extra_read')) {
    const read = kept.find((i) => gold[i]!.op === 'read');
    if (read !== undefined) {
      // Repeated right after itself, so it reads what the gold read did.
      calls[read]!.push({ name: gold[read]!.name, args: gold[read]!.arguments, noise: 'extra_read', appliedWhen: 'ok' });
    } else {
      const extra = borrowedRead(content, gold, kept);
      if (extra) calls[extra.before]!.unshift({ name: extra.name, args: extra.args, noise: 'extra_read', appliedWhen: 'ok' });
    }
  }
  return { calls, skipped };
}

/**
 * The switches that have a place in this task on their own (wrong_argument needs a write whose
 * arguments can change, tool_error a probed refusal, extra_read a read to make): a trajectory
 * drawn one switch gets one it can really show.
 */
export function applicableNoise(task: Task, content: EnvironmentContent, noise: readonly Noise[]): Noise[] {
  return noise.filter(
    (n) => planNoise(task, content, [n]).calls.some((calls) => calls.some((c) => c.noise === n)) || (n === 'skipped_step' && task.calls.length > 0),
  );
}

/**
 * A read tool the task does not use, called with arguments that gold calls already carry (a
 * get_order_details with the order_id a cancel used), placed before the call it borrows from,
 * when the row is sure to exist. A read without parameters will do if no other fits.
 */
function borrowedRead(content: EnvironmentContent, gold: GoldCall[], kept: number[]): { name: string; args: Record<string, unknown>; before: number } | null {
  let parameterless: { name: string; args: Record<string, unknown>; before: number } | null = null;
  for (const tool of content.tools) {
    if (tool.op !== 'read') continue;
    const properties = (tool.parameters.properties ?? {}) as Record<string, unknown>;
    const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : [];
    const names = Object.keys(properties);
    if (!names.length) {
      if (!required.length && kept.length) parameterless ??= { name: tool.name, args: {}, before: kept[0]! };
      continue;
    }
    const args: Record<string, unknown> = {};
    let before: number | null = null;
    for (const name of names) {
      const from = kept.find((i) => gold[i]!.arguments[name] !== undefined && gold[i]!.arguments[name] !== null);
      if (from === undefined) continue;
      args[name] = gold[from]!.arguments[name];
      before = before === null ? from : Math.min(before, from);
    }
    if (before === null || required.some((r) => !(r in args))) continue;
    if (argumentsProblem(tool.parameters, args)) continue;
    return { name: tool.name, args, before };
  }
  return parameterless;
}

/** The first argument changed so the call is still well formed and plausible, or null if none can be. */
export function wrongArguments(call: GoldCall, parameters: Record<string, unknown>, keys: KeyIndex): Record<string, unknown> | null {
  const properties = (parameters.properties ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const entries = Object.entries(call.arguments);
  // Most plausible first: another row's id, then another member of an enum, then a nearby value.
  const ranked = [
    ...entries.filter(([name, v]) => keys.tableOf(name, v) !== null),
    ...entries.filter(([name]) => Array.isArray(properties[name]?.enum)),
    ...entries.filter(([, v]) => typeof v === 'number' || typeof v === 'boolean'),
    ...entries.filter(([, v]) => typeof v === 'string'),
    ...entries.filter(([, v]) => Array.isArray(v) && v.length > 0),
  ];
  const seen = new Set<string>();
  for (const [name, value] of ranked) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const changed of alternatives(name, value, properties[name] ?? {}, keys)) {
      const args = { ...call.arguments, [name]: changed };
      if (!argumentsProblem(parameters, args)) return args;
    }
  }
  return null;
}

function alternatives(name: string, value: unknown, schema: Record<string, unknown>, keys: KeyIndex): unknown[] {
  const out: unknown[] = [];
  const table = keys.tableOf(name, value);
  if (table !== null) out.push(...keys.otherKeys(table, value as Value).slice(0, 1));
  if (Array.isArray(schema.enum)) {
    const members = schema.enum as unknown[];
    const at = members.findIndex((m) => m === value);
    for (let k = 1; k < members.length; k++) out.push(members[(at + k + members.length) % members.length]);
  }
  if (typeof value === 'number') out.push(value + 1, value - 1);
  if (typeof value === 'boolean') out.push(!value);
  if (typeof value === 'string') out.push(nearbyString(value));
  if (Array.isArray(value) && value.length) {
    const items = (schema.items ?? {}) as Record<string, unknown>;
    for (const first of alternatives(name, value[0], items, keys)) out.push([first, ...value.slice(1)]);
  }
  return out.filter((v) => JSON.stringify(v) !== JSON.stringify(value));
}

/** A string of the same shape: trailing digits counted on (a zip, an id), else a mark added. */
function nearbyString(value: string): string {
  const digits = /(\d+)$/.exec(value);
  if (digits) {
    const n = String(BigInt(digits[1]!) + 1n).padStart(digits[1]!.length, '0');
    return value.slice(0, digits.index) + n;
  }
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, at)}2${value.slice(at)}`;
  return `${value}2`;
}
