/**
 * A request body read up to a cap, refused as soon as it passes it (a declared Content-Length
 * first, then the bytes as they arrive): a 60 MB upload is never buffered to be told it is too big.
 */
export class BodyTooLargeError extends Error {
  constructor(
    readonly max: number,
    message = `The file is larger than ${Math.round(max / 1048576)} MB, the limit.`,
  ) {
    super(message);
    this.name = 'BodyTooLargeError';
  }
}

export async function readBodyCapped(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new BodyTooLargeError(max);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A browser's cross-site POST carries another origin: file uploads are refused from anywhere but the studio's own pages. */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.get('host');
  } catch {
    return true;
  }
}

/** The file name a raw upload names in its header (URI-encoded), trimmed to something printable. */
export function uploadFileName(request: Request, fallback: string): string {
  const raw = request.headers.get('x-file-name');
  let name = fallback;
  try {
    if (raw) name = decodeURIComponent(raw);
  } catch {
    /* a malformed header keeps the fallback */
  }
  return name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 255) || fallback;
}
