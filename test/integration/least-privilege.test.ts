/**
 * Least privilege, on the real cluster's SASL_SSL listener: a SCRAM user with the read-only
 * ACLs the README documents sees what the super user sees; each permission taken away in turn
 * leaves its part saying "not authorised: needs …" where the value would be (API views, the
 * cycle's failures), never a zero, a missing row or a false alert; and Read granted later gives
 * exact time lag without a restart.
 */
import fs from 'node:fs';
import tls from 'node:tls';
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRules } from '@/lib/alerts/evaluate-rules';
import { brokersView, clusterStatus, clusterSummary } from '@/lib/api/views/cluster-views';
import { groupsView, groupView } from '@/lib/api/views/group-views';
import { topicsView, topicView } from '@/lib/api/views/topic-views';
import { analysisFailures } from '@/lib/collector/cluster-analyzer';
import type { ClusterState } from '@/lib/collector/snapshot';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import {
  grant,
  minimalPermissions,
  SASL_SSL_BROKERS,
  setScramPassword,
  tlsFiles,
  type Permission,
} from '../helpers/secured-cluster';
import { startTestPipeline, type TestPipeline } from '../helpers/test-pipeline';

const PASSWORD = 'least-privilege';
/** Records an hour old: an exact time lag of about 3600 s, far from any estimate a fresh collector can make. */
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

describe('least privilege', () => {
  const fixture = useKafkaFixture('least-priv');
  const ca = fs.readFileSync(tlsFiles.ca, 'utf8');
  const pipelines: TestPipeline[] = [];
  let topic = '';
  /** An Empty group committed at 3 and 4: time lag from the records at those offsets. */
  const groupId = uniqueName('least-priv-empty');
  /** A group with a member that owns both partitions and commits nothing. */
  const memberGroupId = uniqueName('least-priv-member');
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    topic = await fixture.createTopic(2);
    const messages = Array.from({ length: 20 }, (_, i) => ({
      value: `m${i}`,
      partition: i % 2,
      timestamp: String(T0 + i),
    }));
    await sendWithRetry(fixture.producer, { topic, acks: -1, messages });
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '3' },
        { partition: 1, offset: '4' },
      ],
    });
    consumer = fixture.kafka.consumer({ groupId: memberGroupId });
    await consumer.connect();
    await consumer.subscribe({ topic });
    const joined = new Promise<void>((resolve) => consumer!.on(consumer!.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;
  });

  afterAll(async () => {
    await Promise.all(pipelines.map((p) => p.stop()));
    await consumer?.disconnect();
  });

  /**
   * Watermark's pipeline (collect, analyse, log) polling every second as a SCRAM user of its
   * own with exactly `permissions`, over SASL_SSL; no permissions: the super user over PLAINTEXT.
   */
  async function watchAs(permissions: Permission[] | null, refusalRetryMs?: number) {
    const user = uniqueName('least-priv');
    const log = captureLog();
    if (permissions) {
      await setScramPassword(user, PASSWORD);
      await grant(`User:${user}`, permissions);
    }
    const client = permissions
      ? createKafkaClient({
          brokers: SASL_SSL_BROKERS,
          requestTimeoutMs: 5000,
          tls: { secureContext: tls.createSecureContext({ ca }), rejectUnauthorized: true },
          sasl: { mechanism: 'SCRAM-SHA-512', username: user, password: PASSWORD },
        })
      : undefined;
    const pipeline = startTestPipeline({ client, refusalRetryMs, log: log.logger });
    pipelines.push(pipeline);
    return { user, pipeline, log };
  }

  /** Lines about refused requests, and about them working again. */
  const refusalLines = (log: CapturedLog) =>
    log
      .messages()
      .filter((m) => /not authorised|works again/.test(m))
      .map((m) => m.replace(/^cluster \S+: /, ''));

  /** The minimal set (with Read) without the permissions `missing` names. */
  const without = (...missing: string[]) =>
    minimalPermissions({ read: true }).filter((p) => !missing.includes(`${p.resource}:${p.operation}`));

  /** The first good cycle (the brokers may take a moment to know a new user and its ACLs). */
  function firstCycle(pipeline: TestPipeline) {
    return eventually(() => pipeline.cycle().catch(() => undefined), 'a good cycle');
  }

  const notAuthorised = (state: ClusterState) => clusterSummary(state).notAuthorised;
  const groupOf = (state: ClusterState, id: string) => {
    const group = state.snapshot!.groups.find((g) => g.groupId === id);
    if (!group) throw new Error(`group ${id} not listed`);
    return groupView(state, group);
  };
  const topicOf = (state: ClusterState) => topicsView(state).topics.find((t) => t.name === topic)!;
  const alertRules = (state: ClusterState) => evaluateRules(state).map((c) => c.rule);

  it('with the read-only set it sees what the super user sees, and exact time lag', async () => {
    const { pipeline, log } = await watchAs(minimalPermissions({ read: true }));
    const superUser = await watchAs(null);
    const secured = await firstCycle(pipeline);
    const plain = await firstCycle(superUser.pipeline);

    expect(notAuthorised(secured)).toEqual([]);
    expect(secured.snapshot!.failures.filter((f) => f.notAuthorised)).toEqual([]);
    expect(secured.snapshot!.controllerId).toBe(plain.snapshot!.controllerId);
    expect(clusterSummary(secured).controllerError).toBeNull();
    const sizes = (state: ClusterState) =>
      state
        .snapshot!.replicaSizes.filter((r) => r.topic === topic)
        .map((r) => `${r.broker}/${r.partition}: ${r.sizeBytes}`)
        .sort();
    expect(sizes(secured)).toEqual(sizes(plain));
    expect(sizes(secured)).toHaveLength(6);
    expect(brokersView(secured).brokers.map((b) => [b.id, b.sizeError, b.logDirs.map((d) => d.path)])).toEqual(
      brokersView(plain).brokers.map((b) => [b.id, null, b.logDirs.map((d) => d.path)]),
    );
    expect(topicOf(secured)).toMatchObject({ retentionMs: 604_800_000, configsError: null, sizeError: null });
    expect(topicOf(secured).sizeBytes).toBe(topicOf(plain).sizeBytes);
    expect(topicsView(secured).hidden).toBeNull();

    const group = groupOf(secured, groupId);
    expect(group.partitions.map((p) => [p.partition, p.committedOffset, p.lag])).toEqual(
      groupOf(plain, groupId).partitions.map((p) => [p.partition, p.committedOffset, p.lag]),
    );
    expect(group.partitions.map((p) => [p.partition, p.committedOffset, p.lag])).toEqual([
      [0, 3, 7],
      [1, 4, 6],
    ]);
    // Exact: now minus the record at the committed offset (partition 0's offset 3 is record 6, sent at T0 + 6).
    const exact = group.partitions.map((p) => [p.timeLagSource, p.timeLagError]);
    expect(exact).toEqual([
      ['exact', null],
      ['exact', null],
    ]);
    expect(group.partitions[0].timeLagSeconds).toBeCloseTo((secured.snapshot!.collectedAt - (T0 + 6)) / 1000, 1);
    expect(group.maxTimeLagError).toBeNull();
    expect(groupOf(secured, memberGroupId).members.map((m) => m.assignment)).toEqual([[{ topic, partitions: [0, 1] }]]);
    expect(refusalLines(log).filter((line) => line.includes('not authorised'))).toEqual([]);
  });

  it('without Describe on the cluster: controller and sizes read "not authorised", no controller-missing alert', async () => {
    const { pipeline, log } = await watchAs(without('cluster:DESCRIBE'));
    const state = await firstCycle(pipeline);
    await pipeline.cycle();
    const cluster = 'not authorised: needs Describe on Cluster';

    expect(state.snapshot!.controllerId).toBeNull();
    expect(clusterSummary(state).controllerError).toBe(`controller unknown: ${cluster}`);
    expect(brokersView(state).controllerError).toBe(`controller unknown: ${cluster}`);
    expect(alertRules(state)).not.toContain('controller-missing');
    // Unknown, not 0 B.
    expect(brokersView(state).brokers.map((b) => [b.sizeBytes, b.sizeError])).toEqual([
      [null, cluster],
      [null, cluster],
      [null, cluster],
    ]);
    expect(topicOf(state)).toMatchObject({ sizeBytes: null, sizeError: cluster });
    expect(
      topicView(
        state,
        state.snapshot!.topics.find((t) => t.name === topic)!,
      ).sizeError,
    ).toBe(cluster);
    // DescribeQuorum and DescribeLogDirs: one sentence, one failure each (not one per broker).
    expect(notAuthorised(state)).toEqual([cluster]);
    const refusals = state.snapshot!.failures.filter((f) => f.notAuthorised);
    expect(refusals.map((f) => [f.operation, f.broker, f.message])).toEqual([
      ['DescribeQuorum', null, cluster],
      ['DescribeLogDirs', null, cluster],
    ]);
    // Groups are still listed: ListGroups lists the groups the user may describe.
    expect(groupOf(state, groupId).partitions.map((p) => p.lag)).toEqual([7, 6]);
    // Logged once, not every cycle.
    expect(refusalLines(log)).toEqual([`DescribeQuorum failing: ${cluster}`, `DescribeLogDirs failing: ${cluster}`]);
  });

  it('without DescribeConfigs on topics: retention reads "not authorised", not "unknown"', async () => {
    const { pipeline, log } = await watchAs(without('topic:DESCRIBE_CONFIGS'));
    const state = await firstCycle(pipeline);
    const message = `not authorised: needs DescribeConfigs on topic ${topic} (or on all topics)`;

    expect(topicOf(state)).toMatchObject({ retentionMs: null, retentionBytes: null, configsError: message });
    expect(
      topicView(
        state,
        state.snapshot!.topics.find((t) => t.name === topic)!,
      ).configsError,
    ).toBe(message);
    const group = groupOf(state, groupId);
    expect(group.partitions.map((p) => p.retentionError)).toEqual([message, message]);
    expect(group.notAuthorised).toEqual([message]);
    const refusal = state.snapshot!.failures.find((f) => f.operation === 'DescribeConfigs')!;
    expect(refusal).toMatchObject({ broker: null, notAuthorised: true });
    expect(refusal.resources).toContain(topic);
    expect(refusal.message).toMatch(/^not authorised: needs DescribeConfigs on topics .* \(or on all topics\)$/);
    expect(clusterStatus(state)).toBe('degraded');
    await pipeline.cycle();
    expect(refusalLines(log)).toEqual([`DescribeConfigs failing: ${refusal.message}`]);
  });

  it('without Describe on topics: hidden topics and the offsets on them are said, not dropped', async () => {
    // Read implies Describe: both go.
    const { pipeline, log } = await watchAs(without('topic:DESCRIBE', 'topic:READ'));
    const state = await firstCycle(pipeline);
    const message = `not authorised: needs Describe on topic ${topic} (or on all topics)`;

    expect(state.snapshot!.topics.find((t) => t.name === topic)).toBeUndefined();
    // The brokers' log dirs still name it.
    expect(topicsView(state).hidden?.topics).toContain(topic);
    expect(groupsView(state).hiddenTopics?.topics).toContain(topic);
    expect(topicsView(state).hidden?.message).toMatch(
      /^not authorised: needs Describe on topics? .*\(or on all topics\)$/,
    );
    // The member's assignment keeps the rows; their offsets say why they are unknown.
    const member = groupOf(state, memberGroupId);
    expect(member.partitions.map((p) => [p.partition, p.committedOffset, p.lag, p.offsetsError])).toEqual([
      [0, null, null, message],
      [1, null, null, message],
    ]);
    expect(member.notAuthorised).toEqual([message]);
    const listed = groupsView(state).groups.find((g) => g.groupId === memberGroupId)!;
    expect(listed).toMatchObject({ partitionsWithoutOffset: 0, notAuthorised: [message] });
    const refusal = state.snapshot!.failures.find((f) => f.operation === 'Metadata')!;
    expect(refusal.resources).toContain(topic);
    await pipeline.cycle();
    expect(refusalLines(log)).toEqual([`Metadata failing: ${refusal.message}`]);
  });

  it('without Describe on groups: the group says so, with no lag status and no alert', async () => {
    const { pipeline, log } = await watchAs(without('group:DESCRIBE'));
    const state = await firstCycle(pipeline);
    const message = `not authorised: needs Describe on group ${groupId} (or on all groups)`;

    const group = groupOf(state, groupId);
    expect(group).toMatchObject({ groupError: message, status: null, totalLag: null, partitions: [] });
    expect(groupsView(state).groups.find((g) => g.groupId === groupId)?.error).toBe(message);
    expect(evaluateRules(state).filter((c) => c.subject.group === groupId)).toEqual([]);
    const refusal = state.snapshot!.failures.find((f) => f.operation === 'DescribeGroups')!;
    expect(refusal).toMatchObject({ broker: null, notAuthorised: true });
    expect(refusal.resources).toEqual(expect.arrayContaining([groupId, memberGroupId]));
    await pipeline.cycle();
    expect(refusalLines(log)).toEqual([`DescribeGroups failing: ${refusal.message}`]);
  });

  it('without Read on topics time lag is estimated and says why; Read granted later gives it exact, without restart', async () => {
    const { user, pipeline, log } = await watchAs(without('topic:READ'), 2000);
    const state = await firstCycle(pipeline);
    const timeLag = `not authorised: needs Read on topic ${topic} for exact time lag`;

    const group = groupOf(state, groupId);
    expect(group.partitions.map((p) => [p.timeLagSource === 'exact', p.timeLagError])).toEqual([
      [false, timeLag],
      [false, timeLag],
    ]);
    expect(group.maxTimeLagError).toBe(timeLag);
    expect(topicOf(state)).toMatchObject({
      oldestMessageAgeSeconds: null,
      oldestMessageAgeError: `not authorised: needs Read on topic ${topic} for the oldest message's age`,
    });
    expect(analysisFailures(state.analysis)).toEqual([
      expect.objectContaining({ operation: 'Fetch', broker: null, notAuthorised: true }),
    ]);
    // Read is optional: its refusal does not make the cluster degraded.
    expect(clusterStatus(state)).toBe('ok');

    await grant(`User:${user}`, [{ resource: 'topic', operation: 'READ' }]);
    const granted = await eventually(async () => {
      const next = await pipeline.cycle();
      return groupOf(next, groupId).partitions.every((p) => p.timeLagSource === 'exact') ? next : undefined;
    }, 'exact time lag once Read is granted');
    const exact = groupOf(granted, groupId);
    expect(exact.partitions.map((p) => p.timeLagError)).toEqual([null, null]);
    expect(exact.partitions[0].timeLagSeconds).toBeCloseTo((granted.snapshot!.collectedAt - (T0 + 6)) / 1000, 1);
    expect(topicOf(granted).oldestMessageAgeError).toBeNull();
    expect(granted.analysis!.recordTimestamps.refusedTopics).not.toContain(topic);
    // Once when refused, once when read again.
    const fetchLines = refusalLines(log).filter((line) => line.startsWith('Fetch'));
    expect(fetchLines).toEqual([
      expect.stringMatching(
        /^Fetch failing: not authorised: needs Read on topics? .* for exact time lag and the oldest message ages$/,
      ),
      'Fetch works again',
    ]);
  });
});
