import { exportFileStream } from '@/server/db/queries/exports';
import { exportFileName } from '@/server/pipeline/export/manifest';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

/** A finished export's JSONL, streamed as a download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const studio = await getStudio();
  const file = /^[0-9a-f-]{36}$/i.test(id) ? await exportFileStream(studio.database.db, id) : null;
  if (!file) return Response.json({ error: `no finished export ${id}: it may still be running, have failed, or been deleted` }, { status: 404 });
  return new Response(file.stream, {
    headers: {
      'Content-Type': 'application/jsonl; charset=utf-8',
      'Content-Length': String(file.bytes),
      'Content-Disposition': `attachment; filename="${exportFileName(file.manifest)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
