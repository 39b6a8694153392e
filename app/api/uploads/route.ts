import { readConfig } from '@/server/config';
import { MultipartError, readMultipartFiles } from '@/server/http/multipart';
import { refuseCrossSite } from '@/server/http/same-origin';
import { errorResponse } from '@/server/http/error-response';
import { MAX_INPUT_BYTES } from '@/server/pipeline/tools/parse';
import { signedInStudio } from '@/server/http/signed-in';
import { receiveUploads } from '@/server/uploads';

export const dynamic = 'force-dynamic';

/** Multipart upload of collection files (field `files`); answers with a preview of each. */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  try {
    const { studio } = await signedInStudio(request, 'curate');
    // Every file is read (within the caps) before anything is stored: a refused upload leaves nothing behind.
    const { uploads } = readConfig();
    const files = await readMultipartFiles(request, 'files', {
      fileBytes: Math.min(MAX_INPUT_BYTES, uploads.maxBytes),
      totalBytes: uploads.maxBytes,
      files: 500,
    });
    return Response.json(await receiveUploads(studio.database.db, files));
  } catch (e) {
    if (e instanceof MultipartError) return Response.json({ error: e.message }, { status: 400 });
    return errorResponse(e);
  }
}
