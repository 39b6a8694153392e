import { parseArgs } from 'node:util';
import { ConfigError } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { COMMANDS, type CommandName } from './cli/commands';
import { UsageError } from './cli/usage';
import { UserError } from './kernel/errors';

/**
 * `npm run -s cli -- <command> [options] [--json]`: the pipeline headless, on the same database as
 * the web studio. With --json, stdout carries exactly one JSON document; errors go to stderr.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name as CommandName];
  if (!command) throw new UsageError(`Unknown command "${name}".\n\n${helpText()}`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean', default: false }, ...command.options },
    allowPositionals: true,
    strict: true,
  });
  const output = await command.run({ values, positionals });
  await writeOut(values.json ? `${JSON.stringify(output)}\n` : command.human(output as never));
  return (command as { exitCode?: (o: unknown) => number }).exitCode?.(output) ?? 0;
}

/** Resolves once the text is handed to the OS: exiting earlier truncates output written to a pipe. */
const writeOut = (text: string) => new Promise<void>((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));

function helpText() {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
  return `Usage: npm run -s cli -- <command> [options] [--json]\n\nCommands:\n${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof UserError;
    const isArgError = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!known && !isArgError && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exit(err instanceof UsageError || isArgError ? 2 : 1);
  },
);
