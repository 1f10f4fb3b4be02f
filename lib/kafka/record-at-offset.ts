/**
 * The record at one offset of one partition, read with one Fetch to the partition's
 * leader: the same group-less, session-less, read_uncommitted Fetch as time lag
 * (record-timestamps.ts), so nothing is committed and the broker keeps no state for us.
 * More Fetches, each asking for more bytes (up to 64 MiB), only when the record lies past
 * batches bigger than the first answer's 1 MiB.
 */
import { isNotAuthorised, notAuthorisedMessage } from './authorization';
import { RequestTimeoutError, type BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import { fetchV12Raw } from './protocol/fetch-v12-raw';
import {
  inspectRecordAt,
  type InspectedRecord,
  type RecordBytes,
  type TransactionMarker,
} from './record-batch-inspect';
import type { BrokerNode, TopicMetadata } from './types';

export interface RecordAtOffsetRequest {
  topic: string;
  partition: number;
  offset: number;
  /** Return the key and value bytes too (for a preview); otherwise metadata only. */
  withBytes?: boolean;
}

/** The partition's offsets as the leader answered the Fetch; -1 where it did not say. */
export interface FetchedOffsets {
  logStartOffset: number;
  highWatermark: number;
  lastStableOffset: number;
}

export type RecordAtOffset = { leader: number | null } & (
  | ({
      kind: 'record';
      record: InspectedRecord;
      bytes: RecordBytes | null;
      markers: TransactionMarker[];
      removedOffsets: number;
    } & FetchedOffsets)
  /** Nothing but markers (or nothing at all) from the offset up to the high watermark. */
  | ({ kind: 'none'; markers: TransactionMarker[] } & FetchedOffsets)
  /** Below the log start (deleted by retention or delete-records) or past the end. */
  | { kind: 'out-of-range'; logStartOffset: number | null; highWatermark: number | null }
  | { kind: 'not-authorised'; message: string }
  /** A Kafka error or an unreachable leader; `error` names it. */
  | { kind: 'error'; error: string }
);

const FIRST_MAX_BYTES = 1024 * 1024;
const MAX_RETRY_BYTES = 64 * 1024 * 1024;
const READ_UNCOMMITTED = 0;

const known = (offset: bigint) => (offset >= 0n ? Number(offset) : -1);

async function fetchPartition(
  connections: BrokerConnections,
  leader: BrokerNode,
  request: RecordAtOffsetRequest,
  maxBytes: number,
) {
  await connections.version(leader, 'Fetch');
  const partitions = [
    {
      partition: request.partition,
      currentLeaderEpoch: -1,
      fetchOffset: BigInt(request.offset),
      lastFetchedEpoch: -1,
      partitionMaxBytes: maxBytes,
    },
  ];
  // max_wait_ms 0, min_bytes 0: answer at once. Session 0, epoch -1: no fetch session.
  const response = await connections.call(
    leader,
    fetchV12Raw,
    0,
    0,
    maxBytes,
    READ_UNCOMMITTED,
    0,
    -1,
    [{ topicId: request.topic, partitions }],
    [],
    '',
  );
  return response.find((p) => p.topic === request.topic && p.partition === request.partition);
}

/** What one partition's leader says is at `request.offset`. Never throws for Kafka's reasons. */
export async function readRecordAtOffset(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  topics: TopicMetadata[],
  request: RecordAtOffsetRequest,
): Promise<RecordAtOffset> {
  const partition = topics
    .find((t) => t.name === request.topic)
    ?.partitions.find((p) => p.partition === request.partition);
  if (!partition) return { leader: null, kind: 'error', error: 'UNKNOWN_TOPIC_OR_PARTITION' };
  const leader = brokers.find((b) => b.id === partition.leader);
  if (!leader) return { leader: null, kind: 'error', error: 'LEADER_NOT_AVAILABLE' };
  const base = { leader: leader.id };
  let maxBytes = FIRST_MAX_BYTES;
  try {
    for (;;) {
      const fetched = await fetchPartition(connections, leader, request, maxBytes);
      if (!fetched) return { ...base, kind: 'error', error: 'UNKNOWN_TOPIC_OR_PARTITION' };
      const error = kafkaErrorName(fetched.errorCode);
      if (error === 'OFFSET_OUT_OF_RANGE') {
        const logStart = known(fetched.logStartOffset);
        const end = known(fetched.highWatermark);
        return {
          ...base,
          kind: 'out-of-range',
          logStartOffset: logStart < 0 ? null : logStart,
          highWatermark: end < 0 ? null : end,
        };
      }
      if (error && isNotAuthorised(error)) {
        return {
          ...base,
          kind: 'not-authorised',
          message: notAuthorisedMessage('Read', { type: 'topic', names: [request.topic] }),
        };
      }
      if (error) return { ...base, kind: 'error', error };
      const offsets: FetchedOffsets = {
        logStartOffset: known(fetched.logStartOffset),
        highWatermark: known(fetched.highWatermark),
        lastStableOffset: known(fetched.lastStableOffset),
      };
      const found = inspectRecordAt(
        fetched.records,
        BigInt(request.offset),
        fetched.highWatermark,
        request.withBytes === true,
      );
      if (found.kind === 'incomplete') {
        if (maxBytes >= MAX_RETRY_BYTES) return { ...base, kind: 'error', error: 'RECORD_TOO_LARGE' };
        maxBytes = Math.min(MAX_RETRY_BYTES, Math.max(found.neededBytes, 4 * maxBytes));
        continue;
      }
      if (found.kind === 'error') return { ...base, kind: 'error', error: found.error };
      return { ...base, ...found, ...offsets };
    }
  } catch (failure) {
    const error =
      failure instanceof RequestTimeoutError ? `REQUEST_TIMED_OUT: ${describeError(failure)}` : describeError(failure);
    return { ...base, kind: 'error', error };
  }
}
