import { describe, expect, it } from 'vitest';
import { multipartRequest } from '../testing/multipart-body';
import { MultipartError, readMultipartFiles } from './multipart';
import { BodyTooLargeError } from './read-body';

const MB = 1024 * 1024;
const LIMITS = { fileBytes: 64 * MB, totalBytes: 128 * MB, files: 10 };

describe('readMultipartFiles', () => {
  it('gives back each file of the field with its name and bytes', async () => {
    const request = multipartRequest('http://studio/api/uploads', [
      { name: 'trains.json', text: '{"openapi":"3.0.0"}' },
      { name: 'parcels.yaml', bytes: 200_000, fill: 'b' },
    ]);
    const files = await readMultipartFiles(request, 'files', LIMITS);
    expect(files.map((f) => [f.name, f.bytes.length])).toEqual([
      ['trains.json', 19],
      ['parcels.yaml', 200_000],
    ]);
    expect(new TextDecoder().decode(files[0]!.bytes)).toBe('{"openapi":"3.0.0"}');
  });

  it('refuses a 100 MB file as soon as it passes the per-file cap, without holding the rest', async () => {
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = Date.now();
    try {
      const error = await readMultipartFiles(multipartRequest('http://studio/api/uploads', [{ name: 'huge.json', bytes: 100 * MB }]), 'files', LIMITS).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BodyTooLargeError);
      expect((error as Error).message).toBe('The upload is larger than the 64 MB limit for one file ("huge.json"), so nothing was stored.');
    } finally {
      clearInterval(watch);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`100 MB upload refused in ${Date.now() - started} ms; RSS grew ${((peak - idle) / MB).toFixed(0)} MB at most`);
    expect(peak - idle).toBeLessThan(300 * MB);
  });

  it('refuses an upload whose files together pass the total cap while it streams', async () => {
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `part-${i}.json`, bytes: 20 * MB }));
    const error = await readMultipartFiles(multipartRequest('http://studio/api/uploads', files), 'files', { ...LIMITS, totalBytes: 50 * MB }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as Error).message).toMatch(/^The upload is larger than the 50 MB limit for one upload, so nothing was stored/);
  });

  it('refuses a declared Content-Length over the cap before reading a byte', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://studio/api/uploads', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * MB) },
      body,
      duplex: 'half',
    } as RequestInit);
    await expect(readMultipartFiles(request, 'files', LIMITS)).rejects.toThrow(/larger than the 128 MB limit/);
    // The stream's first pull happens when it is built; nothing more was asked of it.
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('says so when the body is not a multipart form or holds no files', async () => {
    const json = new Request('http://studio/api/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expect(readMultipartFiles(json, 'files', LIMITS)).rejects.toThrow(MultipartError);
    const other = multipartRequest('http://studio/api/uploads', []);
    await expect(readMultipartFiles(other, 'files', LIMITS)).rejects.toThrow('The upload holds no files: send one or more as the form field "files".');
  });
});
