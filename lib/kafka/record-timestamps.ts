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
import type { fetchV12 } from '@platformatic/kafka';
import { isNotAuthorised, notAuthorisedFailure } from './authorization';
import { RequestTimeoutError, type BrokerConnections } from './connection';
import { failureOf, kafkaErrorName } from './errors';
import { fetchV12Raw, type FetchedPartition } from './protocol/fetch-v12-raw';
import { firstRecordAtOrAfter, type Scan } from './record-batch-scan';
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
  /**
   * When there is no data record at or after `offset`: the high watermark the broker answered
   * with. Above `offset` it means everything in between is transaction markers, which no
   * consumer ever receives; equal to `offset`, the offset simply was at the end.
   */
  noRecordBelow?: number;
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
  await connections.version(broker, 'Fetch');
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
    ...(scan.kind === 'none' ? { noRecordBelow: scan.highWatermark } : {}),
    error: scan.kind === 'error' ? scan.error : null,
  };
}

/**
 * A lookup of each partition's leader broker, or the Kafka error name saying why there is none.
 * Built once per call: a `find` over every topic per request was quadratic at thousands of topics.
 */
function leaderLookup(brokers: BrokerNode[], topics: TopicMetadata[]) {
  const byId = new Map(brokers.map((b) => [b.id, b]));
  const leaders = new Map<string, number>();
  for (const t of topics) for (const p of t.partitions) leaders.set(partitionKey(t.name, p.partition), p.leader);
  return (request: TimestampRequest): BrokerNode | string => {
    const leader = leaders.get(partitionKey(request.topic, request.partition));
    if (leader === undefined) return 'UNKNOWN_TOPIC_OR_PARTITION';
    return byId.get(leader) ?? 'LEADER_NOT_AVAILABLE';
  };
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
      failures.push(failureOf('Fetch', broker.id, error));
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
 * other per-partition errors and unreachable brokers are also recorded as failures, and topics
 * refused (no Read on them) as one not-authorised failure. Never throws for one bad broker.
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
  const leaderOf = leaderLookup(brokers, topics);
  for (const request of new Map(requests.map((r) => [requestKey(r), r])).values()) {
    const leader = leaderOf(request);
    if (typeof leader === 'string') unanswerable.push([request, { kind: 'error', error: leader }]);
    else if (byLeader.has(leader)) byLeader.get(leader)!.push(request);
    else byLeader.set(leader, [request]);
  }
  const answered = await Promise.all(
    [...byLeader].map(async ([broker, leaderRequests]) => ({
      broker: broker.id,
      answers: await fetchFromLeader(connections, broker, leaderRequests, partitionMaxBytes, failures),
    })),
  );
  const refused = new Set<string>();
  for (const { broker, answers } of [{ broker: null, answers: unanswerable }, ...answered]) {
    for (const [request, scan] of answers) {
      results.set(requestKey(request), toResult(request, scan));
      // A failed broker is recorded once, not per request; an offset out of range is an answer.
      if (scan.kind !== 'error' || scan.brokerFailed || scan.error === 'OFFSET_OUT_OF_RANGE') continue;
      if (isNotAuthorised(scan.error)) {
        refused.add(request.topic);
        continue;
      }
      failures.push({
        operation: 'Fetch',
        broker,
        message: `${request.topic}-${request.partition}@${request.offset}: ${scan.error}`,
      });
    }
  }
  if (refused.size > 0) {
    failures.push(notAuthorisedFailure('Fetch', 'Read', { type: 'topic', names: [...refused] }));
  }
  return { value: requests.flatMap((r) => results.get(requestKey(r)) ?? []), failures };
}
