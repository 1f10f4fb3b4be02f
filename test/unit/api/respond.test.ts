import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '@/lib/api/errors';
import { readJsonBody, readLimitedText, respondToJson } from '@/lib/api/respond';

/** A chunked body (no Content-Length) of `chunks` × 1 KiB, counting how many chunks were pulled. */
function chunkedRequest(chunks: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(1024).fill(0x20));
    },
  });
  const request = new Request('http://localhost/api/x', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    duplex: 'half',
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('readLimitedText', () => {
  it('reads a body within the limit', async () => {
    const { request } = chunkedRequest(3);
    expect(await readLimitedText(request, 4096)).toHaveLength(3072);
  });

  it('stops reading a chunked body as soon as it passes the limit, without buffering the rest', async () => {
    const { request, pulled } = chunkedRequest(200_000);
    await expect(readLimitedText(request, 16 * 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(pulled()).toBeLessThan(20);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const request = new Request('http://localhost/api/x', {
      method: 'POST',
      body: 'x'.repeat(100),
      headers: { 'content-length': '999999999' },
    });
    await expect(readLimitedText(request, 16 * 1024)).rejects.toThrow(/body larger than 16384 bytes/);
    expect(request.bodyUsed).toBe(false);
  });
});

describe('respondToJson', () => {
  it('answers 413 for a body over 16 KiB, 415 without a JSON content type and 400 for bad JSON', async () => {
    const big = await respondToJson(chunkedRequest(17).request, () => ({}));
    expect(big.status).toBe(413);
    const notJson = new Request('http://localhost/api/x', { method: 'POST', body: '{}' });
    expect((await respondToJson(notJson, () => ({}))).status).toBe(415);
    const bad = new Request('http://localhost/api/x', {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect((await respondToJson(bad, () => ({}))).status).toBe(400);
    const good = new Request('http://localhost/api/x', {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await readJsonBody(good)).toEqual({ a: 1 });
  });
});
