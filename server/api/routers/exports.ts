import { z } from 'zod';
import { invalid, notFound } from '../../kernel/errors';
import { targetDomains } from '../../db/queries/domains';
import { countExportableParts, deleteExport, exportListInput, getExport, listExports } from '../../db/queries/exports';
import { launchExport } from '../../stages/export';
import { exportSelection } from '../../pipeline/export/manifest';
import { readProcedure, curateProcedure, router } from '../trpc';

const byId = z.object({ id: z.uuid() });

export const exportsRouter = router({
  list: readProcedure.input(exportListInput).query(({ ctx, input }) => listExports(ctx.db, input)),
  get: readProcedure.input(byId).query(async ({ ctx, input }) => {
    const row = await getExport(ctx.db, input.id);
    if (!row) throw notFound(`No export ${input.id}`);
    return row;
  }),
  /** What the form would export: the marked targets, and per phase and source how many trajectories (and how many of them failed verification yet were accepted). */
  preview: readProcedure.query(async ({ ctx }) => {
    const db = ctx.db;
    const targets = await targetDomains(db);
    const ids = targets.map((d) => d.id);
    const [accepted, acceptedOrPassed, vertical, verticalOrPassed] = await Promise.all([
      countExportableParts(db, { source: 'accepted', phase: 1, targets: [] }),
      countExportableParts(db, { source: 'accepted_or_passed', phase: 1, targets: [] }),
      countExportableParts(db, { source: 'accepted', phase: 2, targets: ids }),
      countExportableParts(db, { source: 'accepted_or_passed', phase: 2, targets: ids }),
    ]);
    return { targets, general: { accepted, accepted_or_passed: acceptedOrPassed }, vertical: { accepted: vertical, accepted_or_passed: verticalOrPassed } };
  }),
  launch: curateProcedure.input(exportSelection).mutation(({ ctx, input }) => launchExport(ctx.db, (i) => ctx.jobs.enqueue('export', i), input)),
  delete: curateProcedure.input(byId).mutation(async ({ ctx, input }) => {
    const row = await getExport(ctx.db, input.id);
    if (row && (row.status === 'queued' || row.status === 'running')) throw invalid('the export is still running: cancel its job first');
    return { deleted: await deleteExport(ctx.db, input.id) };
  }),
});
