import { describe, expect, it } from 'vitest';
import { isUnavailable, revive } from '@/lib/history/postgres/sync-postgres-wire';

describe('isUnavailable', () => {
  it('takes network errors and connection SQLSTATEs for an unreachable server', () => {
    for (const code of [undefined, null, '', 'ECONNREFUSED', 'ETIMEDOUT', '08006', '08001', '57P01', '57P03', '53300'])
      expect(isUnavailable(code), String(code)).toBe(true);
  });

  it('takes a refused query for a query error, a cancelled statement included', () => {
    for (const code of ['42P01', '42601', '23505', '57014', '40001']) expect(isUnavailable(code), code).toBe(false);
  });
});

describe('revive', () => {
  it('makes the Uint8Array a Buffer crosses a thread as into a Buffer over the same bytes', () => {
    const bytes = new Uint8Array([9, 8, 7, 6]).subarray(1, 3);
    const revived = revive(bytes);
    expect(Buffer.isBuffer(revived)).toBe(true);
    expect([...(revived as Buffer)]).toEqual([8, 7]);
  });

  it('leaves Buffers and every other value as they are', () => {
    const buffer = Buffer.from('x');
    expect(revive(buffer)).toBe(buffer);
    for (const value of [null, 1, 'text', 2.5, true]) expect(revive(value)).toBe(value);
  });
});
