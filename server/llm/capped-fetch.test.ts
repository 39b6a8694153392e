import { describe, expect, it } from 'vitest';
import { cappedFetch, partialContent } from './capped-fetch';

describe('partialContent', () => {
  it('decodes the first message text up to where the bytes stop, escapes included', () => {
    expect(partialContent('{"choices":[{"message":{"role":"assistant","content":"Hello\\n\\"world\\" \\u00e9t')).toBe('Hello\n"world" ét');
    expect(partialContent('{"choices":[{"message":{"content":"done"},"finish_reason":"stop"}]}')).toBe('done');
    // Cut in the middle of an escape: the half escape is dropped.
    expect(partialContent('{"content":"ab\\u00')).toBe('ab');
    expect(partialContent('{"choices":[{"message":{"content":null,"tool_calls":[{"function":{"arguments":"{\\"content\\": \\"x')).toBeNull();
  });
});

describe('cappedFetch', () => {
  it('stops reading an endless body at the cap and hands the prefix to salvage', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode(pulls === 1 ? '{"content":"' : 'z'.repeat(1000)));
      },
    });
    const inner = (async () => new Response(endless, { headers: { 'content-type': 'application/json' } })) as typeof fetch;
    const capped = cappedFetch(10_000, (prefix, cut) => ({ text: partialContent(prefix)!.length, cut }), inner);
    const res = await capped('http://endpoint/v1/chat/completions');
    expect(await res.json()).toEqual({ text: 10_000 - 12, cut: { readBytes: 10_000, declaredBytes: null } });
    expect(pulls).toBeLessThan(20);
  });

  it('reads no more than the cap of a body that declares 50 MB, and reports the declared length', async () => {
    const inner = (async () => new Response('{"content":"' + 'q'.repeat(5000), { headers: { 'content-length': '52428800' } })) as typeof fetch;
    const res = await cappedFetch(1000, (prefix, cut) => ({ kept: partialContent(prefix)!.length, cut }), inner)('http://endpoint');
    expect(await res.json()).toEqual({ kept: 1000 - 12, cut: { readBytes: 1000, declaredBytes: 52_428_800 } });
  });

  it('passes a body within the cap through unchanged', async () => {
    const inner = (async () => new Response('{"ok":true}', { status: 200 })) as typeof fetch;
    const res = await cappedFetch(1000, () => ({ salvaged: true }), inner)('http://endpoint');
    expect(await res.json()).toEqual({ ok: true });
  });
});
