import { describe, expect, it } from 'vitest';
import { pollingSentence } from '@/components/ui/cluster-polling-line';
import type { ClusterPolling } from '@/lib/api/schemas';

const NOW = 1_000_000;
const polling = (p: Partial<ClusterPolling>): ClusterPolling => ({
  polledBy: 'r2',
  since: NOW - 17_000,
  servedBy: 'r1',
  leasesError: null,
  leasesReadAt: NOW - 1000,
  ...p,
});

describe('pollingSentence', () => {
  it('names the polling replica, for how long, and the one that served the page', () => {
    expect(pollingSentence(polling({}), NOW)).toBe('Polled by replica r2 for 17 s; served by replica r1.');
    expect(pollingSentence(polling({ polledBy: 'r1' }), NOW)).toBe('Polled by replica r1 (this one) for 17 s.');
  });

  it('says a takeover is under way while no replica holds the lease', () => {
    expect(pollingSentence(polling({ polledBy: null, since: null }), NOW)).toBe(
      'No replica polls it right now: another takes it over within the lease time. Served by replica r1.',
    );
  });

  it('when the leases cannot be read, gives the owner only as last read, with the age and cause, never "for 5 min"', () => {
    const stale = polling({ leasesError: 'connect ECONNREFUSED', leasesReadAt: NOW - 300_000, since: NOW - 400_000 });
    expect(pollingSentence(stale, NOW)).toBe(
      'Polled by replica r2 when last read, 5 min ago: the cluster leases cannot be read (connect ECONNREFUSED); served by replica r1.',
    );
  });

  it('when the leases cannot be read and no owner was read, says it is not known, not that a takeover is under way', () => {
    for (const p of [
      polling({ polledBy: null, since: null, leasesError: 'timeout' }),
      polling({ leasesError: 'timeout', leasesReadAt: null }),
    ]) {
      expect(pollingSentence(p, NOW)).toBe(
        'Not known which replica polls it: the cluster leases cannot be read (timeout). Served by replica r1.',
      );
    }
  });
});
