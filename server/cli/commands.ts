import type { ParseArgsOptionsConfig } from 'node:util';
import { studioStatus } from '../db/queries/health';
import { openStudio, type Studio } from '../studio';

type Args = { values: Record<string, unknown>; positionals: string[] };

type Command<T> = {
  summary: string;
  options: ParseArgsOptionsConfig;
  run(args: Args): Promise<T>;
  human(output: T): string;
};

const command = <T>(c: Command<T>) => c;

/** Opens the studio without workers for one command, and always closes it (and its lock). */
async function withStudio<T>(name: string, fn: (studio: Studio) => Promise<T>): Promise<T> {
  const studio = await openStudio({ command: `cli ${name}` });
  try {
    return await fn(studio);
  } finally {
    await studio.close();
  }
}

export const COMMANDS = {
  status: command({
    summary: 'database kind, applied migration and job counts',
    options: {},
    run: () =>
      withStudio('status', async (studio) => {
        const s = await studioStatus(studio);
        return { database: s.database, migration: s.migration, jobs: s.jobs };
      }),
    human: (s) =>
      `database:  ${s.database}\nmigration: ${s.migration}\njobs:      ${Object.entries(s.jobs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n`,
  }),
};

export type CommandName = keyof typeof COMMANDS;
