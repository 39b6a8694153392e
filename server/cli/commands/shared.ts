/** What every command module builds on: the command shape, the studio for one command, progress and usage errors. */

import type { ParseArgsOptionsConfig } from 'node:util';
import { openStudio, type Studio } from '../../studio';

export type Args = { values: Record<string, unknown>; positionals: string[] };

export type Command<T> = {
  summary: string;
  options: ParseArgsOptionsConfig;
  run(args: Args): Promise<T>;
  human(output: T): string;
  /** Non-zero when the command did its work only in part (some files failed to import). */
  exitCode?(output: T): number;
};

export const command = <T>(c: Command<T>) => c;

/** Opens the studio without workers for one command, and always closes it (and its lock). */
export async function withStudio<T>(name: string, fn: (studio: Studio) => Promise<T>): Promise<T> {
  const studio = await openStudio({ command: `cli ${name}` });
  try {
    return await fn(studio);
  } finally {
    await studio.close();
  }
}

/** zod issues as option names and messages: "--n: Too big: expected number to be <=1000". */
export function usageIssues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const renamed: Record<string, string> = { domainIds: 'domain', domainId: 'domain', taskIds: 'tasks', intentWriter: 'intent', targets: 'target' };
  const option = (key: PropertyKey) => `--${renamed[String(key)] ?? String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  // The option is the innermost named field: ['settings', 'noise', 0] is --noise.
  const named = (path: PropertyKey[]) => [...path].reverse().find((k) => typeof k === 'string');
  return error.issues.map((i) => `${named(i.path) ? `${option(named(i.path)!)}: ` : ''}${i.message}`).join('; ');
}

/** Numeric options by name: an absent one stays undefined (the schema's default applies), any other is a number for the schema to check. */
export const numberOptions = (values: Record<string, unknown>) => (key: string) => (values[key] === undefined ? undefined : Number(values[key]));

/** A long stage's progress on stderr, so that stdout keeps only the command's output (one JSON document with --json). */
export async function reportProgress(percent: number, message: string): Promise<void> {
  process.stderr.write(`[${Math.round(percent).toString().padStart(3)}%] ${message}\n`);
}
