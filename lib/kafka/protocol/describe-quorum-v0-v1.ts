/**
 * DescribeQuorum v0 and v1, for KRaft clusters before 3.9 (which serve v0–1; v2 is what
 * @platformatic/kafka speaks). We read only who leads each partition of the quorum.
 * v1 adds two timestamps to every replica state.
 */
import { createAPI, Writer, type Reader } from '@platformatic/kafka';

export interface QuorumPartition {
  partitionIndex: number;
  errorCode: number;
  leaderId: number;
}

export interface DescribeQuorumV0Response {
  errorCode: number;
  topics: { topicName: string; partitions: QuorumPartition[] }[];
}

type QuorumTopics = { topicName: string; partitions: { partitionIndex: number }[] }[];

function createRequest(topics: QuorumTopics): Writer {
  return Writer.create()
    .appendArray(topics, (w, t) =>
      w.appendString(t.topicName).appendArray(t.partitions, (p, partition) => p.appendInt32(partition.partitionIndex)),
    )
    .appendTaggedFields();
}

function parser(version: 0 | 1) {
  /** ReplicaState => replica_id log_end_offset [last_fetch_timestamp last_caught_up_timestamp (v1)] TAG_BUFFER */
  const skipReplica = (r: Reader) => {
    r.readInt32();
    r.readInt64();
    if (version >= 1) {
      r.readInt64();
      r.readInt64();
    }
  };
  return (_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader): DescribeQuorumV0Response => {
    const errorCode = reader.readInt16();
    const topics = reader.readArray((t) => ({
      topicName: t.readString(),
      partitions: t.readArray((p) => {
        const partitionIndex = p.readInt32();
        const partitionError = p.readInt16();
        const leaderId = p.readInt32();
        p.readInt32(); // leader_epoch
        p.readInt64(); // high_watermark
        p.readArray(skipReplica); // current_voters
        p.readArray(skipReplica); // observers
        return { partitionIndex, errorCode: partitionError, leaderId };
      }),
    }));
    reader.readTaggedFields();
    return { errorCode, topics };
  };
}

export const describeQuorumV0 = createAPI<[topics: QuorumTopics], DescribeQuorumV0Response>(
  55,
  0,
  createRequest,
  parser(0),
);
export const describeQuorumV1 = createAPI<[topics: QuorumTopics], DescribeQuorumV0Response>(
  55,
  1,
  createRequest,
  parser(1),
);
