/**
 * The timestamp of the first record at or after an offset, per partition: what exact
 * time lag needs. Read with a Fetch that belongs to no consumer group and opens no fetch
 * session (session id 0, epoch -1, replica id -1), so nothing is committed and the broker
 * keeps no state for us.
 *
 * Fetch v12: the newest version that names topics (v13+ want topic ids), served by Kafka
 * 3.9 (v0–17) and 4.x (v4–18, KIP-896). We parse the answer ourselves instead of using
 * @platformatic/kafka's parser: that one decompresses every batch, fails the whole answer
 * on a codec it lacks (zstd before Node 22.15) or cannot read (the Java producer's framed
 * Snappy), and skips tagged fields wrongly.
 */
import {
  compressionsAlgorithms,
  createAPI,
  fetchV12,
  readRecordsBatch,
  Reader,
  UnsupportedCompressionError,
} from '@platformatic/kafka';
import { RequestTimeoutError, type BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import type { BrokerNode, PartialFailure, TopicMetadata, WithFailures } from './types';

export interface TimestampRequest {
  topic: string;
  partition: number;
  offset: number;
}

export interface RecordTimestamp extends TimestampRequest {
  /**
   * Timestamp (epoch ms) of the first record at or after `offset`; null when there is none
   * (offset at the end), when that record has no timestamp (-1), or on error.
   */
  timestampMs: number | null;
  /** Offset of that record (≥ offset; can be higher in compacted topics or after transaction markers). */
  recordOffset: number | null;
  /** Kafka error name, e.g. OFFSET_OUT_OF_RANGE when offset < log start. */
  error: string | null;
}

export interface RecordTimestampsOptions {
  /**
   * Bytes asked per partition (default 64 KiB). A partition whose wanted batch is bigger is
   * asked again, once, for that batch whole (up to 16 MiB); past that, RECORD_TOO_LARGE.
   */
  partitionMaxBytes?: number;
}

const DEFAULT_PARTITION_MAX_BYTES = 64 * 1024;
const MAX_RETRY_BYTES = 16 * 1024 * 1024;
const READ_UNCOMMITTED = 0;
/** Batch framing before the batch length counts: base offset (8) and length (4). */
const LOG_OVERHEAD = 12;
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const RECORDS_AT = 61;
const COMPRESSION_BITS = 0b111;
const SNAPPY = 2;
/** xerial snappy-java stream header: magic, then version and compatible version (int32 each). */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;
const TIMESTAMP_TYPE_LOG_APPEND = 1 << 3;
const CONTROL_BATCH = 1 << 5;

interface FetchedPartition {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  records: Buffer;
}

type Scan =
  | { kind: 'found'; recordOffset: number; timestampMs: number | null }
  | { kind: 'none' }
  | { kind: 'incomplete'; neededBytes: number }
  | { kind: 'error'; error: string; brokerFailed?: true };

/** Tagged fields: a count, then tag, size and data for each. */
function skipTaggedFields(r: Reader): void {
  const count = r.readUnsignedVarInt();
  for (let i = 0; i < count; i++) {
    r.readUnsignedVarInt();
    r.skip(r.readUnsignedVarInt());
  }
}

/** Fetch v12 response, records left as raw bytes; a top-level error is copied onto every partition. */
function parseFetchV12(_correlationId: number, _apiKey: number, _apiVersion: number, r: Reader): FetchedPartition[] {
  r.readInt32(); // throttle_time_ms
  const topLevelError = r.readInt16();
  r.readInt32(); // session_id
  const topics = r.readArray(
    (t) => {
      const topic = t.readString();
      const partitions = t.readArray(
        (p): FetchedPartition => {
          const partition = p.readInt32();
          const errorCode = p.readInt16() || topLevelError;
          const highWatermark = p.readInt64();
          p.skip(16); // last_stable_offset, log_start_offset
          // aborted_transactions: producer_id, first_offset
          p.readArray((a) => skipTaggedFields(a.skip(16)), true, false);
          p.readInt32(); // preferred_read_replica
          const size = p.readUnsignedVarInt() - 1; // COMPACT_RECORDS: length + 1, 0 for null
          const records = size > 0 ? p.buffer.slice(p.position, p.position + size) : Buffer.alloc(0);
          p.skip(Math.max(size, 0));
          skipTaggedFields(p);
          return { topic, partition, errorCode, highWatermark, records };
        },
        true,
        false,
      );
      skipTaggedFields(t);
      return partitions;
    },
    true,
    false,
  );
  return topics.flat();
}

const fetchV12Raw = createAPI<fetchV12.FetchRequest, FetchedPartition[]>(1, 12, fetchV12.createRequest, parseFetchV12);

/**
 * The Java producer (and librdkafka) frame Snappy data the snappy-java way: a header, then
 * blocks of int32 length + raw Snappy. @platformatic/kafka reads raw Snappy only, so such a
 * batch is rewritten here as an uncompressed one.
 */
function unframeSnappy(batch: Buffer): Buffer {
  const attributes = batch.readInt16BE(ATTRIBUTES_AT);
  const data = batch.subarray(RECORDS_AT);
  if ((attributes & COMPRESSION_BITS) !== SNAPPY || !data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC)) {
    return batch;
  }
  const blocks: Buffer[] = [];
  for (let at = XERIAL_HEADER_BYTES; at + 4 <= data.length; at += 4 + data.readInt32BE(at)) {
    blocks.push(compressionsAlgorithms.snappy.decompressSync(data.subarray(at + 4, at + 4 + data.readInt32BE(at))));
  }
  const header = Buffer.from(batch.subarray(0, RECORDS_AT));
  header.writeInt16BE(attributes & ~COMPRESSION_BITS, ATTRIBUTES_AT);
  const records = Buffer.concat(blocks);
  header.writeInt32BE(RECORDS_AT - LOG_OVERHEAD + records.length, 8);
  return Buffer.concat([header, records]);
}

/** The first data record of a batch at or after `offset`; LogAppendTime batches stamp every record with maxTimestamp. */
function recordInBatch(batchBytes: Buffer, offset: bigint): Scan | null {
  let batch;
  try {
    batch = readRecordsBatch(Reader.from(unframeSnappy(batchBytes)));
  } catch (error) {
    return {
      kind: 'error',
      error: error instanceof UnsupportedCompressionError ? 'UNSUPPORTED_COMPRESSION_TYPE' : 'CORRUPT_MESSAGE',
    };
  }
  const logAppendTime = (batch.attributes & TIMESTAMP_TYPE_LOG_APPEND) !== 0;
  for (const record of batch.records) {
    const recordOffset = batch.firstOffset + BigInt(record.offsetDelta);
    if (recordOffset < offset) continue;
    const timestamp = logAppendTime ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta;
    return {
      kind: 'found',
      recordOffset: Number(recordOffset),
      timestampMs: timestamp < 0n ? null : Number(timestamp),
    };
  }
  return null;
}

/**
 * Walks a partition's batches by their headers, decompressing only the batch that holds
 * the answer. The broker answers whole batches, so the first may start before `offset`;
 * control batches (transaction markers) hold no data. A batch cut off by the size limit, or
 * batches left out below the high watermark (the response's byte budget ran out), make the
 * answer incomplete, with (a lower bound of) the bytes needed.
 */
function firstRecordAtOrAfter(records: Buffer, offset: bigint, highWatermark: bigint): Scan {
  let position = 0;
  let nextOffset = offset;
  while (position + LOG_OVERHEAD <= records.length) {
    const end = position + LOG_OVERHEAD + records.readInt32BE(position + 8);
    if (end > records.length) return { kind: 'incomplete', neededBytes: end };
    if (records.readInt8(position + MAGIC_AT) !== 2) return { kind: 'error', error: 'UNSUPPORTED_FOR_MESSAGE_FORMAT' };
    const lastOffset = records.readBigInt64BE(position) + BigInt(records.readInt32BE(position + LAST_OFFSET_DELTA_AT));
    const control = (records.readInt16BE(position + ATTRIBUTES_AT) & CONTROL_BATCH) !== 0;
    const found = lastOffset >= offset && !control ? recordInBatch(records.subarray(position, end), offset) : null;
    if (found) return found;
    position = end;
    if (lastOffset >= nextOffset) nextOffset = lastOffset + 1n;
  }
  const cut = position < records.length || nextOffset < highWatermark;
  return cut ? { kind: 'incomplete', neededBytes: position + LOG_OVERHEAD } : { kind: 'none' };
}

function scanPartition(fetched: FetchedPartition, offset: number): Scan {
  const error = kafkaErrorName(fetched.errorCode);
  if (error) return { kind: 'error', error };
  return firstRecordAtOrAfter(fetched.records, BigInt(offset), fetched.highWatermark);
}

interface Sized {
  request: TimestampRequest;
  partitionMaxBytes: number;
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
const requestKey = (r: TimestampRequest) => `${partitionKey(r.topic, r.partition)}\u0000${r.offset}`;

/** One Fetch to one broker; the answer per requested partition. */
async function fetchOnce(connections: BrokerConnections, broker: BrokerNode, wanted: Sized[]): Promise<Scan[]> {
  const byTopic = new Map<string, fetchV12.FetchRequestPartition[]>();
  for (const { request, partitionMaxBytes } of wanted) {
    const partitions = byTopic.get(request.topic) ?? [];
    byTopic.set(request.topic, partitions);
    const fetchOffset = BigInt(request.offset);
    partitions.push({
      partition: request.partition,
      currentLeaderEpoch: -1,
      fetchOffset,
      lastFetchedEpoch: -1,
      partitionMaxBytes,
    });
  }
  const topics = [...byTopic].map(([topicId, partitions]) => ({ topicId, partitions }));
  // The first partition with data gets its first batch whole, however big, and that counts
  // against max_bytes: leave room for it so it does not starve the partitions after it.
  const maxBytes = Math.min(
    wanted.reduce((sum, w) => sum + w.partitionMaxBytes, MAX_RETRY_BYTES),
    2 ** 31 - 1,
  );
  // max_wait_ms 0, min_bytes 0: answer at once with what there is. Session 0, epoch -1: no fetch session.
  const response = await connections.call(broker, fetchV12Raw, 0, 0, maxBytes, READ_UNCOMMITTED, 0, -1, topics, [], '');
  const byPartition = new Map(response.map((p) => [partitionKey(p.topic, p.partition), p]));
  return wanted.map(({ request }) => {
    const fetched = byPartition.get(partitionKey(request.topic, request.partition));
    return fetched ? scanPartition(fetched, request.offset) : { kind: 'error', error: 'UNKNOWN_TOPIC_OR_PARTITION' };
  });
}

/** Requests with at most one offset per partition (a Fetch names each partition once), with a retry for cut-off batches. */
async function fetchRound(
  connections: BrokerConnections,
  broker: BrokerNode,
  round: TimestampRequest[],
  partitionMaxBytes: number,
): Promise<Scan[]> {
  const scans = await fetchOnce(
    connections,
    broker,
    round.map((request) => ({ request, partitionMaxBytes })),
  );
  const retry: { index: number; sized: Sized }[] = [];
  scans.forEach((scan, index) => {
    if (scan.kind !== 'incomplete') return;
    const bytes = Math.max(scan.neededBytes, 2 * partitionMaxBytes);
    if (bytes > MAX_RETRY_BYTES) scans[index] = { kind: 'error', error: 'RECORD_TOO_LARGE' };
    else retry.push({ index, sized: { request: round[index], partitionMaxBytes: bytes } });
  });
  if (retry.length === 0) return scans;
  const retried = await fetchOnce(
    connections,
    broker,
    retry.map((r) => r.sized),
  );
  retry.forEach(({ index }, i) => {
    scans[index] = retried[i].kind === 'incomplete' ? { kind: 'error', error: 'RECORD_TOO_LARGE' } : retried[i];
  });
  return scans;
}

/** Splits a leader's requests so that no Fetch names a partition twice (two groups at different offsets). */
function splitRounds(requests: TimestampRequest[]): TimestampRequest[][] {
  const rounds: TimestampRequest[][] = [];
  const used = new Map<string, number>();
  for (const request of requests) {
    const key = partitionKey(request.topic, request.partition);
    const round = used.get(key) ?? 0;
    used.set(key, round + 1);
    (rounds[round] ??= []).push(request);
  }
  return rounds;
}

function toResult(request: TimestampRequest, scan: Scan): RecordTimestamp {
  const { topic, partition, offset } = request;
  const found = scan.kind === 'found';
  return {
    topic,
    partition,
    offset,
    timestampMs: found ? scan.timestampMs : null,
    recordOffset: found ? scan.recordOffset : null,
    error: scan.kind === 'error' ? scan.error : null,
  };
}

/** The leader broker of a partition, or the Kafka error name saying why there is none. */
function leaderOf(request: TimestampRequest, brokers: BrokerNode[], topics: TopicMetadata[]): BrokerNode | string {
  const partition = topics
    .find((t) => t.name === request.topic)
    ?.partitions.find((p) => p.partition === request.partition);
  if (!partition) return 'UNKNOWN_TOPIC_OR_PARTITION';
  return brokers.find((b) => b.id === partition.leader) ?? 'LEADER_NOT_AVAILABLE';
}

/** A leader's requests, round by round; a broker that fails is not asked again (it would only time out again). */
async function fetchFromLeader(
  connections: BrokerConnections,
  broker: BrokerNode,
  requests: TimestampRequest[],
  partitionMaxBytes: number,
  failures: PartialFailure[],
): Promise<[TimestampRequest, Scan][]> {
  const answers: [TimestampRequest, Scan][] = [];
  const rounds = splitRounds(requests);
  for (const [i, round] of rounds.entries()) {
    try {
      const scans = await fetchRound(connections, broker, round, partitionMaxBytes);
      round.forEach((request, j) => answers.push([request, scans[j]]));
    } catch (error) {
      failures.push({ operation: 'Fetch', broker: broker.id, message: describeError(error) });
      const code = error instanceof RequestTimeoutError ? 'REQUEST_TIMED_OUT' : 'NETWORK_EXCEPTION';
      const scan: Scan = { kind: 'error', error: code, brokerFailed: true };
      return [
        ...answers,
        ...rounds.slice(i).flatMap((rest) => rest.map((request): [TimestampRequest, Scan] => [request, scan])),
      ];
    }
  }
  return answers;
}

/**
 * For each request, the timestamp of the first record at or after its offset (read_uncommitted),
 * with one Fetch per leader broker (more only when two requests name the same partition, or a
 * wanted batch is bigger than `partitionMaxBytes`). Results come in the order of `requests`.
 * OFFSET_OUT_OF_RANGE (offset below log start, or past the log end) is an answer, not a failure;
 * other per-partition errors and unreachable brokers are also recorded as failures. Never throws
 * for one bad broker.
 */
export async function fetchRecordTimestamps(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  topics: TopicMetadata[],
  requests: TimestampRequest[],
  options: RecordTimestampsOptions = {},
): Promise<WithFailures<RecordTimestamp[]>> {
  const partitionMaxBytes = options.partitionMaxBytes ?? DEFAULT_PARTITION_MAX_BYTES;
  const failures: PartialFailure[] = [];
  const results = new Map<string, RecordTimestamp>();
  const byLeader = new Map<BrokerNode, TimestampRequest[]>();
  const unanswerable: [TimestampRequest, Scan][] = [];
  for (const request of new Map(requests.map((r) => [requestKey(r), r])).values()) {
    const leader = leaderOf(request, brokers, topics);
    if (typeof leader === 'string') unanswerable.push([request, { kind: 'error', error: leader }]);
    else byLeader.set(leader, [...(byLeader.get(leader) ?? []), request]);
  }
  const answered = await Promise.all(
    [...byLeader].map(async ([broker, leaderRequests]) => ({
      broker: broker.id,
      answers: await fetchFromLeader(connections, broker, leaderRequests, partitionMaxBytes, failures),
    })),
  );
  for (const { broker, answers } of [{ broker: null, answers: unanswerable }, ...answered]) {
    for (const [request, scan] of answers) {
      results.set(requestKey(request), toResult(request, scan));
      // A failed broker is recorded once, not per request; an offset out of range is an answer.
      if (scan.kind !== 'error' || scan.brokerFailed || scan.error === 'OFFSET_OUT_OF_RANGE') continue;
      failures.push({
        operation: 'Fetch',
        broker,
        message: `${request.topic}-${request.partition}@${request.offset}: ${scan.error}`,
      });
    }
  }
  return { value: requests.flatMap((r) => results.get(requestKey(r)) ?? []), failures };
}
