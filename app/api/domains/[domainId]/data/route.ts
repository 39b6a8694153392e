import { readBodyCapped, uploadFileName } from '@/server/http/read-body';
import { refuseCrossSite } from '@/server/http/same-origin';
import { errorResponse } from '@/server/http/error-response';
import { MAX_DATA_BYTES } from '@/server/pipeline/environment/grounded/data-file';
import { attachData } from '@/server/stages/environment-data';
import { idParam } from '@/server/http/params';
import { invalid } from '@/server/kernel/errors';
import { signedInStudio } from '@/server/http/signed-in';

export const dynamic = 'force-dynamic';

/** A domain's database file as the raw request body (its name in `X-File-Name`): read against the domain's tools and stored. */
export async function POST(request: Request, { params }: { params: Promise<{ domainId: string }> }) {
  try {
    const domainId = idParam((await params).domainId, 'domain');
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const { studio } = await signedInStudio(request, 'curate');
    const bytes = await readBodyCapped(request, MAX_DATA_BYTES);
    if (bytes.byteLength === 0) throw invalid('The upload is empty: choose a JSON database file.');
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const data = await attachData(studio.database.db, domainId, text, uploadFileName(request, 'data.json'));
    return Response.json(data);
  } catch (e) {
    return errorResponse(e, 'domain data upload');
  }
}
