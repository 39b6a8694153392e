import { withErrorHandling } from '@/server/http/error-response';
import { readJsonBody } from '@/server/http/json-body';
import { idParam } from '@/server/http/params';
import { servedStudio } from '@/server/http/served';
import { closeEpisode } from '@/server/serve/gym';

export const dynamic = 'force-dynamic';

/** Ends an episode early (`{episodeId}`): `{closed}`. */
export const POST = withErrorHandling('gym close', async (request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const versionId = idParam((await params).versionId, 'environment version');
  const { user } = await servedStudio(request, 'play');
  return Response.json(closeEpisode(user, versionId, await readJsonBody(request)));
});
