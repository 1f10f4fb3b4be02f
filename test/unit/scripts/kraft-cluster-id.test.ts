import { describe, expect, it } from 'vitest';
import { newKraftClusterId } from '../../../scripts/kafka/cluster';

describe('newKraftClusterId', () => {
  it('makes 22-character URL-safe ids that never start with "-" (StorageTool would read one as an option)', () => {
    // Without the check, about one in 64 would: some 150 of these.
    const ids = Array.from({ length: 10_000 }, newKraftClusterId);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
