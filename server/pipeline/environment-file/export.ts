import type { EnvironmentContent, Generator } from '../environment/model';
import type { Task, TaskSplit } from '../tasks/model';
import { consistencyProblems, EnvironmentFileError, issueProblems } from './check';
import { ENVIRONMENT_FILE_FORMAT, ENVIRONMENT_FILE_VERSION, environmentFile } from './format';

/** What an export needs: the domain, one of its versions, its seed settings and its tasks. */
export type ExportInput = {
  domain: { name: string };
  environment: { number: number; generator: Generator; message: string; createdAt?: Date | string | null; content: EnvironmentContent };
  seedState: { seed: number; rows: number };
  /** `split` absent: 'train'. */
  tasks: Array<Task & { split?: TaskSplit }>;
};

/**
 * The version as one pretty-printed JSON file. Keys of the file's own objects come in the
 * schema's order (zod's output order), whatever order the input had; the data inside (columns,
 * parameters, states, arguments, results) keeps its own order, since it carries meaning (seeding
 * walks the columns in order). So two exports of the same data are byte-identical, and so is the
 * export of an imported file. Input the importer would reject is refused here, with the same
 * messages, so no file is written that cannot be read back.
 */
export function exportEnvironment(input: ExportInput): string {
  const { createdAt, ...environment } = input.environment;
  const file = {
    format: ENVIRONMENT_FILE_FORMAT,
    version: ENVIRONMENT_FILE_VERSION,
    domain: { name: input.domain.name },
    environment: { ...environment, ...(createdAt == null ? {} : { createdAt: createdAt instanceof Date ? createdAt.toISOString() : createdAt }) },
    seedState: input.seedState,
    tasks: input.tasks,
  };
  const parsed = environmentFile.safeParse(file);
  const name = 'cannot export environment';
  if (!parsed.success) throw new EnvironmentFileError(name, issueProblems(parsed.error.issues, file));
  const problems = consistencyProblems(parsed.data);
  if (problems.length) throw new EnvironmentFileError(name, problems);
  return `${JSON.stringify(parsed.data, null, 2)}\n`;
}

/** A file name for an export: `retail-v3.environment.json`. */
export function environmentFileName(domainName: string, number: number): string {
  const slug =
    domainName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'domain';
  return `${slug}-v${number}.environment.json`;
}
