import { withErrorHandling } from '@/server/http/error-response';
import { readJsonBody } from '@/server/http/json-body';
import { idParam } from '@/server/http/params';
import { servedStudio } from '@/server/http/served';
import { storeMcpSession } from '@/server/serve/mcp';

export const dynamic = 'force-dynamic';

/** Ends an MCP session started from a task (`{sessionId}`) and stores it as a verified trajectory: `{runId, trajectoryId, passed, filters, …}`. */
export const POST = withErrorHandling('mcp trajectory', async (request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const versionId = idParam((await params).versionId, 'environment version');
  const { studio, user } = await servedStudio(request, 'curate');
  return Response.json(await storeMcpSession(studio.database.db, user, versionId, await readJsonBody(request)));
});
