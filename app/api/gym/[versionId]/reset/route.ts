import { withErrorHandling } from '@/server/http/error-response';
import { readJsonBody } from '@/server/http/json-body';
import { idParam } from '@/server/http/params';
import { servedStudio } from '@/server/http/served';
import { resetEpisode } from '@/server/serve/gym';

export const dynamic = 'force-dynamic';

/** Starts an episode of a task of this version (`{taskId?, user?, maxTurns?}`; a random task when none is named): `{episodeId, taskId, observation: {messages, tools}}`. */
export const POST = withErrorHandling('gym reset', async (request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const versionId = idParam((await params).versionId, 'environment version');
  const { studio, user } = await servedStudio(request, 'play');
  return Response.json(await resetEpisode(studio.database.db, studio.config, user, versionId, await readJsonBody(request)));
});
