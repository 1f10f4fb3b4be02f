import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../scripts/kafka/layout';
import { parsePeerOptions } from '../../../../scripts/bench/peers/peer-options';

describe('parsePeerOptions', () => {
  it('looks for the tarballs in ../shared/peers from the repository root by default', () => {
    expect(parsePeerOptions([], {}).peersDir).toBe(path.resolve(REPO_ROOT, '..', 'shared', 'peers'));
  });

  it('takes PEERS_DIR, and --peers-dir over it', () => {
    expect(parsePeerOptions([], { PEERS_DIR: '/srv/peers' }).peersDir).toBe('/srv/peers');
    expect(parsePeerOptions(['--peers-dir=/opt/p'], { PEERS_DIR: '/srv/peers' }).peersDir).toBe('/opt/p');
  });

  it('polls every 10 s for 12 cycles unless told otherwise', () => {
    expect(parsePeerOptions([], {})).toMatchObject({ intervalSeconds: 10, cycles: 12, replicationFactor: null });
    expect(parsePeerOptions(['--interval=5', '--cycles=4'], {})).toMatchObject({ intervalSeconds: 5, cycles: 4 });
  });

  it('refuses an odd number of cycles, which does not split into two halves', () => {
    expect(() => parsePeerOptions(['--cycles=5'], {})).toThrow('--cycles needs an even number');
  });

  it('refuses an unknown flag with the usage', () => {
    expect(() => parsePeerOptions(['--keep'], {})).toThrow(/Unknown argument --keep[\s\S]*Usage: npm run bench:peers/);
  });
});
