import type { z } from 'zod';
import { UserError } from '../../kernel/errors';
import { taskFingerprint } from '../tasks/replay';
import type { EnvironmentFile } from './format';

/** A file that cannot be read, with every problem found, each naming where in the file it is. */
export class EnvironmentFileError extends UserError {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    super('invalid', problems.map((p) => `${fileName}: ${p}`).join('\n'));
    this.name = 'EnvironmentFileError';
  }
}

/** Problems reported per file before the rest are only counted. */
const MAX_PROBLEMS = 10;

/** `environment.content.tools[3].code`; keys that are not identifiers are quoted. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(top level)';
}

/**
 * zod's issues as `path: what is wrong`, without zod's "Invalid input: " preamble; a value that is
 * not one of the allowed ones is quoted from `input`, the JSON that was checked.
 */
export function issueProblems(issues: ReadonlyArray<z.core.$ZodIssue>, input?: unknown): string[] {
  return limit(
    issues.map((i) => {
      const message = i.message.replace(/^Invalid (input|option): /, '');
      const found = i.code === 'invalid_value' && input !== undefined ? `, received ${quote(at(input, i.path))}` : '';
      return `${jsonPath(i.path)}: ${message}${found}`;
    }),
  );
}

function at(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = value;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * What the schema cannot see: each task's fingerprint is that of its initial state and calls (a
 * changed task no longer matches), every call names a tool of this version, and `readOnly` says
 * what the calls do.
 */
export function consistencyProblems(file: EnvironmentFile): string[] {
  const problems: string[] = [];
  const tools = new Map<string, { name: string; op: string }>();
  file.environment.content.tools.forEach((t, i) => {
    if (tools.has(t.toolId)) problems.push(`environment.content.tools[${i}].toolId: tool id ${JSON.stringify(t.toolId)} appears twice`);
    tools.set(t.toolId, t);
  });
  file.tasks.forEach((task, i) => {
    const print = taskFingerprint(task.initialState, task.calls);
    if (print !== task.fingerprint)
      problems.push(`tasks[${i}].fingerprint: task ${i} does not match its fingerprint (its initial state or calls were changed)`);
    task.calls.forEach((call, j) => {
      const tool = tools.get(call.toolId);
      if (!tool) problems.push(`tasks[${i}].calls[${j}].toolId: tool ${JSON.stringify(call.toolId)} (${call.name}) is not in the environment`);
      else if (tool.name !== call.name || tool.op !== call.op)
        problems.push(
          `tasks[${i}].calls[${j}]: tool ${JSON.stringify(call.toolId)} is ${tool.name} (${tool.op}) in the environment, not ${call.name} (${call.op})`,
        );
    });
    const readOnly = task.calls.every((c) => c.op === 'read');
    if (task.readOnly !== readOnly) problems.push(`tasks[${i}].readOnly: is ${task.readOnly}, but the task ${readOnly ? 'only reads' : 'writes'}`);
  });
  return limit(problems);
}

function limit(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `and ${problems.length - MAX_PROBLEMS} more problems`];
}

/**
 * Places in a JSON value where a string (or a key) holds a NUL character: PostgreSQL cannot store
 * one in text or jsonb, so such a file is refused by name here rather than failing in the database.
 */
export function nulProblems(value: unknown, limit = 10): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: PropertyKey[]) => {
    if (found.length >= limit) return;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(`${jsonPath(path)}: contains a NUL character (\\u0000), which the database cannot store`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, [...path, i]));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) found.push(`${jsonPath(path)}: a key contains a NUL character (\\u0000), which the database cannot store`);
        walk(x, [...path, k]);
      }
    }
  };
  walk(value, []);
  return found;
}
