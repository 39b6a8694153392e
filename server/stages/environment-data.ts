import type { Db } from '../db/client';
import { getDomain } from '../db/queries/domains';
import { getEnvironmentDataState, insertEnvironmentData, type EnvironmentDataSummary } from '../db/queries/environment-data';
import { domainGraphTools, type EnvironmentVersionRow } from '../db/queries/environments';
import { DataFileError, parseDataFile } from '../pipeline/environment/grounded/data-file';
import { inferDataSchema } from '../pipeline/environment/grounded/infer-from-data';
import type { State } from '../pipeline/kernel/state';
import { seedState } from '../pipeline/environment/seed-state';
import { invalid, notFound } from '../kernel/errors';

/**
 * A user's database for a domain: read, checked against the domain's tools (a table no tool
 * mentions is refused by name, never dropped), then stored. Nothing is stored unless all of it
 * reads; the versions generated from it start from it.
 */
export async function attachData(db: Db, domainId: string, text: string, fileName: string): Promise<EnvironmentDataSummary> {
  const domain = await getDomain(db, domainId);
  if (!domain) throw notFound(`No domain ${domainId}.`);
  const tools = await domainGraphTools(db, domainId);
  if (tools.length === 0) throw invalid(`Domain ${domain.name} has no tools: a database is read against its tools.`);
  try {
    const data = parseDataFile(text, fileName);
    const { schema } = inferDataSchema(data, tools, fileName);
    const primaryKeys = Object.fromEntries(schema.tables.map((t) => [t.name, t.primaryKey]));
    return await insertEnvironmentData(db, domainId, fileName, data, primaryKeys);
  } catch (e) {
    if (e instanceof DataFileError) throw invalid(e.message);
    throw e;
  }
}

/** The state a version starts from: its user's data when it was grounded in some, else seeded rows. */
export async function versionInitialState(db: Db, version: Pick<EnvironmentVersionRow, 'dataId' | 'content'>, seed = 7): Promise<State> {
  if (version.dataId) {
    const state = await getEnvironmentDataState(db, version.dataId);
    if (state) return state;
  }
  return seedState(version.content.schema, { seed });
}
