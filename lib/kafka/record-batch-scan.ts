/**
 * Finding the first data record at or after an offset in the record batches a Fetch
 * returned, reading batch headers and decompressing only the batch that holds it.
 */
import {
  compressionsAlgorithms,
  readRecordsBatch,
  Reader,
  UnsupportedCompressionError,
  type RecordsBatch,
} from '@platformatic/kafka';

/** Batch framing before the batch length counts: base offset (8) and length (4). */
const LOG_OVERHEAD = 12;
const MAGIC_AT = 16;
const ATTRIBUTES_AT = 21;
const LAST_OFFSET_DELTA_AT = 23;
const RECORDS_AT = 61;
export const COMPRESSION_BITS = 0b111;
const SNAPPY = 2;
/** xerial snappy-java stream header: magic, then version and compatible version (int32 each). */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = 16;
export const TIMESTAMP_TYPE_LOG_APPEND = 1 << 3;
export const CONTROL_BATCH = 1 << 5;

export type Scan =
  | { kind: 'found'; recordOffset: number; timestampMs: number | null }
  /** No data record from the offset up to the high watermark: nothing, or only transaction markers. */
  | { kind: 'none'; highWatermark: number }
  | { kind: 'incomplete'; neededBytes: number }
  | { kind: 'error'; error: string; brokerFailed?: true };

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

/** One batch, decompressed and parsed; a codec we lack or bytes we cannot read are named as Kafka would. */
export function readBatch(bytes: Buffer): RecordsBatch | { error: string } {
  try {
    return readRecordsBatch(Reader.from(unframeSnappy(bytes)));
  } catch (error) {
    return { error: error instanceof UnsupportedCompressionError ? 'UNSUPPORTED_COMPRESSION_TYPE' : 'CORRUPT_MESSAGE' };
  }
}

/** The first data record of a batch at or after `offset`; LogAppendTime batches stamp every record with maxTimestamp. */
function recordInBatch(batchBytes: Buffer, offset: bigint): Scan | null {
  const batch = readBatch(batchBytes);
  if ('error' in batch) return { kind: 'error', error: batch.error };
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

/** Why a walk over a Fetch's batches found nothing to answer with. */
export type WalkEnd =
  /** Every batch up to the high watermark was seen: nothing there (but what `visit` passed over). */
  | { kind: 'none' }
  /** A batch cut off by the size limit, or batches missing below the high watermark: the bytes needed (a lower bound). */
  | { kind: 'incomplete'; neededBytes: number }
  | { kind: 'error'; error: string };

/**
 * Walks a partition's batches by their headers: `visit` gets each batch that ends at or
 * after `offset` (whole, with its attributes) and returns an answer or null to go on. The
 * broker answers whole batches, so the first may start before `offset`.
 */
export function walkBatches<T>(
  records: Buffer,
  offset: bigint,
  highWatermark: bigint,
  visit: (batch: Buffer, attributes: number) => T | null,
): T | WalkEnd {
  let position = 0;
  let nextOffset = offset;
  while (position + LOG_OVERHEAD <= records.length) {
    const end = position + LOG_OVERHEAD + records.readInt32BE(position + 8);
    if (end > records.length) return { kind: 'incomplete', neededBytes: end };
    if (records.readInt8(position + MAGIC_AT) !== 2) return { kind: 'error', error: 'UNSUPPORTED_FOR_MESSAGE_FORMAT' };
    const lastOffset = records.readBigInt64BE(position) + BigInt(records.readInt32BE(position + LAST_OFFSET_DELTA_AT));
    if (lastOffset >= offset) {
      const found = visit(records.subarray(position, end), records.readInt16BE(position + ATTRIBUTES_AT));
      if (found !== null) return found;
    }
    position = end;
    if (lastOffset >= nextOffset) nextOffset = lastOffset + 1n;
  }
  const cut = position < records.length || nextOffset < highWatermark;
  return cut ? { kind: 'incomplete', neededBytes: position + LOG_OVERHEAD } : { kind: 'none' };
}

/**
 * The first data record at or after `offset`, decompressing only the batch that holds it;
 * control batches (transaction markers) hold no data and are passed by their headers.
 */
export function firstRecordAtOrAfter(records: Buffer, offset: bigint, highWatermark: bigint): Scan {
  const found = walkBatches(records, offset, highWatermark, (batch, attributes) =>
    (attributes & CONTROL_BATCH) !== 0 ? null : recordInBatch(batch, offset),
  );
  return found.kind === 'none' ? { kind: 'none', highWatermark: Number(highWatermark) } : found;
}
