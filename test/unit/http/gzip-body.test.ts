import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, deflatePiece, gzipOfPieces } from '@/lib/http/gzip-body';

const text = (n: number, seed: string) =>
  Array.from({ length: n }, (_, i) => `metric_${seed}{partition="${i}"} ${(i * 7919) % 1000}\n`).join('');

describe('gzipOfPieces', () => {
  it('joins pieces compressed apart into one gzip stream that decodes to the pieces in order', async () => {
    const plain = [text(5000, 'a'), '', text(3, 'b'), text(20000, 'c')].map((t) => Buffer.from(t));
    const body = Buffer.concat(gzipOfPieces(await Promise.all(plain.map(deflatePiece))));
    expect(zlib.gunzipSync(body).equals(Buffer.concat(plain))).toBe(true);
    // One member: a reader that stops after the first (curl) still gets everything.
    const gunzip = spawnSync('gunzip', ['-c', '-t'], { input: body });
    expect(gunzip.status).toBe(0);
    expect(body.length).toBeLessThan(Buffer.concat(plain).length / 5);
  });

  it('makes a valid empty body from no pieces', () => {
    expect(zlib.gunzipSync(Buffer.concat(gzipOfPieces([]))).length).toBe(0);
  });

  it('fails to decode when a piece is left out (the CRC covers every piece)', async () => {
    const pieces = await Promise.all([text(100, 'a'), text(100, 'b')].map((t) => deflatePiece(Buffer.from(t))));
    const chunks = gzipOfPieces(pieces);
    const withoutOne = Buffer.concat([chunks[0], chunks[1], chunks[3]]);
    expect(() => zlib.gunzipSync(withoutOne)).toThrow();
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, GZIP;q=0.5', true],
    ['gzip;q=0', false],
    ['deflate', false],
    ['identity', false],
    ['x-gzip-not', false],
  ])('%s: %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(acceptsGzip(null)).toBe(false);
  });
});
