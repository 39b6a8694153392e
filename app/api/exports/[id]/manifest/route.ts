import { getExportSelection } from '@/server/db/queries/exports';
import { withErrorHandling } from '@/server/http/error-response';
import { idParam } from '@/server/http/params';
import { notFound } from '@/server/kernel/errors';
import { exportFileName } from '@/server/pipeline/export/manifest';
import { signedInStudio } from '@/server/http/signed-in';

export const dynamic = 'force-dynamic';

/** A finished export's manifest (counts, domains, filters, environment versions) as a download. */
export const GET = withErrorHandling('export manifest', async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { studio } = await signedInStudio(request, 'read');
  const id = idParam((await params).id, 'export');
  const row = await getExportSelection(studio.database.db, id);
  if (!row?.manifest) throw notFound(`No finished export ${id}.`);
  return new Response(`${JSON.stringify(row.manifest, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(row.manifest).replace(/\.jsonl$/, '.manifest.json')}"`,
      'Cache-Control': 'no-store',
    },
  });
});
