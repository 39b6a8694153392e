import { environmentFileOf } from '@/server/db/queries/environment-files';
import { withErrorHandling } from '@/server/http/error-response';
import { idParam } from '@/server/http/params';
import { notFound } from '@/server/kernel/errors';
import { signedInStudio } from '@/server/http/signed-in';

export const dynamic = 'force-dynamic';

/** One environment version, with its tasks, as a downloadable environment file. */
export const GET = withErrorHandling('environment file', async (request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const { studio } = await signedInStudio(request, 'read');
  const versionId = idParam((await params).versionId, 'environment version');
  const file = await environmentFileOf(studio.database.db, versionId);
  if (!file) throw notFound(`No environment version ${versionId}.`);
  return new Response(file.text, {
    headers: { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${file.name}"`, 'Cache-Control': 'no-store' },
  });
});
