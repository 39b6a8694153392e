import { consistencyProblems, EnvironmentFileError, issueProblems, nulProblems } from './check';
import { ENVIRONMENT_FILE_FORMAT, ENVIRONMENT_FILE_VERSION, environmentFile, type EnvironmentFile } from './format';

/**
 * Reads an environment file (exportEnvironment). Every error names the file and, where it can,
 * the JSON path of what is wrong: `env.json: environment.content.tools[3].code: expected string,
 * received undefined`. A file of another format or version is refused before its content is read.
 */
export function parseEnvironmentFile(text: string, fileName: string): EnvironmentFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new EnvironmentFileError(fileName, [`not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new EnvironmentFileError(fileName, [`expected a JSON object, found ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`]);
  const { format, version } = json as Record<string, unknown>;
  if (format !== ENVIRONMENT_FILE_FORMAT) {
    const found = format === undefined ? 'has no "format"' : `has format ${JSON.stringify(format)}`;
    throw new EnvironmentFileError(fileName, [`not an Environment Studio environment file: it ${found}, expected "${ENVIRONMENT_FILE_FORMAT}"`]);
  }
  if (version !== ENVIRONMENT_FILE_VERSION) {
    const newer = typeof version === 'number' && version > ENVIRONMENT_FILE_VERSION ? ', made by a newer Environment Studio' : '';
    throw new EnvironmentFileError(fileName, [
      `unsupported environment file version ${JSON.stringify(version)}${newer}: this build reads version ${ENVIRONMENT_FILE_VERSION}`,
    ]);
  }
  const parsed = environmentFile.safeParse(json);
  if (!parsed.success) throw new EnvironmentFileError(fileName, issueProblems(parsed.error.issues, json));
  const problems = [...nulProblems(parsed.data), ...consistencyProblems(parsed.data)];
  if (problems.length) throw new EnvironmentFileError(fileName, problems);
  return parsed.data;
}
