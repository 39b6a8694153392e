import { getEnvironmentVersion } from '@/server/db/queries/environments';
import { readBodyCapped, uploadFileName } from '@/server/http/read-body';
import { refuseCrossSite } from '@/server/http/same-origin';
import { errorResponse } from '@/server/http/error-response';
import { getSandbox } from '@/server/pipeline/sandbox/sandbox';
import { MAX_REFERENCE_BYTES } from '@/server/pipeline/reference/format';
import { idParam } from '@/server/http/params';
import { invalid, notFound } from '@/server/kernel/errors';
import { checkReference } from '@/server/stages/reference';
import { signedInStudio } from '@/server/http/signed-in';

export const dynamic = 'force-dynamic';

/** A reference (real calls, outputs and final diffs) as the raw request body: replayed on the version, scored, and kept with it. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  try {
    const versionId = idParam((await params).versionId, 'environment version');
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const db = (await signedInStudio(request, 'curate')).studio.database.db;
    const version = await getEnvironmentVersion(db, versionId);
    if (!version) throw notFound(`No environment version ${versionId}.`);
    const bytes = await readBodyCapped(request, MAX_REFERENCE_BYTES);
    if (bytes.byteLength === 0) throw invalid('The upload is empty: choose a reference JSON file.');
    const out = await checkReference(db, getSandbox(), {
      version,
      text: new TextDecoder().decode(bytes),
      fileName: uploadFileName(request, 'reference.json'),
      signal: request.signal,
    });
    return Response.json({ checkId: out.checkId, tasks: out.tasks });
  } catch (e) {
    return errorResponse(e, 'reference upload');
  }
}
