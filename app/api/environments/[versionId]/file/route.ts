import { environmentFileOf } from '@/server/db/queries/environment-files';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One environment version, with its tasks, as a downloadable environment file. */
export async function GET(_request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  let file: Awaited<ReturnType<typeof environmentFileOf>>;
  try {
    file = UUID.test(versionId) ? await environmentFileOf((await getStudio()).database.db, versionId) : null;
  } catch (err) {
    return Response.json({ error: err instanceof Error ? err.message : String(err) }, { status: 500 });
  }
  if (!file) return Response.json({ error: `No environment version ${versionId}` }, { status: 404 });
  return new Response(file.text, {
    headers: { 'Content-Type': 'application/json', 'Content-Disposition': `attachment; filename="${file.name}"`, 'Cache-Control': 'no-store' },
  });
}
