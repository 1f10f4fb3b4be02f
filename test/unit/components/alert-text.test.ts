import { describe, expect, it } from 'vitest';
import {
  alertLinkText,
  alertSubjectText,
  alertValueText,
  silenceMatchFor,
  silenceMatchText,
} from '@/components/alerts/alert-text';

describe('alert text', () => {
  it("writes each rule's value and threshold in its unit", () => {
    expect(alertValueText({ rule: 'group-time-lag', value: 725, threshold: 300 })).toBe(
      'time lag 12m 5s, threshold 5m',
    );
    expect(alertValueText({ rule: 'log-dir-usage', value: 0.912, threshold: 0.85 })).toBe(
      'disk used 91%, threshold 85%',
    );
    expect(alertValueText({ rule: 'partition-skew', value: 1.834, threshold: 1.5 })).toBe(
      'skew 1.83×, threshold 1.50×',
    );
    expect(alertValueText({ rule: 'broker-unreachable', value: 1, threshold: 0 })).toBeNull();
  });

  it('says what a group status means, not only its word', () => {
    expect(alertValueText({ rule: 'group-status', value: 2, threshold: 0 })).toBe(
      'status ERR: a partition stopped, stuck or went back',
    );
    expect(alertValueText({ rule: 'group-status', value: 1, threshold: 0 })).toBe('status WARN: lag growing');
  });

  it('counts what is wrong where any is too many, instead of "threshold 0"', () => {
    expect(alertValueText({ rule: 'group-committed-ahead', value: 2, threshold: 0 })).toBe(
      '2 partitions committed past the end',
    );
    expect(alertValueText({ rule: 'offline-partitions', value: 1, threshold: 0 })).toBe('1 offline partition');
    expect(alertValueText({ rule: 'consumer-down', value: 12_345, threshold: 0 })).toBe('12.3k messages waiting');
    expect(alertValueText({ rule: 'retention-lost', value: 1, threshold: 0 })).toBe('1 message lost');
  });

  it('says what a hygiene finding found, by its key', () => {
    expect(
      alertValueText({ key: 'hygiene:prod:replication-factor-below-2', rule: 'hygiene', value: 1, threshold: 0 }),
    ).toBe('1 topic with a single replica');
    expect(
      alertValueText({ key: 'hygiene:prod:min-insync-unsatisfiable', rule: 'hygiene', value: 3, threshold: 0 }),
    ).toBe('3 topics whose min.insync.replicas cannot be met');
    expect(alertValueText({ key: 'hygiene:prod:brokers', rule: 'hygiene', value: 2, threshold: 3 })).toBe(
      '2 brokers, fewer than the 3 that survive a broker failure',
    );
    expect(alertValueText({ key: 'hygiene:prod:something-new', rule: 'hygiene', value: 1, threshold: 0 })).toBe(
      '1 found',
    );
  });

  it('prints a value just past its threshold with the digits that tell them apart', () => {
    expect(alertValueText({ rule: 'partition-skew', value: 1.5003, threshold: 1.5 })).toBe(
      'skew 1.5003×, threshold 1.5000×',
    );
    expect(alertValueText({ rule: 'log-dir-usage', value: 0.8504, threshold: 0.85 })).toBe(
      'disk used 85.04%, threshold 85.00%',
    );
    expect(alertValueText({ rule: 'partition-skew', value: 1.5, threshold: 1.5 })).toBe('skew 1.50×, threshold 1.50×');
  });

  it('names the subject, the cluster only when nothing narrower or when asked', () => {
    expect(alertSubjectText({ cluster: 'prod', group: 'billing', topic: 'orders' })).toBe(
      'group billing, topic orders',
    );
    expect(alertSubjectText({ cluster: 'prod' })).toBe('cluster prod');
    expect(alertSubjectText({ cluster: 'prod', broker: 3 }, true)).toBe('cluster prod, broker 3');
  });

  it("says where the link goes from the alert's href", () => {
    expect(alertLinkText('/clusters/prod/groups/billing%20eu')).toBe('Open group page');
    expect(alertLinkText('/clusters/prod/brokers')).toBe('Open brokers page');
    expect(alertLinkText('/clusters/prod')).toBe('Open cluster overview');
    expect(alertLinkText('/elsewhere')).toBe('Open page');
  });

  it("silences a group's alert by rule and group (its topic changes with the worst one), a broker's by broker", () => {
    const groupMatch = silenceMatchFor({
      rule: 'group-time-lag',
      subject: { cluster: 'prod', group: 'billing', topic: 'orders' },
    });
    expect(groupMatch).toEqual({ rule: 'group-time-lag', group: 'billing' });
    expect(silenceMatchText(groupMatch)).toBe('rule group-time-lag, group billing');
    expect(silenceMatchFor({ rule: 'broker-unreachable', subject: { cluster: 'prod', broker: 3 } })).toEqual({
      rule: 'broker-unreachable',
      broker: '3',
    });
  });
});
