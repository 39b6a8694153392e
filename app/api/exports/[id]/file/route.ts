import { exportFileStream } from '@/server/db/queries/exports';
import { withErrorHandling } from '@/server/http/error-response';
import { idParam } from '@/server/http/params';
import { notFound } from '@/server/kernel/errors';
import { exportFileName } from '@/server/pipeline/export/manifest';
import { signedInStudio } from '@/server/http/signed-in';

export const dynamic = 'force-dynamic';

/** A finished export's JSONL, streamed as a download. */
export const GET = withErrorHandling('export file', async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { studio } = await signedInStudio(request, 'read');
  const id = idParam((await params).id, 'export');
  const file = await exportFileStream(studio.database.db, id);
  if (!file) throw notFound(`No finished export ${id}: it may still be running, have failed, or been deleted.`);
  return new Response(file.stream, {
    headers: {
      'Content-Type': 'application/jsonl; charset=utf-8',
      'Content-Length': String(file.bytes),
      'Content-Disposition': `attachment; filename="${exportFileName(file.manifest)}"`,
      'Cache-Control': 'no-store',
    },
  });
});
