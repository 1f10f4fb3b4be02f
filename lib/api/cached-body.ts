/**
 * A response body made once and sent many times: its bytes and a weak ETag from its content.
 */
import crypto from 'node:crypto';
import { gzip } from '../http/gzip-body';

/** Bytes a Response takes as its body (a Buffer's type is wider), without a copy. */
export type BodyBytes = Uint8Array<ArrayBuffer>;
export const bodyBytes = (buffer: Buffer): BodyBytes =>
  new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);

export interface CachedBody {
  bytes: BodyBytes;
  /** Weak: the bytes sent may be an encoding of these (gzip), the same representation. */
  etag: string;
  /** The bytes gzipped, made at the first call and kept with the body. */
  gzipped(): Promise<BodyBytes>;
}

export function cachedBody(bytes: Buffer): CachedBody {
  let gzipped: Promise<BodyBytes> | null = null;
  return {
    bytes: bodyBytes(bytes),
    etag: `W/"${crypto.createHash('sha1').update(bytes).digest('base64url')}"`,
    gzipped: () => (gzipped ??= gzip(bytes).then(bodyBytes)),
  };
}

/**
 * True when `ifNoneMatch` (the request header) names `etag`, or is `*`. Compared weakly,
 * as RFC 9110 asks for If-None-Match: `W/"x"` and `"x"` match.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
