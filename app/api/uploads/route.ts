import { getStudio } from '@/server/studio';
import { receiveUploads } from '@/server/uploads';

export const dynamic = 'force-dynamic';

/** Multipart upload of collection files (field `files`); answers with a preview of each. */
export async function POST(request: Request) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: 'expected multipart/form-data with one or more "files"' }, { status: 400 });
  }
  const files = form.getAll('files').filter((f): f is File => typeof f !== 'string');
  if (files.length === 0) return Response.json({ error: 'no files in the upload' }, { status: 400 });
  const studio = await getStudio();
  const inputs = await Promise.all(files.map(async (f) => ({ name: f.name || 'pasted', bytes: new Uint8Array(await f.arrayBuffer()) })));
  return Response.json(await receiveUploads(studio.database.db, inputs));
}
