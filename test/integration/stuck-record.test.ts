/**
 * The record a group sits on, through the real runtime and the record route against the
 * local cluster, checked against kafka-dump-log (the same release's tool reading the
 * leader's segment files): a consumer failing on a malformed record, a group committed at
 * a transaction marker, a record in an open transaction, a committed offset removed by
 * compaction, and one below the log start. Previews: only on the cluster configured for
 * them, redacted, and only for the role the config names.
 */
import { createHash } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { CompressionTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getRecordRoute } from '@/app/api/clusters/[cluster]/groups/[group]/record/route';
import { RecordResponse } from '@/lib/api/record-schemas';
import { encodePrincipal, PRINCIPAL_HEADER } from '@/lib/auth/principal-header';
import type { Principal } from '@/lib/auth/principal';
import { getStore, startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { deleteRecordsWithTool, dumpLogWithTool, type DumpedBatch } from '../helpers/kafka-tool-readings';
import { eventually, LOCAL_BROKERS, sendWithRetry, sleep, testKafka, uniqueName } from '../helpers/local-cluster';
import { withTempDir } from '../helpers/temp-dir';

const PLAIN = uniqueName('record-plain');
const PREVIEWED = uniqueName('record-preview');
const CARD = /\d{4}( \d{4}){3}/;

function principal(role: 'viewer' | 'operator'): Principal {
  return { name: `test-${role}`, via: 'basic', grants: [{ role, clusters: null }] };
}

async function askRecord(
  cluster: string,
  group: string,
  query: Record<string, string>,
  asker: Principal = principal('viewer'),
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const url = `http://localhost/api/clusters/${cluster}/groups/${group}/record?${new URLSearchParams(query)}`;
  const response = await getRecordRoute(new Request(url, { headers: { [PRINCIPAL_HEADER]: encodePrincipal(asker) } }), {
    params: Promise.resolve({ cluster, group }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

async function recordOf(cluster: string, group: string, topic: string, asker?: Principal): Promise<RecordResponse> {
  const { status, body } = await askRecord(cluster, group, { topic, partition: '0' }, asker);
  expect(status, JSON.stringify(body)).toBe(200);
  return RecordResponse.parse(body);
}

/** Waits until the last poll has the group's committed offset on partition 0 at `offset`. */
async function polledAt(cluster: string, group: string, topic: string, offset: number): Promise<void> {
  await eventually(async () => {
    const found = getStore()
      .get(cluster)
      ?.snapshot?.groups.find((g) => g.groupId === group)
      ?.offsets.find((o) => o.topic === topic && o.partition === 0);
    return found?.offset === offset || undefined;
  }, `the poll to see ${group} at offset ${offset}`);
}

/** The record at `offset` in what kafka-dump-log printed, with its batch. */
function dumped(batches: DumpedBatch[], offset: number) {
  for (const batch of batches) {
    const record = batch.records.find((r) => Number(r.offset) === offset);
    if (record) return { batch: batch.fields, record, index: batch.records.indexOf(record) };
  }
  throw new Error(`kafka-dump-log printed no record at offset ${offset}`);
}

describe('the record a group sits on', { timeout: 240_000 }, () => {
  const fixture = useKafkaFixture('stuck');
  const temp = withTempDir('watermark-stuck-record');
  const failing = testKafka('stuck-record-failing-consumer');
  let consumer: Consumer | undefined;

  beforeAll(() => {
    const clusters = [
      { id: PLAIN, brokers: LOCAL_BROKERS, pollIntervalMs: 1000 },
      {
        id: PREVIEWED,
        brokers: LOCAL_BROKERS,
        pollIntervalMs: 1000,
        recordPreview: { maxBytes: 64, redact: [CARD.source], role: 'operator' },
      },
    ];
    startRuntime({
      WATERMARK_CONFIG: temp.write('watermark.json', JSON.stringify({ clusters })),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
    });
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await stopRuntime();
  });

  it('shows the malformed record a failing consumer is stuck on, as kafka-dump-log prints it', async () => {
    const topic = await fixture.createTopic(1);
    const group = uniqueName('stuck-parser');
    const bad = '{"order": 17, "card": "4111 1111 1111 1111", "items": [';
    await sendWithRetry(fixture.producer, {
      topic,
      compression: CompressionTypes.GZIP,
      messages: [
        ...[0, 1, 2, 3, 4].map((i) => ({ partition: 0, key: `order-${i}`, value: JSON.stringify({ order: i }) })),
        {
          partition: 0,
          key: 'order-17',
          value: bad,
          headers: { 'trace-id': 'abc123', 'content-type': 'application/json' },
        },
        ...[6, 7].map((i) => ({ partition: 0, key: `order-${i}`, value: JSON.stringify({ order: i }) })),
      ],
    });
    // A consumer that parses every value and fails on the malformed one, again and again.
    consumer = failing.consumer({ groupId: group, retry: { retries: 0 }, sessionTimeout: 60_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommitThreshold: 1,
      eachMessage: async ({ message }) => {
        JSON.parse(message.value!.toString('utf8'));
      },
    });
    const admin = fixture.admin;
    await eventually(async () => {
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      return committed.partitions[0].offset === '5' || undefined;
    }, 'the failing consumer to commit up to the malformed record');
    await polledAt(PLAIN, group, topic, 5);

    const answer = await recordOf(PLAIN, group, topic);
    const leader = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0].leader;
    const tool = dumped(await dumpLogWithTool(topic, 0, leader), 5);
    console.log(`poison pill: ${answer.summary}\n  kafka-dump-log: ${JSON.stringify(tool)}`);

    expect(answer).toMatchObject({ outcome: 'record', committedOffset: 5, leader, markers: [], removedOffsets: 0 });
    const record = answer.record!;
    expect(record.offset).toBe(Number(tool.record.offset));
    expect(record.timestampType).toBe('CreateTime');
    expect(record.timestampMs).toBe(Number(tool.record.CreateTime));
    expect(record.keyBytes).toBe(Number(tool.record.keySize));
    expect(record.valueBytes).toBe(Number(tool.record.valueSize));
    expect(record.sequence).toBe(Number(tool.record.sequence));
    expect(`[${record.headers.map((h) => h.name).join(',')}]`).toBe(tool.record.headerKeys);
    expect(record.keyFingerprint).toBe(createHash('sha256').update('order-17').digest('hex').slice(0, 8));
    expect(record.compression).toBe(tool.batch.compresscodec);
    expect(record.transactional).toBe(tool.batch.isTransactional === 'true');
    expect(record.batch).toMatchObject({
      baseOffset: Number(tool.batch.baseOffset),
      lastOffset: Number(tool.batch.lastOffset),
      recordCount: Number(tool.batch.count),
      index: tool.index,
      producerId: Number(tool.batch.producerId),
      sizeBytes: Number(tool.batch.size),
    });
    expect(answer.summary).toContain('The next record is offset 5');
    // Metadata only on a cluster without recordPreview: the value is nowhere in the answer.
    expect(answer.preview).toMatchObject({ status: 'off', key: null, value: null });
    expect(JSON.stringify(answer)).not.toContain('4111');

    // The cluster configured for previews: a viewer is told the role it lacks; an operator sees it redacted.
    await polledAt(PREVIEWED, group, topic, 5);
    const viewed = await recordOf(PREVIEWED, group, topic, principal('viewer'));
    expect(viewed.preview).toMatchObject({ status: 'not-permitted', role: 'operator', key: null, value: null });
    expect(JSON.stringify(viewed)).not.toContain('4111');
    const operated = await askRecord(PREVIEWED, group, { topic, partition: '0' }, principal('operator'));
    expect(operated.headers.get('cache-control')).toBe('no-store');
    const shown = RecordResponse.parse(operated.body).preview;
    expect(shown.status).toBe('shown');
    expect(shown.key).toMatchObject({ encoding: 'text', text: 'order-17', truncated: false, redactions: 0 });
    expect(shown.value).toMatchObject({
      encoding: 'text',
      text: '{"order": 17, "card": "[redacted]", "items": [',
      totalBytes: Buffer.byteLength(bad),
      redactions: 1,
    });
    await consumer.disconnect();
    consumer = undefined;
  });

  it('says a group committed at a commit marker has only markers left, and names a record in an open transaction', async () => {
    const topic = await fixture.createTopic(1);
    const producer = fixture.kafka.producer({
      transactionalId: uniqueName('stuck-txn'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic, messages: [0, 1, 2].map((i) => ({ partition: 0, value: `m${i}` })) });
      await committed.commit(); // records 0-2, the commit marker at 3
      const atMarker = uniqueName('stuck-at-marker');
      await fixture.admin.setOffsets({ groupId: atMarker, topic, partitions: [{ partition: 0, offset: '3' }] });
      await polledAt(PLAIN, atMarker, topic, 3);
      const marker = await recordOf(PLAIN, atMarker, topic);
      const leader = (await fixture.admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0].leader;
      const tool = dumped(await dumpLogWithTool(topic, 0, leader), 3);
      console.log(`at a marker: ${marker.summary}\n  kafka-dump-log: ${JSON.stringify(tool)}`);
      expect(tool.batch.isControl).toBe('true');
      expect(marker).toMatchObject({
        outcome: 'markers-only',
        record: null,
        markers: [{ offset: 3, type: tool.record.endTxnMarker, producerId: Number(tool.batch.producerId) }],
        highWatermark: 4,
      });
      expect(marker.summary).toContain('only a transaction marker (COMMIT');

      // A transaction left open: a read_committed consumer at offset 4 waits for it.
      const open = await producer.transaction();
      try {
        await open.send({ topic, messages: [{ partition: 0, key: 'pending', value: 'in flight' }] }); // offset 4
        const waiting = uniqueName('stuck-open-txn');
        await fixture.admin.setOffsets({ groupId: waiting, topic, partitions: [{ partition: 0, offset: '4' }] });
        await polledAt(PLAIN, waiting, topic, 4);
        const pending = await recordOf(PLAIN, waiting, topic);
        console.log(`open transaction: ${pending.summary}`);
        expect(pending).toMatchObject({ outcome: 'record', openTransaction: true, lastStableOffset: 4 });
        expect(pending.record).toMatchObject({ offset: 4, transactional: true, keyBytes: 7, valueBytes: 9 });
        expect(pending.summary).toContain('read_committed consumer waits here');
      } finally {
        await open.abort();
      }
    } finally {
      await producer.disconnect();
    }
  });

  it('says which record comes next when compaction removed the committed offset', async () => {
    const topic = await fixture.createTopic(1, {
      'cleanup.policy': 'compact',
      'segment.ms': '100',
      'min.cleanable.dirty.ratio': '0.01',
      'min.compaction.lag.ms': '0',
    });
    const send = (key: string, value: string) =>
      sendWithRetry(fixture.producer, { topic, messages: [{ partition: 0, key, value }] });
    await send('k', 'old'); // offset 0
    await sleep(300);
    await send('k', 'new'); // offset 1: makes offset 0 removable; each later send rolls a segment
    await sleep(300);
    await send('f', '1');
    await sleep(300);
    await send('f', '2');
    const group = uniqueName('stuck-compacted');
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] });
    await polledAt(PLAIN, group, topic, 0);
    const answer = await eventually(
      async () => {
        const read = await recordOf(PLAIN, group, topic);
        return read.removedOffsets > 0 ? read : undefined;
      },
      'compaction to remove offset 0',
      120_000,
    );
    console.log(`compacted: ${answer.summary}`);
    const leader = (await fixture.admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0].leader;
    const offsets = (await dumpLogWithTool(topic, 0, leader)).flatMap((b) => b.records.map((r) => Number(r.offset)));
    expect(offsets).not.toContain(0);
    expect(answer).toMatchObject({ outcome: 'record', logStartOffset: 0, markers: [] });
    expect(answer.record!.offset).toBe(Math.min(...offsets));
    expect(answer.removedOffsets).toBe(answer.record!.offset);
    expect(answer.summary).toContain(`removed by compaction): the next record is offset ${answer.record!.offset}`);
  });

  it('says the record is gone when the committed offset is below the log start', async () => {
    const topic = await fixture.createTopic(1);
    await sendWithRetry(fixture.producer, {
      topic,
      messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `m${i}` })),
    });
    const group = uniqueName('stuck-deleted');
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '2' }] });
    await deleteRecordsWithTool(topic, 0, 6);
    await polledAt(PLAIN, group, topic, 2);
    // The Fetch's out-of-range answer may not carry the log start: the last poll's is said then.
    await eventually(
      async () =>
        getStore()
          .get(PLAIN)
          ?.snapshot?.offsets.some((o) => o.topic === topic && o.logStartOffset === 6) || undefined,
      'the poll to see the new log start',
    );
    const answer = await recordOf(PLAIN, group, topic);
    console.log(`below the log start: ${answer.summary}`);
    expect(answer).toMatchObject({ outcome: 'gone', committedOffset: 2, record: null, logStartOffset: 6 });
    expect(answer.summary).toContain('Offset 2 is gone: the log now starts at 6');
  });

  it('says a committed offset past the end is ahead of the log, not deleted data', async () => {
    const topic = await fixture.createTopic(1);
    await sendWithRetry(fixture.producer, {
      topic,
      messages: [0, 1, 2].map((i) => ({ partition: 0, value: `m${i}` })),
    });
    const group = uniqueName('stuck-ahead');
    // As after the topic was deleted and created again: the commit is past everything written.
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '50' }] });
    await polledAt(PLAIN, group, topic, 50);
    const answer = await recordOf(PLAIN, group, topic);
    console.log(`past the end: ${answer.summary}`);
    expect(answer).toMatchObject({ outcome: 'ahead', committedOffset: 50, record: null, highWatermark: 3 });
    expect(answer.summary).toContain('Offset 50 is past the end of the partition (3)');
  });

  it('answers 404 for an unknown group or a partition without a committed offset, 400 for a bad query', async () => {
    const topic = await fixture.createTopic(2);
    const group = uniqueName('stuck-one-partition');
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] });
    await polledAt(PLAIN, group, topic, 0);
    const unknown = await askRecord(PLAIN, uniqueName('no-such-group'), { topic, partition: '0' });
    expect(unknown.status).toBe(404);
    const uncommitted = await askRecord(PLAIN, group, { topic, partition: '1' });
    expect(uncommitted).toMatchObject({ status: 404, body: { error: expect.stringContaining('no committed offset') } });
    expect((await askRecord(PLAIN, group, { topic, partition: 'x' })).status).toBe(400);
    expect((await askRecord(PLAIN, group, { partition: '0' })).status).toBe(400);
    expect((await askRecord('no-such-cluster', group, { topic, partition: '0' })).status).toBe(404);
  });
});
