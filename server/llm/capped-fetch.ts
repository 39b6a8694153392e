/** What was known of an answer that was cut while it was read. */
export type Cut = { readBytes: number; declaredBytes: number | null };

/** The field a salvaged answer carries its cut in, beside the endpoint's own fields. */
export const CUT_FIELD = 'studio_cut';

/**
 * A fetch for the SDK that reads an answer's body up to `maxBytes` and stops there, cancelling
 * the rest. What was
 * read then goes to `salvage`, which turns it into the JSON the SDK gets instead (with the cut
 * under CUT_FIELD), so a 50 MB answer costs `maxBytes` of memory, not 50 MB. A declared
 * Content-Length is only reported: the beginning of the answer is still worth keeping.
 */
export function cappedFetch(maxBytes: number, salvage: (prefix: string, cut: Cut) => unknown, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!response.body || !response.ok) return response;
    const declared = Number(response.headers.get('content-length') ?? NaN);
    const declaredBytes = Number.isFinite(declared) ? declared : null;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    let over = false;
    while (!over) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - total;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        total += room;
        over = true;
        break;
      }
      chunks.push(value);
      total += value.byteLength;
    }
    const headers = new Headers(response.headers);
    // The body handed on is decoded and of another length than the endpoint's.
    headers.delete('content-length');
    headers.delete('content-encoding');
    if (over) {
      await reader.cancel().catch(() => {});
      headers.set('content-type', 'application/json');
      const prefix = new TextDecoder().decode(Buffer.concat(chunks, total));
      return new Response(JSON.stringify(salvage(prefix, { readBytes: total, declaredBytes })), { status: response.status, headers });
    }
    return new Response(Buffer.concat(chunks, total), { status: response.status, statusText: response.statusText, headers });
  };
}

/**
 * The beginning of the first message's text in a chat completion that was cut: the JSON string
 * after the first `"content":` key, decoded up to where the bytes stop. Null when the cut came
 * before any text (a reply of huge tool calls, or `"content": null`).
 */
export function partialContent(prefix: string): string | null {
  const start = /"content"\s*:\s*"/.exec(prefix);
  if (!start) return null;
  let out = '';
  for (let i = start.index + start[0].length; i < prefix.length; i++) {
    const c = prefix[i]!;
    if (c === '"') return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = prefix[i + 1];
    if (e === undefined) break;
    if (e === 'u') {
      const hex = prefix.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) break;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
      continue;
    }
    out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
    i++;
  }
  // A character cut in half by the byte cap decodes as U+FFFD; a lone surrogate half is no better.
  return out.replace(/\uFFFD$/, '').replace(/[\uD800-\uDBFF]$/, '');
}
