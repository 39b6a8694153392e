import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { BodyTooLargeError } from './read-body';

export type UploadedFile = { name: string; bytes: Uint8Array };
export type UploadLimits = { fileBytes: number; totalBytes: number; files: number };

/** Anything wrong with the form itself (not multipart, no files): a 400 with this sentence. */
export class MultipartError extends Error {
  override name = 'MultipartError';
}

const MB = 1024 * 1024;

/**
 * The files of a multipart form field, read as the body streams in: a declared Content-Length over
 * the total cap is refused before reading, and the running count of bytes (whole body and each
 * file) refuses the upload the moment it passes a cap, so a 1 GB body is never held in memory.
 */
export async function readMultipartFiles(request: Request, field: string, limits: UploadLimits): Promise<UploadedFile[]> {
  const contentType = request.headers.get('content-type') ?? '';
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.totalBytes) throw tooLarge(limits.totalBytes, 'upload');
  if (!request.body) throw new MultipartError('The upload is empty: send multipart/form-data with one or more "files".');

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { files: limits.files, fields: 100, fieldSize: MB } });
  } catch {
    throw new MultipartError('The upload is not multipart/form-data: send one or more "files" as a form.');
  }

  const files: UploadedFile[] = [];
  const reading: Promise<void>[] = [];
  parser.on('file', (name, stream, info) => {
    if (name !== field) {
      stream.resume();
      return;
    }
    const fileName = info.filename || 'pasted';
    reading.push(
      new Promise<void>((resolve) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          if (size > limits.fileBytes) return;
          size += chunk.length;
          if (size > limits.fileBytes) {
            chunks.length = 0;
            parser.destroy(tooLarge(limits.fileBytes, 'file', fileName));
            return;
          }
          chunks.push(chunk);
        });
        // The parser destroyed mid-file passes its error here too; the pipeline reports it once.
        stream.on('error', () => resolve());
        stream.on('close', () => {
          if (size <= limits.fileBytes) files.push({ name: fileName, bytes: new Uint8Array(Buffer.concat(chunks, size)) });
          resolve();
        });
      }),
    );
  });
  parser.on('filesLimit', () => parser.destroy(new MultipartError(`The upload has more than ${limits.files} files: send fewer at a time.`)));

  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > limits.totalBytes) done(tooLarge(limits.totalBytes, 'upload'));
      else done(null, chunk);
    },
  });
  const finished = new Promise<void>((resolve) => parser.on('close', resolve));

  try {
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>), counter, parser);
    await finished;
    await Promise.all(reading);
  } catch (e) {
    if (e instanceof BodyTooLargeError || e instanceof MultipartError) throw e;
    throw new MultipartError(`The upload could not be read as multipart/form-data: ${e instanceof Error ? e.message : String(e)}.`);
  }
  if (files.length === 0) throw new MultipartError('The upload holds no files: send one or more as the form field "files".');
  return files;
}

function tooLarge(max: number, what: 'upload' | 'file', name?: string): BodyTooLargeError {
  const limit = `${Math.round((max / MB) * 10) / 10} MB`;
  const message =
    what === 'upload'
      ? `The upload is larger than the ${limit} limit for one upload, so nothing was stored; send fewer files at a time or raise STUDIO_UPLOAD_MAX_MB.`
      : `The upload is larger than the ${limit} limit for one file ("${name}"), so nothing was stored.`;
  return new BodyTooLargeError(max, message);
}
