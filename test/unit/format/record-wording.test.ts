/** What a consumer sits on, in words, for each outcome of reading its committed offset. */
import { describe, expect, it } from 'vitest';
import type { RecordResponse } from '@/lib/api/record-schemas';
import { recordSummary } from '@/lib/format/record-wording';

const READ_AT = 1_800_000_000_000;

const record: NonNullable<RecordResponse['record']> = {
  offset: 940,
  timestampMs: READ_AT - 90_000,
  timestampType: 'CreateTime',
  keyBytes: 17,
  keyFingerprint: '196137d4',
  valueBytes: 2048,
  headers: [{ name: 'trace-id', valueBytes: 12 }],
  sequence: -1,
  compression: 'none',
  transactional: false,
  batch: {
    baseOffset: 940,
    lastOffset: 940,
    recordCount: 1,
    index: 0,
    sizeBytes: 2200,
    producerId: -1,
    producerEpoch: 0,
    baseSequence: 0,
    partitionLeaderEpoch: 3,
  },
};

const base = {
  outcome: 'record' as const,
  committedOffset: 940,
  record,
  markers: [],
  removedOffsets: 0,
  openTransaction: false,
  logStartOffset: 0,
  highWatermark: 1500,
  lastStableOffset: 1500,
  error: null,
  leader: 1,
  readAt: READ_AT,
};

describe('the summary of the record a group sits on', () => {
  it('names the record, its age and shape', () => {
    expect(recordSummary(base)).toBe(
      'The next record is offset 940, written 1m 30s ago: value 2.05 kB, key 17 B, 1 header.',
    );
    expect(recordSummary({ ...base, record: { ...record, valueBytes: null, keyBytes: null, headers: [] } })).toContain(
      'no value (a tombstone), no key, no headers',
    );
  });

  it('says what was passed before the next record: markers, then offsets removed by compaction', () => {
    const later = { ...record, offset: 945 };
    const markers = [{ offset: 940, type: 'COMMIT' as const, producerId: 7 }];
    expect(recordSummary({ ...base, record: later, markers, removedOffsets: 4 })).toContain(
      'Offset 940 holds no record to consume (a transaction marker (COMMIT of producer 7) at offset 940, then 4 offsets removed by compaction): the next record is offset 945',
    );
  });

  it('tells a read_committed consumer waiting on an open transaction', () => {
    const pending = { ...record, transactional: true, batch: { ...record.batch, producerId: 12 } };
    expect(recordSummary({ ...base, record: pending, openTransaction: true, lastStableOffset: 940 })).toContain(
      'not yet committed or aborted (last stable offset 940): a read_committed consumer waits here until producer 12 ends it.',
    );
  });

  it('words the outcomes without a record', () => {
    expect(recordSummary({ ...base, outcome: 'gone', record: null, logStartOffset: 1200 })).toMatch(
      /^Offset 940 is gone: the log now starts at 1,200/,
    );
    expect(recordSummary({ ...base, outcome: 'end', record: null })).toContain('read everything up to the end');
    expect(recordSummary({ ...base, outcome: 'ahead', record: null, highWatermark: 900 })).toMatch(
      /^Offset 940 is past the end of the partition \(900\): nothing was ever written there/,
    );
    const markers = [
      { offset: 940, type: 'COMMIT' as const, producerId: 7 },
      { offset: 941, type: 'ABORT' as const, producerId: 8 },
    ];
    expect(recordSummary({ ...base, outcome: 'markers-only', record: null, markers, highWatermark: 942 })).toBe(
      'From offset 940 to the end (942) there are only 2 transaction markers (COMMIT and ABORT) from offset 940: no message to consume. The lag here counts markers, not messages.',
    );
    expect(recordSummary({ ...base, outcome: 'error', record: null, error: 'REQUEST_TIMED_OUT' })).toBe(
      'Could not read offset 940 from broker 1: REQUEST_TIMED_OUT.',
    );
  });
});
