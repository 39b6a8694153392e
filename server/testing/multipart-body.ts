/**
 * Multipart request bodies for upload tests, generated as they are read: a 100 MB upload costs the
 * test no memory of its own, so what a test measures is what the server holds.
 */
export const BOUNDARY = '----studio-test-boundary';

export type GeneratedFile = { name: string; bytes: number; fill?: string } | { name: string; text: string };

export function multipartStream(files: GeneratedFile[], field = 'files'): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const parts: Array<() => Generator<Uint8Array>> = files.map(
    (f) =>
      function* () {
        yield enc.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: application/json\r\n\r\n`);
        if ('text' in f) yield enc.encode(f.text);
        else {
          const chunk = enc.encode((f.fill ?? 'a').repeat(64 * 1024));
          // A fresh copy per chunk, as a socket delivers them: views of one buffer would cost nothing to keep.
          for (let left = f.bytes; left > 0; left -= chunk.length) yield chunk.slice(0, Math.min(left, chunk.length));
        }
        yield enc.encode('\r\n');
      },
  );
  function* all() {
    for (const part of parts) yield* part();
    yield enc.encode(`--${BOUNDARY}--\r\n`);
  }
  const it = all();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

export function multipartRequest(url: string, files: GeneratedFile[], headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body: multipartStream(files),
    duplex: 'half',
  } as RequestInit);
}
