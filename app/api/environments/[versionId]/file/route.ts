import { environmentFileOf } from '@/server/db/queries/environment-files';
import { withErrorHandling } from '@/server/http/error-response';
import { idParam } from '@/server/http/params';
import { notFound } from '@/server/kernel/errors';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

/** One environment version, with its tasks, as a downloadable environment file. */
export const GET = withErrorHandling('environment file', async (_request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const versionId = idParam((await params).versionId, 'environment version');
  const file = await environmentFileOf((await getStudio()).database.db, versionId);
  if (!file) throw notFound(`No environment version ${versionId}.`);
  return new Response(file.text, {
    headers: { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${file.name}"`, 'Cache-Control': 'no-store' },
  });
});
