import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '@/lib/http/crc32-combine';
import { randomSource } from '@/scripts/bench/simulated-cluster';

describe('crc32Combine', () => {
  it("agrees with zlib's CRC-32 of the joined bytes, for any split, empty parts included", () => {
    const random = randomSource(7);
    for (let round = 0; round < 200; round++) {
      const length = Math.floor(random() * 3000);
      const bytes = Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
      const cut = Math.floor(random() * (length + 1));
      const [a, b] = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length)).toBe(zlib.crc32(bytes));
    }
  });

  it('combines many pieces in order, one of them several megabytes', () => {
    const pieces = [Buffer.alloc(5_000_000, 'metrics '), Buffer.from('x'), Buffer.alloc(0), Buffer.from('end\n')];
    const combined = pieces.reduce((crc, piece) => crc32Combine(crc, zlib.crc32(piece), piece.length), 0);
    expect(combined).toBe(zlib.crc32(Buffer.concat(pieces)));
  });
});
