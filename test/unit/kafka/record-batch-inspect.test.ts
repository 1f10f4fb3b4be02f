/**
 * Reading the record at an offset from record batches built here with @platformatic/kafka's
 * writer (the bytes a Fetch returns): its metadata, the markers and compaction gaps passed
 * on the way, a batch cut off by the size limit, and no bytes unless asked for.
 */
import { createHash } from 'node:crypto';
import { createRecordsBatch, type MessageRecord } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { inspectRecordAt } from '@/lib/kafka/record-batch-inspect';

const TRANSACTIONAL = 1 << 4;
const CONTROL = 1 << 5;

interface BatchOptions {
  baseOffset: number;
  compression?: 'none' | 'gzip';
  producerId?: bigint;
  /** Extra attribute bits (transactional, control). */
  flags?: number;
}

function batch(messages: Omit<MessageRecord, 'topic'>[], options: BatchOptions): Buffer {
  const written = createRecordsBatch(
    messages.map((m) => ({ topic: 't', ...m })),
    { compression: options.compression ?? 'none', producerId: options.producerId ?? -1n, producerEpoch: 0 },
  ).buffer;
  const bytes = Buffer.from(written);
  bytes.writeBigInt64BE(BigInt(options.baseOffset), 0);
  if (options.flags) bytes.writeInt16BE(bytes.readInt16BE(21) | options.flags, 21);
  return bytes;
}

/** A transaction marker: key version 0 and type (1 commit, 0 abort); value version and coordinator epoch. */
function marker(offset: number, type: 0 | 1, producerId: bigint): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(type, 2);
  return batch([{ key, value: Buffer.alloc(6), timestamp: 1000n }], {
    baseOffset: offset,
    producerId,
    flags: TRANSACTIONAL | CONTROL,
  });
}

describe('the record at an offset', () => {
  it('describes the record with its key fingerprint, header names, codec and place in the batch', () => {
    const records = batch(
      [
        { key: Buffer.from('a'), value: Buffer.from('first'), timestamp: 1_000n },
        {
          key: Buffer.from('order-17'),
          value: Buffer.from('{"bad'),
          timestamp: 2_000n,
          headers: new Map([[Buffer.from('trace-id'), Buffer.from('abc')]]),
        },
        { value: Buffer.from('third'), timestamp: 3_000n },
      ],
      { baseOffset: 40, compression: 'gzip' },
    );
    const found = inspectRecordAt(records, 41n, 43n, false);
    expect(found).toMatchObject({
      kind: 'record',
      bytes: null,
      markers: [],
      removedOffsets: 0,
      record: {
        offset: 41,
        timestampMs: 2000,
        timestampType: 'CreateTime',
        keyBytes: 8,
        keyFingerprint: createHash('sha256').update('order-17').digest('hex').slice(0, 8),
        valueBytes: 5,
        headers: [{ name: 'trace-id', valueBytes: 3 }],
        compression: 'gzip',
        transactional: false,
        batch: { baseOffset: 40, lastOffset: 42, recordCount: 3, index: 1, sizeBytes: records.length, producerId: -1 },
      },
    });
    const withBytes = inspectRecordAt(records, 42n, 43n, true);
    expect(withBytes.kind === 'record' && withBytes.bytes).toEqual({ key: null, value: Buffer.from('third') });
    expect(withBytes.kind === 'record' && withBytes.record.keyFingerprint).toBeNull();
  });

  it('passes transaction markers and names them, and says when only markers are left', () => {
    const records = Buffer.concat([
      batch([{ value: Buffer.from('in txn'), timestamp: 500n }], {
        baseOffset: 9,
        producerId: 7n,
        flags: TRANSACTIONAL,
      }),
      marker(10, 1, 7n),
      marker(11, 0, 8n),
      batch([{ value: Buffer.from('after') }], { baseOffset: 12 }),
    ]);
    expect(inspectRecordAt(records, 9n, 13n, false)).toMatchObject({
      kind: 'record',
      record: { offset: 9, transactional: true, batch: { producerId: 7 } },
    });
    expect(inspectRecordAt(records, 10n, 13n, false)).toMatchObject({
      kind: 'record',
      record: { offset: 12 },
      markers: [
        { offset: 10, type: 'COMMIT', producerId: 7 },
        { offset: 11, type: 'ABORT', producerId: 8 },
      ],
      removedOffsets: 0,
    });
    const onlyMarker = Buffer.concat([marker(10, 1, 7n)]);
    expect(inspectRecordAt(onlyMarker, 10n, 11n, false)).toEqual({
      kind: 'none',
      markers: [{ offset: 10, type: 'COMMIT', producerId: 7 }],
    });
    expect(inspectRecordAt(Buffer.alloc(0), 11n, 11n, false)).toEqual({ kind: 'none', markers: [] });
  });

  it('counts the offsets compaction removed before the next record', () => {
    const records = Buffer.concat([
      batch(
        [
          { key: Buffer.from('k'), value: Buffer.from('v0') },
          { key: Buffer.from('k'), value: Buffer.from('v1') },
        ],
        {
          baseOffset: 0,
        },
      ),
      batch([{ key: Buffer.from('f'), value: Buffer.from('v5') }], { baseOffset: 5 }),
    ]);
    expect(inspectRecordAt(records, 2n, 6n, false)).toMatchObject({
      kind: 'record',
      record: { offset: 5 },
      removedOffsets: 3,
    });
  });

  it('uses the batch time for LogAppendTime, and says when the answer was cut off', () => {
    const logAppend = batch([{ value: Buffer.from('x'), timestamp: 100n }], { baseOffset: 0, flags: 1 << 3 });
    logAppend.writeBigInt64BE(9_999n, 35); // max_timestamp: the broker's append time
    expect(inspectRecordAt(logAppend, 0n, 1n, false)).toMatchObject({
      kind: 'record',
      record: { timestampType: 'LogAppendTime', timestampMs: 9999 },
    });
    const whole = batch([{ value: Buffer.alloc(200) }], { baseOffset: 0 });
    expect(inspectRecordAt(whole.subarray(0, 100), 0n, 1n, false)).toEqual({
      kind: 'incomplete',
      neededBytes: whole.length,
    });
    // Only a marker came back, but the high watermark says more is there: incomplete, not "none".
    expect(inspectRecordAt(marker(0, 1, 1n), 0n, 5n, false).kind).toBe('incomplete');
  });
});
