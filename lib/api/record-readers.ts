/**
 * GET /api/clusters/{c}/groups/{g}/record?topic=T&partition=P: the record at the group's
 * committed offset on one partition, the one answer read from Kafka when asked rather than
 * from the last poll (one read-only Fetch on the collector thread, see record-at-offset.ts).
 *
 * Key and value previews only when the cluster's config has `recordPreview` and the asker
 * has its role; they are never cached (no-store), logged or kept.
 */
import { getRecordReader, getStore } from '../collector/runtime';
import type { RecordPreviewConfig } from '../config/schema';
import type { RecordAtOffset } from '../kafka/record-at-offset';
import type { RecordBytes } from '../kafka/record-batch-inspect';
import { previewBytes } from '../format/record-preview';
import { recordSummary } from '../format/record-wording';
import { canOperate, canView, type Principal } from '../auth/principal';
import { BadRequestError, NotFoundError, NotReadyError } from './errors';
import { unknownClusterMessage, unknownGroupMessage } from './not-found-messages';
import type { RecordOutcome, RecordResponse } from './record-schemas';

export interface RecordQuery {
  topic: string;
  partition: number;
}

export function recordQuery(query: URLSearchParams): RecordQuery {
  const topic = query.get('topic');
  const partitionText = query.get('partition');
  if (!topic) throw new BadRequestError('topic is required: ?topic=NAME&partition=N');
  if (partitionText === null || !/^\d+$/.test(partitionText)) {
    throw new BadRequestError(`partition must be a partition number (got "${partitionText ?? ''}")`);
  }
  return { topic, partition: Number(partitionText) };
}

function mayPreview(principal: Principal, clusterId: string, preview: RecordPreviewConfig): boolean {
  return preview.role === 'viewer' ? canView(principal, clusterId) : canOperate(principal, clusterId);
}

function outcomeOf(read: RecordAtOffset): RecordOutcome {
  switch (read.kind) {
    case 'record':
      return 'record';
    case 'none':
      return read.markers.length > 0 ? 'markers-only' : 'end';
    case 'out-of-range':
      return 'gone'; // or 'ahead': decided with the offsets below
    case 'not-authorised':
      return 'not-authorised';
    case 'error':
      return 'error';
  }
}

const orNull = (offset: number | null | undefined) =>
  offset === undefined || offset === null || offset < 0 ? null : offset;

function previewOf(
  bytes: RecordBytes | null,
  preview: RecordPreviewConfig | undefined,
  permitted: boolean,
): RecordResponse['preview'] {
  if (!preview) return { status: 'off', role: null, key: null, value: null };
  if (!permitted) return { status: 'not-permitted', role: preview.role, key: null, value: null };
  return {
    status: 'shown',
    role: null,
    key: bytes ? previewBytes(bytes.key, preview) : null,
    value: bytes ? previewBytes(bytes.value, preview) : null,
  };
}

export async function readGroupRecord(
  clusterId: string,
  groupId: string,
  query: RecordQuery,
  principal: Principal,
): Promise<RecordResponse> {
  const state = getStore().get(clusterId);
  const reader = getRecordReader(clusterId);
  if (!state || !reader) throw new NotFoundError(unknownClusterMessage(clusterId));
  if (!state.snapshot) throw new NotReadyError(`cluster "${clusterId}" has not been collected yet`);
  const group = state.snapshot.groups.find((g) => g.groupId === groupId);
  if (!group) throw new NotFoundError(unknownGroupMessage(clusterId, groupId));
  const committed = group.offsets.find((o) => o.topic === query.topic && o.partition === query.partition);
  if (!committed || committed.offset < 0) {
    throw new NotFoundError(
      `consumer group "${groupId}" has no committed offset on ${query.topic}-${query.partition} in cluster "${clusterId}"`,
    );
  }
  const permitted = reader.preview !== undefined && mayPreview(principal, clusterId, reader.preview);
  const read = await reader.read({
    topic: query.topic,
    partition: query.partition,
    offset: committed.offset,
    withBytes: permitted,
  });
  const readAt = Date.now();
  // An out-of-range Fetch answer need not carry the log start: then the last poll's.
  const polled = state.snapshot.offsets.find((o) => o.topic === query.topic && o.partition === query.partition);
  const found = read.kind === 'record' ? read : null;
  const offsets = read.kind === 'record' || read.kind === 'none' ? read : null;
  const endOffset = read.kind === 'out-of-range' ? (read.highWatermark ?? polled?.highWatermark ?? null) : null;
  // Out of range above the end is a commit past what was written (a reset, a recreated topic), not deleted data.
  const ahead = endOffset !== null && endOffset >= 0 && committed.offset > endOffset;
  const answer = {
    readAt,
    outcome: ahead ? 'ahead' : outcomeOf(read),
    committedOffset: committed.offset,
    leader: read.leader,
    record: found?.record ?? null,
    markers: read.kind === 'record' || read.kind === 'none' ? read.markers : [],
    removedOffsets: found?.removedOffsets ?? 0,
    openTransaction:
      found !== null &&
      found.record.transactional &&
      found.lastStableOffset >= 0 &&
      found.record.offset >= found.lastStableOffset,
    logStartOffset: orNull(
      offsets?.logStartOffset ??
        (read.kind === 'out-of-range' ? (read.logStartOffset ?? polled?.logStartOffset) : null),
    ),
    highWatermark: orNull(
      offsets?.highWatermark ?? (read.kind === 'out-of-range' ? (read.highWatermark ?? polled?.highWatermark) : null),
    ),
    lastStableOffset: orNull(offsets?.lastStableOffset),
    error: read.kind === 'error' ? read.error : read.kind === 'not-authorised' ? read.message : null,
  };
  return {
    cluster: clusterId,
    group: groupId,
    topic: query.topic,
    partition: query.partition,
    committedAt: state.snapshot.partCollectedAt.groups,
    ...answer,
    summary: recordSummary(answer),
    preview: previewOf(found?.bytes ?? null, reader.preview, permitted),
  };
}
