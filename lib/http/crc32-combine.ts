/**
 * The CRC-32 of two byte strings joined, from their own CRCs and the second one's length,
 * without reading the bytes again (zlib's crc32_combine, which Node does not expose). A
 * gzip body made of pieces compressed once per cycle (gzip-body.ts) needs the CRC of all
 * of them: reading 22 MB again per scrape took tens of milliseconds of the event loop.
 *
 * CRCs are polynomials over GF(2) in the reflected bit order zlib uses; appending n zero
 * bytes multiplies by x^(8n) modulo the CRC polynomial.
 */
const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial (reflected: bit 31 is x^0). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if (a & m) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31 (the powers repeat after 2^32 - 1 bits). */
const X_TO_2_TO_K: number[] = [];
for (let k = 0, p = 0x40000000; k < 32; k++) {
  X_TO_2_TO_K.push(p);
  p = multiplyModP(p, p);
}

/** x^(n × 2^k) modulo the polynomial. */
function xToNModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multiplyModP(X_TO_2_TO_K[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** CRC-32 of A then B, from crc(A), crc(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(xToNModP(lengthB, 3), crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}
