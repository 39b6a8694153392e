import { withErrorHandling } from '@/server/http/error-response';
import { idParam } from '@/server/http/params';
import { servedStudio } from '@/server/http/served';
import { handleMcpRequest } from '@/server/serve/mcp';

export const dynamic = 'force-dynamic';

/**
 * The environment version as an MCP server (Streamable HTTP): POST JSON-RPC messages (an
 * initialize opens a session; `?task=<taskId>` starts it from that task's initial state), GET for
 * the server's stream, DELETE to end the session. Reading needs a viewer; calling tools a reviewer.
 */
const handler = withErrorHandling('mcp', async (request: Request, { params }: { params: Promise<{ versionId: string }> }) => {
  const versionId = idParam((await params).versionId, 'environment version');
  const { studio, user } = await servedStudio(request, 'read');
  const task = new URL(request.url).searchParams.get('task');
  return handleMcpRequest(studio.database.db, user, versionId, request, task ? idParam(task, 'task') : undefined);
});

export { handler as GET, handler as POST, handler as DELETE };
