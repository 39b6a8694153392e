import { studioStatus } from '@/server/db/queries/health';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const status = await studioStatus(await getStudio());
    return Response.json({ status: 'ok', database: status.database, migration: status.migration, pendingMigrations: status.pendingMigrations });
  } catch (err) {
    return Response.json({ status: 'error', error: err instanceof Error ? err.message : String(err) }, { status: 503 });
  }
}
