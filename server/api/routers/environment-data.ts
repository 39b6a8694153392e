import { z } from 'zod';
import { notFound } from '../../kernel/errors';
import {
  getEnvironmentDataSummary,
  getReferenceCheck,
  listDomainData,
  listReferenceChecks,
  PREVIEW_PAGE,
  previewDataRows,
} from '../../db/queries/environment-data';
import { getEnvironmentVersion } from '../../db/queries/environments';
import { readProcedure, router } from '../trpc';

/** A domain's database files (previews paged in the database) and a version's reference checks. */
export const environmentDataRouter = router({
  /** The data the version starts from, and every file uploaded for the domain. */
  forVersion: readProcedure.input(z.object({ domainId: z.uuid(), versionId: z.uuid().nullable() })).query(async ({ ctx, input }) => {
    const db = ctx.db;
    const version = input.versionId ? await getEnvironmentVersion(db, input.versionId) : null;
    return { current: version?.dataId ? await getEnvironmentDataSummary(db, version.dataId) : null, uploads: await listDomainData(db, input.domainId) };
  }),
  preview: readProcedure
    .input(
      z.object({
        dataId: z.uuid(),
        table: z.string().min(1).max(63),
        after: z.string().max(1000).nullable().default(null),
        limit: z.number().int().min(1).max(200).default(PREVIEW_PAGE),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.db;
      const data = await getEnvironmentDataSummary(db, input.dataId);
      if (!data) throw notFound(`No stored database ${input.dataId}`);
      const table = data.tables.find((t) => t.name === input.table);
      if (!table) throw notFound(`${data.fileName} has no table ${input.table}`);
      return { table, ...(await previewDataRows(db, input.dataId, input.table, input.after, input.limit)) };
    }),
  checks: readProcedure.input(z.object({ versionId: z.uuid() })).query(({ ctx, input }) => listReferenceChecks(ctx.db, input.versionId)),
  check: readProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const row = await getReferenceCheck(ctx.db, input.id);
    if (!row) throw notFound(`No reference check ${input.id}`);
    return row;
  }),
});
