import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { ByteWriter, CorruptFrameError } from '@/lib/history/byte-codec';
import { decodeFrame, encodeFrame, KEYFRAME_EVERY_MS, type RawFrame } from '@/lib/history/raw-frames';

const MINUTE = 60_000;

function frame(t: number, partitions: number, step = 0): RawFrame {
  return {
    t,
    partitions: Array.from({ length: partitions }, (_, i) => ({
      topic: `orders.v${i % 7}`,
      partition: i,
      highWatermark: 1_000_000 + i * 10 + step * (i % 3),
    })),
    commits: Array.from({ length: partitions }, (_, i) => ({
      groupId: `billing-${i % 4}`,
      topic: `orders.v${i % 7}`,
      partition: i,
      committedOffset: 999_000 + i * 10 + step,
      owned: i % 2 === 0,
    })),
  };
}

describe('raw frames', () => {
  it('read the frames an older version wrote with log start offsets and sizes, without those', () => {
    // Format 1, a keyframe: topic "t", group "g"; partition 0 at 100 (log start 7, size 4096),
    // partition 1 at 50 (size not reported); g committed 90 on partition 0, owned.
    const key = new ByteWriter();
    for (const n of [1, 0, 1]) key.unsigned(n);
    key.string('t');
    key.unsigned(1);
    key.string('g');
    key.unsigned(2);
    for (const [partition, end, start, size] of [
      [0, 100, 7, 4096],
      [1, 50, 0, null],
    ] as const) {
      key.unsigned(0);
      key.unsigned(partition);
      key.signed(end);
      key.signed(start);
      key.optionalSigned(size);
    }
    key.unsigned(1);
    for (const n of [0, 0, 0]) key.unsigned(n);
    key.signed(90);
    key.unsigned(1);
    const decodedKey = decodeFrame(deflateRawSync(key.bytes()), 1000, null);
    expect(decodedKey).toEqual({
      t: 1000,
      partitions: [
        { topic: 't', partition: 0, highWatermark: 100 },
        { topic: 't', partition: 1, highWatermark: 50 },
      ],
      commits: [{ groupId: 'g', topic: 't', partition: 0, committedOffset: 90, owned: true }],
    });
    // Format 1, against it: partition 0 moved 5 (log start +1, size +300), partition 1 not read,
    // nothing added; the commit moved 4, owned.
    const delta = new ByteWriter();
    for (const n of [1, 1, 1]) delta.unsigned(n);
    delta.signed(5);
    delta.signed(1);
    delta.optionalSigned(300);
    delta.unsigned(0);
    delta.unsigned(0);
    delta.unsigned(2);
    delta.signed(4);
    delta.unsigned(0);
    expect(decodeFrame(deflateRawSync(delta.bytes()), 2000, decodedKey)).toEqual({
      t: 2000,
      partitions: [{ topic: 't', partition: 0, highWatermark: 105 }],
      commits: [{ groupId: 'g', topic: 't', partition: 0, committedOffset: 94, owned: true }],
    });
  });

  it('decode to what was encoded: a keyframe, and a frame written against it', () => {
    const key = frame(1000, 50);
    const decodedKey = decodeFrame(encodeFrame(key, null).data, 1000, null);
    expect(decodedKey).toEqual(key);
    const next = frame(11_000, 50, 3);
    expect(decodeFrame(encodeFrame(next, key).data, 11_000, decodedKey)).toEqual(next);
  });

  it('carry offsets past 32 bits, committed offsets of -1, and end offsets that go down (a topic recreated)', () => {
    const key: RawFrame = {
      t: 0,
      partitions: [
        { topic: 'big', partition: 0, highWatermark: 2 ** 40 + 7 },
        { topic: 'big', partition: 1, highWatermark: 900 },
      ],
      commits: [{ groupId: 'g', topic: 'big', partition: 0, committedOffset: -1, owned: false }],
    };
    const next: RawFrame = {
      t: 10,
      partitions: [
        { topic: 'big', partition: 0, highWatermark: 2 ** 40 + 9 },
        { topic: 'big', partition: 1, highWatermark: 3 },
      ],
      commits: [{ groupId: 'g', topic: 'big', partition: 0, committedOffset: 2 ** 40, owned: true }],
    };
    const decodedKey = decodeFrame(encodeFrame(key, null).data, 0, null);
    expect(decodedKey).toEqual(key);
    expect(decodeFrame(encodeFrame(next, key).data, 10, decodedKey)).toEqual(next);
  });

  it('leave out what was not read this cycle and name what the keyframe did not have', () => {
    const key = frame(0, 10);
    const next: RawFrame = {
      t: 10_000,
      // Partition 3 not read, a new topic's partition added.
      partitions: [
        ...key.partitions.filter((p) => p.partition !== 3),
        { topic: 'new.topic', partition: 0, highWatermark: 5 },
      ],
      // One group's offsets not read, a new group.
      commits: [
        ...key.commits.filter((c) => c.groupId !== 'billing-1'),
        { groupId: 'fresh', topic: 'new.topic', partition: 0, committedOffset: 2, owned: true },
      ],
    };
    const decoded = decodeFrame(encodeFrame(next, key).data, 10_000, key);
    expect(decoded.partitions).toHaveLength(10);
    expect(decoded.partitions.find((p) => p.partition === 3 && p.topic !== 'new.topic')).toBeUndefined();
    expect(decoded.partitions.at(-1)).toEqual(next.partitions.at(-1));
    expect(decoded.commits.some((c) => c.groupId === 'billing-1')).toBe(false);
    expect(decoded.commits.at(-1)).toEqual(next.commits.at(-1));
  });

  it('cost almost nothing for partitions that did not move: a tiny fraction of the keyframe', () => {
    const key = frame(0, 10_000);
    const keyBytes = encodeFrame(key, null).data.length;
    const unchanged = encodeFrame({ ...key, t: 10_000 }, key).data.length;
    const moved = encodeFrame(frame(10_000, 10_000, 40), key).data.length;
    expect(unchanged).toBeLessThan(keyBytes / 100);
    expect(moved).toBeLessThan(keyBytes);
  });

  it('start a new keyframe when there is none, every 10 minutes, when time goes back, or when a quarter is new', () => {
    const key = frame(0, 40);
    const isKeyframe = (next: RawFrame, base: RawFrame | null) => encodeFrame(next, base).keyframe;
    expect(isKeyframe(key, null)).toBe(true);
    expect(isKeyframe({ ...key, t: KEYFRAME_EVERY_MS - 1 }, key)).toBe(false);
    expect(isKeyframe({ ...key, t: KEYFRAME_EVERY_MS }, key)).toBe(true);
    expect(isKeyframe({ ...key, t: -1 }, key)).toBe(true);
    // 20 of 60 partitions and 20 of 60 commits are new: a third.
    expect(isKeyframe(frame(MINUTE, 60), key)).toBe(true);
    expect(isKeyframe(frame(MINUTE, 45), key)).toBe(false);
  });

  it('pair entries by name when a cycle lists them in another order', () => {
    const key = frame(0, 30);
    const shuffled: RawFrame = {
      t: 10,
      partitions: [...key.partitions].reverse(),
      commits: [...key.commits].reverse(),
    };
    const decoded = decodeFrame(encodeFrame(shuffled, key).data, 10, key);
    const byName = (f: RawFrame) => [...f.partitions].sort((a, b) => a.partition - b.partition);
    expect(byName(decoded)).toEqual(byName(shuffled));
    expect(decoded.commits).toHaveLength(30);
    expect(new Set(decoded.commits.map((c) => `${c.groupId}/${c.partition}`)).size).toBe(30);
  });

  it('refuse data that is not a frame, is cut short, or needs a keyframe it was not given', () => {
    const key = frame(0, 5);
    const delta = encodeFrame(frame(10, 5, 1), key).data;
    expect(() => decodeFrame(delta, 10, null)).toThrow(CorruptFrameError);
    expect(() => decodeFrame(Buffer.from('not a frame'), 10, key)).toThrow(CorruptFrameError);
    const whole = encodeFrame(key, null).data;
    expect(() => decodeFrame(whole.subarray(0, whole.length - 8), 0, null)).toThrow(CorruptFrameError);
  });
});
