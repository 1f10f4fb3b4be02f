/**
 * OffsetFetch v7: one group per request, for brokers before Kafka 3.0 (v8, which asks
 * for many groups at once, is what @platformatic/kafka speaks). Flexible encoding (v6+).
 */
import { createAPI, Writer, type Reader } from '@platformatic/kafka';

export interface OffsetFetchV7Partition {
  partitionIndex: number;
  committedOffset: bigint;
  errorCode: number;
}

export interface OffsetFetchV7Response {
  topics: { name: string; partitions: OffsetFetchV7Partition[] }[];
  errorCode: number;
}

/** group_id [topics] require_stable; null topics asks for every committed partition. */
function createRequest(groupId: string, requireStable: boolean): Writer {
  return Writer.create()
    .appendString(groupId)
    .appendArray(null, () => undefined)
    .appendBoolean(requireStable)
    .appendTaggedFields();
}

function parseResponse(_correlationId: number, _apiKey: number, _apiVersion: number, reader: Reader) {
  reader.readInt32(); // throttle_time_ms
  const topics = reader.readArray((t) => ({
    name: t.readString(),
    partitions: t.readArray((p) => {
      const partitionIndex = p.readInt32();
      const committedOffset = p.readInt64();
      p.readInt32(); // committed_leader_epoch
      p.readNullableString(); // metadata
      return { partitionIndex, committedOffset, errorCode: p.readInt16() };
    }),
  }));
  const errorCode = reader.readInt16();
  reader.readTaggedFields();
  return { topics, errorCode };
}

export const offsetFetchV7 = createAPI<[groupId: string, requireStable: boolean], OffsetFetchV7Response>(
  9,
  7,
  createRequest,
  parseResponse,
);
