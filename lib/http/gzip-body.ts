/**
 * Bodies sent gzip-encoded as stored, compressed once instead of once per request.
 *
 * Next.js gzips every response itself, per request (zlib level 6: a 22 MB scrape took
 * about half a CPU-second each time), and drops a Content-Encoding that a route sets. A
 * route whose body is gzip bytes already names the encoding in ENCODED_WITH instead; the
 * request guard (install-request-guard.ts) turns that header into Content-Encoding as the
 * response goes out, and Next's compression then leaves the body alone (already encoded).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { crc32Combine } from './crc32-combine';

export const ENCODED_WITH = 'x-watermark-encoded-with';

const gzipInPool = promisify(zlib.gzip);
const deflateRawInPool = promisify(zlib.deflateRaw);

/**
 * zlib's fastest level: on the 21 MB scrape of 10,000 partitions and 1,000 groups it took
 * 40 ms of CPU for 598 KB, level 6 (the default) 152 ms for 498 KB (same run). A body is
 * compressed once per cycle and sent to clients nearby; the CPU counts more than 100 KB.
 */
const LEVEL = { level: zlib.constants.Z_BEST_SPEED };

/** Compressed on libuv's thread pool: the event loop goes on meanwhile. */
export function gzip(bytes: Uint8Array): Promise<Buffer> {
  return gzipInPool(bytes, LEVEL);
}

/** A piece of a body, plain and compressed on its own with deflatePiece(), with its plain bytes' CRC-32. */
export interface DeflatedPiece {
  plain: Uint8Array;
  deflated: Uint8Array;
  crc: number;
}

/**
 * Deflate blocks that end on a byte boundary and are not the last (a sync flush): pieces
 * compressed apart join into one deflate stream. Gzip members joined would do too, but
 * curl reads only the first of them.
 */
export async function deflatePiece(plain: Uint8Array): Promise<DeflatedPiece> {
  const deflated = await deflateRawInPool(plain, { ...LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  // Node's crc32 of an empty buffer that went through zlib may not answer 0.
  return { plain, deflated, crc: plain.byteLength === 0 ? 0 : zlib.crc32(plain) };
}

/** Gzip header: deflate, no flags, no time, unknown OS (RFC 1952). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** The last deflate block, empty (fixed codes, end of block at once). */
const FINAL_BLOCK = [0x03, 0x00];

/** One gzip body, as chunks, from pieces in order: nothing is read or compressed again. */
export function gzipOfPieces(pieces: DeflatedPiece[]): Uint8Array[] {
  let crc = 0;
  let length = 0;
  for (const piece of pieces) {
    crc = crc32Combine(crc, piece.crc, piece.plain.byteLength);
    length += piece.plain.byteLength;
  }
  const trailer = Buffer.alloc(10);
  trailer.set(FINAL_BLOCK, 0);
  trailer.writeUInt32LE(crc >>> 0, 2);
  trailer.writeUInt32LE(length % 2 ** 32, 6);
  return [GZIP_HEADER, ...pieces.map((p) => p.deflated), trailer];
}

/** True when an Accept-Encoding header takes gzip (`gzip`, `gzip;q=0.5`, not `gzip;q=0`). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  return (acceptEncoding ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (coding !== 'gzip') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Names the header a response gets in place of ENCODED_WITH, or null for any other header. */
export function encodingHeaderFor(name: string): string | null {
  return name.toLowerCase() === ENCODED_WITH ? 'Content-Encoding' : null;
}
