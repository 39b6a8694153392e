import { getExportSelection } from '@/server/db/queries/exports';
import { exportFileName } from '@/server/pipeline/export/manifest';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

/** A finished export's manifest (counts, domains, filters, environment versions) as a download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const studio = await getStudio();
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await getExportSelection(studio.database.db, id) : null;
  if (!row?.manifest) return Response.json({ error: `no finished export ${id}` }, { status: 404 });
  return new Response(`${JSON.stringify(row.manifest, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(row.manifest).replace(/\.jsonl$/, '.manifest.json')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
