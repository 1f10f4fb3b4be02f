import { describe, expect, it } from 'vitest';
import { decodeMemberAssignment } from '@/lib/kafka/consumer-protocol';

interface TopicAssignment {
  topic: string;
  partitions: number[];
}

/** ConsumerProtocolAssignment bytes: int16 version, topics, then nullable user data (null by default). */
function assignmentBytes(
  topics: TopicAssignment[],
  options: { version?: number; userData?: Buffer | null } = {},
): Buffer {
  const parts: Buffer[] = [int16(options.version ?? 0), int32(topics.length)];
  for (const { topic, partitions } of topics) {
    const name = Buffer.from(topic, 'utf8');
    parts.push(int16(name.length), name, int32(partitions.length), ...partitions.map(int32));
  }
  const userData = options.userData ?? null;
  parts.push(userData === null ? int32(-1) : Buffer.concat([int32(userData.length), userData]));
  return Buffer.concat(parts);
}

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

const TWO_TOPICS: TopicAssignment[] = [
  { topic: 'orders', partitions: [5, 0, 3] },
  { topic: 'payments', partitions: [2, 1] },
];

/** Length of the version, topic count and topics: everything the decoder reads. */
function topicSectionLength(topics: TopicAssignment[]): number {
  return assignmentBytes(topics).length - 4; // minus the user-data length
}

describe('decodeMemberAssignment', () => {
  it('decodes two topics with their partitions sorted', () => {
    expect(decodeMemberAssignment(assignmentBytes(TWO_TOPICS))).toEqual([
      { topic: 'orders', partitions: [0, 3, 5] },
      { topic: 'payments', partitions: [1, 2] },
    ]);
  });

  it('sorts partitions numerically rather than as strings', () => {
    expect(decodeMemberAssignment(assignmentBytes([{ topic: 't', partitions: [10, 2, 1] }]))).toEqual([
      { topic: 't', partitions: [1, 2, 10] },
    ]);
  });

  it('decodes version 3 bytes the same as version 0', () => {
    const v0 = decodeMemberAssignment(assignmentBytes(TWO_TOPICS, { version: 0 }));
    const v3 = decodeMemberAssignment(assignmentBytes(TWO_TOPICS, { version: 3 }));
    expect(v3).toEqual(v0);
    expect(v3).toHaveLength(2);
  });

  it('ignores user data that follows the topics', () => {
    const bytes = assignmentBytes(TWO_TOPICS, { version: 1, userData: Buffer.from('sticky-generation-7') });
    expect(decodeMemberAssignment(bytes)).toEqual([
      { topic: 'orders', partitions: [0, 3, 5] },
      { topic: 'payments', partitions: [1, 2] },
    ]);
  });

  it('keeps a topic with no partitions', () => {
    expect(decodeMemberAssignment(assignmentBytes([{ topic: 'idle', partitions: [] }]))).toEqual([
      { topic: 'idle', partitions: [] },
    ]);
  });

  it('gives no topics for an assignment with zero topics', () => {
    expect(decodeMemberAssignment(assignmentBytes([]))).toEqual([]);
  });

  it('gives no topics for an empty buffer, null or undefined', () => {
    expect(decodeMemberAssignment(Buffer.alloc(0))).toEqual([]);
    expect(decodeMemberAssignment(null)).toEqual([]);
    expect(decodeMemberAssignment(undefined)).toEqual([]);
  });

  it('gives no topics rather than throwing for bytes cut anywhere inside the topics', () => {
    const full = assignmentBytes(TWO_TOPICS);
    const end = topicSectionLength(TWO_TOPICS);
    for (let length = 0; length < end; length++) {
      const truncated = full.subarray(0, length);
      expect(() => decodeMemberAssignment(truncated), `cut at ${length}`).not.toThrow();
      expect(decodeMemberAssignment(truncated), `cut at ${length}`).toEqual([]);
    }
  });

  it('gives no topics rather than throwing when the topic count is far larger than the bytes', () => {
    const bytes = Buffer.concat([int16(0), int32(0x7fffffff), int16(1), Buffer.from('a'), int32(0)]);
    expect(decodeMemberAssignment(bytes)).toEqual([]);
  });

  it('decodes unicode topic names using their UTF-8 byte length', () => {
    const topics = [
      { topic: 'zahlungen-ü', partitions: [1] },
      { topic: '注文-🚀', partitions: [0, 2] },
    ];
    expect(decodeMemberAssignment(assignmentBytes(topics))).toEqual(topics);
  });
});
