import { describe, expect, it } from 'vitest';
import {
  isNotAuthorised,
  notAuthorisedFailure,
  notAuthorisedMessage,
  READ_PURPOSE,
  refusalOf,
} from '@/lib/kafka/authorization';

describe('isNotAuthorised', () => {
  it('knows the topic, group and cluster refusals by code and by name', () => {
    expect([29, 30, 31].map(isNotAuthorised)).toEqual([true, true, true]);
    expect(isNotAuthorised('TOPIC_AUTHORIZATION_FAILED')).toBe(true);
    expect(isNotAuthorised('CLUSTER_AUTHORIZATION_FAILED')).toBe(true);
  });

  it('is false for other errors, for authentication failures and for no error', () => {
    expect([0, 3, 58].map(isNotAuthorised)).toEqual([false, false, false]);
    expect(isNotAuthorised('SASL_AUTHENTICATION_FAILED')).toBe(false);
    expect(isNotAuthorised(null)).toBe(false);
    expect(isNotAuthorised(undefined)).toBe(false);
  });
});

describe('notAuthorisedMessage', () => {
  it('names the cluster as Kafka ACLs do', () => {
    expect(notAuthorisedMessage('Describe', { type: 'cluster' })).toBe('not authorised: needs Describe on Cluster');
  });

  it('suggests all topics or groups as the alternative for describing', () => {
    expect(notAuthorisedMessage('DescribeConfigs', { type: 'topic', names: ['orders'] })).toBe(
      'not authorised: needs DescribeConfigs on topic orders (or on all topics)',
    );
    expect(notAuthorisedMessage('Describe', { type: 'group', names: ['billing', 'audit'] })).toBe(
      'not authorised: needs Describe on groups audit, billing (or on all groups)',
    );
  });

  it('never suggests Read on all topics, and says what Read is for', () => {
    expect(notAuthorisedMessage('Read', { type: 'topic', names: ['orders'] }, READ_PURPOSE.timeLag)).toBe(
      'not authorised: needs Read on topic orders for exact time lag',
    );
  });

  it('shows three names, counts the rest and repeats none', () => {
    expect(notAuthorisedMessage('Describe', { type: 'topic', names: ['e', 'd', 'c', 'b', 'a', 'a'] })).toBe(
      'not authorised: needs Describe on topics a, b, c and 2 more (or on all topics)',
    );
  });

  it('says "the topics of" a KIP-848 group refused for its topics (Kafka does not say which)', () => {
    expect(notAuthorisedMessage('Describe', { type: 'topics of group', names: ['g1'] })).toBe(
      'not authorised: needs Describe on the topics of group g1 (or on all topics)',
    );
  });
});

describe('notAuthorisedFailure', () => {
  it('is one failure for the cluster, with every refused name kept', () => {
    const names = ['e', 'd', 'c', 'b', 'a'];
    expect(notAuthorisedFailure('DescribeConfigs', 'DescribeConfigs', { type: 'topic', names })).toEqual({
      operation: 'DescribeConfigs',
      broker: null,
      message: 'not authorised: needs DescribeConfigs on topics a, b, c and 2 more (or on all topics)',
      notAuthorised: true,
      resources: ['a', 'b', 'c', 'd', 'e'],
    });
  });
});

describe('refusalOf', () => {
  it('finds the refusal of one request among other failures', () => {
    const refused = notAuthorisedFailure('DescribeQuorum', 'Describe', { type: 'cluster' });
    const failures = [{ operation: 'DescribeQuorum', broker: 2, message: 'REQUEST_TIMED_OUT' }, refused];
    expect(refusalOf(failures, 'DescribeQuorum')).toBe(refused);
    expect(refusalOf(failures, 'DescribeLogDirs')).toBeUndefined();
    expect(refusalOf([failures[0]], 'DescribeQuorum')).toBeUndefined();
  });
});
