import { getEnvironmentVersion } from '@/server/db/queries/environments';
import { readBodyCapped, uploadFileName } from '@/server/http/read-body';
import { refuseCrossSite } from '@/server/http/same-origin';
import { errorResponse } from '@/server/http/stage-response';
import { getSandbox } from '@/server/pipeline/sandbox/sandbox';
import { MAX_REFERENCE_BYTES } from '@/server/pipeline/reference/format';
import { invalid, notFound } from '@/server/stages/errors';
import { checkReference } from '@/server/stages/reference';
import { getStudio } from '@/server/studio';

export const dynamic = 'force-dynamic';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A reference (real calls, outputs and final diffs) as the raw request body: replayed on the version, scored, and kept with it. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  try {
    const { versionId } = await params;
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const db = (await getStudio()).database.db;
    const version = UUID.test(versionId) ? await getEnvironmentVersion(db, versionId) : null;
    if (!version) throw notFound(`No environment version ${versionId}.`);
    const bytes = await readBodyCapped(request, MAX_REFERENCE_BYTES);
    if (bytes.byteLength === 0) throw invalid('The upload is empty: choose a reference JSON file.');
    const out = await checkReference(db, getSandbox(), { version, text: new TextDecoder().decode(bytes), fileName: uploadFileName(request, 'reference.json'), signal: request.signal });
    return Response.json({ checkId: out.checkId, tasks: out.tasks });
  } catch (e) {
    return errorResponse(e);
  }
}
