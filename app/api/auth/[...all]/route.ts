import { studioAuth } from '@/server/auth/auth';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

/** Better Auth's own endpoints (sign-in, sign-out, session, the admin plugin's) under /api/auth. */
async function handler(request: Request): Promise<Response> {
  const studio = await getStudio();
  return (await studioAuth(studio.database.db, studio.config)).handler(request);
}

export { handler as GET, handler as POST };
