/**
 * Fetch v12 with the records left as raw bytes: the newest Fetch version that names
 * topics (v13+ want topic ids), served by Kafka 3.9 (v0–17) and 4.x (v4–18, KIP-896).
 * Our own parser because @platformatic/kafka's decompresses every batch, fails the whole
 * answer on one batch it cannot read, and skips tagged fields wrongly.
 */
import { createAPI, fetchV12, type Reader } from '@platformatic/kafka';

export interface FetchedPartition {
  topic: string;
  partition: number;
  errorCode: number;
  highWatermark: bigint;
  /** -1 when the broker does not say (older brokers on some errors). */
  lastStableOffset: bigint;
  logStartOffset: bigint;
  records: Buffer;
}

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
          const lastStableOffset = p.readInt64();
          const logStartOffset = p.readInt64();
          // aborted_transactions: producer_id, first_offset
          p.readArray((a) => skipTaggedFields(a.skip(16)), true, false);
          p.readInt32(); // preferred_read_replica
          const size = p.readUnsignedVarInt() - 1; // COMPACT_RECORDS: length + 1, 0 for null
          const records = size > 0 ? p.buffer.slice(p.position, p.position + size) : Buffer.alloc(0);
          p.skip(Math.max(size, 0));
          skipTaggedFields(p);
          return { topic, partition, errorCode, highWatermark, lastStableOffset, logStartOffset, records };
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

export const fetchV12Raw = createAPI<fetchV12.FetchRequest, FetchedPartition[]>(
  1,
  12,
  fetchV12.createRequest,
  parseFetchV12,
);
