import { collections, importCommand, tools } from './commands/collections';
import { check, envgen, replay } from './commands/environments';
import { evaluate, split } from './commands/evaluate';
import { exportCommand } from './commands/export';
import { domains, graph } from './commands/graph';
import { demo, status } from './commands/studio';
import { rollout, sample, tasks } from './commands/tasks-runs';
import { keys } from './commands/keys';
import { users } from './commands/users';

/** Every command by name, in the order `help` lists them (roughly the pipeline's, stage by stage); each group lives in commands/. */
export const COMMANDS = {
  status,
  import: importCommand,
  tools,
  collections,
  graph,
  domains,
  envgen,
  replay,
  check,
  sample,
  tasks,
  rollout,
  split,
  evaluate,
  export: exportCommand,
  demo,
  users,
  keys,
};

export type CommandName = keyof typeof COMMANDS;
