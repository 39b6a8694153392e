import { withErrorHandling } from '@/server/http/error-response';
import { readJsonBody } from '@/server/http/json-body';
import { idParam } from '@/server/http/params';
import { servedStudio } from '@/server/http/served';
import { stepEpisode } from '@/server/serve/gym';

export const dynamic = 'force-dynamic';

/** One action of the agent (`{episodeId, action}`, an OpenAI assistant message): `{observation, reward, done, info}`. */
export const POST = withErrorHandling('gym step', async (request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const versionId = idParam((await params).versionId, 'environment version');
  const { studio, user } = await servedStudio(request, 'play');
  return Response.json(await stepEpisode(studio.database.db, user, versionId, await readJsonBody(request)));
});
