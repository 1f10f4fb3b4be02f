import { describe, expect, it } from 'vitest';
import { topicsRefusal, hiddenTopicsFailure, unlistedTopics } from '@/lib/collector/hidden-topics';
import type { GroupState } from '@/lib/collector/snapshot';

const topic = (name: string) => ({ name, internal: false, partitions: [] });
const replica = (name: string) => ({ topic: name, partition: 0, broker: 1, logDir: '/d', sizeBytes: 1, offsetLag: 0 });
const groupReading = (name: string): GroupState => ({
  groupId: 'g',
  state: 'Stable',
  protocol: 'classic',
  protocolType: 'consumer',
  coordinator: 1,
  members: [{ memberId: 'm', clientId: 'c', host: 'h', assignment: [{ topic: name, partitions: [0] }] }],
  offsets: [],
  error: null,
});

describe('unlistedTopics', () => {
  it('names topics in the log dirs or the member assignments that Metadata did not list', () => {
    const seen = {
      topics: [topic('visible')],
      replicaSizes: [replica('visible'), replica('hidden-a')],
      groups: [groupReading('hidden-b'), groupReading('visible')],
    };
    expect([...unlistedTopics(seen)].sort()).toEqual(['hidden-a', 'hidden-b']);
  });
});

describe('hiddenTopicsFailure', () => {
  const hidden = { topics: [topic('visible')], replicaSizes: [replica('secret')], groups: [] };

  it('is one Metadata refusal naming the topics, on the first cycle', () => {
    expect(hiddenTopicsFailure(hidden, null)).toEqual([
      {
        operation: 'Metadata',
        broker: null,
        message: 'not authorised: needs Describe on topic secret (or on all topics)',
        notAuthorised: true,
        resources: ['secret'],
      },
    ]);
  });

  it('takes a topic unlisted in only one cycle for one created meanwhile, not a hidden one', () => {
    const before = { topics: [topic('visible')], replicaSizes: [], groups: [] };
    expect(hiddenTopicsFailure(hidden, before)).toEqual([]);
    expect(hiddenTopicsFailure(hidden, hidden)).toHaveLength(1);
  });

  it('is nothing when every topic is listed', () => {
    const all = { topics: [topic('a')], replicaSizes: [replica('a')], groups: [groupReading('a')] };
    expect(hiddenTopicsFailure(all, all)).toEqual([]);
  });

  it('names the refused topics Kafka answered for, and is nothing without any', () => {
    expect(topicsRefusal([])).toEqual([]);
    expect(topicsRefusal(['payments'])).toEqual([
      expect.objectContaining({ operation: 'Metadata', notAuthorised: true, resources: ['payments'] }),
    ]);
  });
});
