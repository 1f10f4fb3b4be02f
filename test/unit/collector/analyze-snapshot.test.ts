import { describe, expect, it } from 'vitest';
import { analyzeSnapshot, type AnalysisOptions } from '@/lib/collector/analyze-snapshot';
import { wantedTimestamps } from '@/lib/collector/cluster-analyzer';
import { ClusterMemory } from '@/lib/collector/cluster-memory';
import { historyRecord } from '@/lib/collector/history-record';
import type { ClusterSnapshot, GroupState } from '@/lib/collector/snapshot';
import { TimestampCache } from '@/lib/collector/timestamp-cache';

const OPTIONS: AnalysisOptions = {
  rates: { windowMs: 60_000, maxGapMs: 30_000 },
  lagStatus: { windowSize: 10, allowedLag: 0 },
};

function group(groupId: string, committed: number, overrides: Partial<GroupState> = {}): GroupState {
  return {
    groupId,
    state: 'Empty',
    protocol: 'classic',
    protocolType: 'consumer',
    coordinator: 1,
    members: [],
    offsets: [{ topic: 't', partition: 0, offset: committed }],
    error: null,
    ...overrides,
  };
}

/** Topic "t" with one partition on broker 1: 100 bytes per message, retention 1 hour. */
function snapshot(t: number, end: { start: number; hwm: number }, groups: GroupState[]): ClusterSnapshot {
  return {
    clusterId: 'c',
    mode: 'kraft',
    startedAt: t,
    collectedAt: t,
    durationMs: 1,
    requestCount: 1,
    controllerId: 1,
    brokers: [{ id: 1, host: 'b1', port: 9092, rack: null, reachable: true, latencyMs: 1, error: null }],
    topics: [
      {
        name: 't',
        internal: false,
        partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], error: null }],
      },
    ],
    offsets: [
      { topic: 't', partition: 0, logStartOffset: end.start, highWatermark: end.hwm, lastStableOffset: end.hwm },
    ],
    topicConfigs: [
      {
        topic: 't',
        configs: { 'retention.ms': '3600000', 'cleanup.policy': 'delete' },
        sources: { 'retention.ms': 'DYNAMIC_TOPIC_CONFIG', 'cleanup.policy': 'DEFAULT_CONFIG' },
        sensitive: [],
        defaults: {},
        error: null,
      },
    ],
    replicaSizes: [
      { topic: 't', partition: 0, broker: 1, logDir: '/d', sizeBytes: (end.hwm - end.start) * 100, offsetLag: 0 },
    ],
    logDirs: [],
    groups,
    partCollectedAt: { metadata: t, offsets: t, configs: t, logDirs: t, groups: t, controller: t },
    failures: [],
  };
}

function analyzer() {
  const memory = new ClusterMemory({
    rateWindowMs: 60_000,
    offsetTablePoints: 100,
    statusWindowSize: 10,
    forgetAfterMs: 3_600_000,
  });
  const timestamps = new TimestampCache();
  const run = (s: ClusterSnapshot) => {
    memory.observe(s);
    return analyzeSnapshot({ snapshot: s, memory, timestamps, options: OPTIONS });
  };
  return { memory, timestamps, run };
}

describe('analyzeSnapshot', () => {
  it('gives rates from the second cycle on, and a falling-behind group its net rate', () => {
    const { run } = analyzer();
    run(snapshot(0, { start: 0, hwm: 1000 }, [group('g', 500)]));
    const analysis = run(snapshot(10_000, { start: 0, hwm: 1500 }, [group('g', 600)]));
    expect(analysis.partitions.get('t\u00000')?.produceRate).toBe(50);
    const g = analysis.groups.get('g')!;
    expect(g.consumeRate).toBe(10);
    expect(g.catchUp).toEqual({ fallingBehindBy: 40 });
    expect(analysis.totalLag).toBe(900);
  });

  it('uses the exact timestamp of the record at the committed offset when it was read', () => {
    const { run, timestamps } = analyzer();
    timestamps.store([{ topic: 't', partition: 0, offset: 500, timestampMs: 1_000, recordOffset: 500, error: null }]);
    const p = run(snapshot(61_000, { start: 0, hwm: 1000 }, [group('g', 500)]))
      .groups.get('g')!
      .partitions.get('t\u00000')!;
    expect(p).toMatchObject({ timeLagSeconds: 60, timeLagSource: 'exact', timeLagLowerBound: false });
    // Retention 1 hour, 60 s behind: 3540 s left, limited by time.
    expect(p.retention).toEqual({ lostMessages: 0, secondsUntilLoss: 3540, limitedBy: 'time' });
  });

  it('estimates time lag from the end offset history when no timestamp was read', () => {
    const { run } = analyzer();
    run(snapshot(0, { start: 0, hwm: 100 }, [group('g', 100)]));
    run(snapshot(10_000, { start: 0, hwm: 200 }, [group('g', 100)]));
    const p = run(snapshot(20_000, { start: 0, hwm: 300 }, [group('g', 150)]))
      .groups.get('g')!
      .partitions.get('t\u00000')!;
    expect(p.timeLagSource).toBe('estimated');
    // The end went from 100 to 200 between 0 s and 10 s, so record 150 existed from 5.1 s; now is 20 s.
    expect(p.timeLagSeconds).toBeCloseTo(14.9, 5);
  });

  it('counts messages already deleted and dates them by the oldest retained record, as a lower bound', () => {
    const { run, timestamps } = analyzer();
    timestamps.store([{ topic: 't', partition: 0, offset: 300, timestampMs: 40_000, recordOffset: 300, error: null }]);
    const g = run(snapshot(100_000, { start: 300, hwm: 1000 }, [group('g', 120)])).groups.get('g')!;
    const p = g.partitions.get('t\u00000')!;
    expect(p.retention.lostMessages).toBe(180);
    expect(p).toMatchObject({ timeLagSeconds: 60, timeLagSource: 'estimated', timeLagLowerBound: true });
    expect(g.lostMessages).toBe(180);
  });

  it('says time lag is zero when the group is caught up', () => {
    const { run } = analyzer();
    const g = run(snapshot(0, { start: 0, hwm: 10 }, [group('g', 10)])).groups.get('g')!;
    expect(g.maxTimeLagSeconds).toBe(0);
    expect(g.catchUp).toEqual({ catchUpSeconds: 0 });
  });

  it('marks a group without members whose lag grows as STOP, hence ERR', () => {
    const { run } = analyzer();
    run(snapshot(0, { start: 0, hwm: 100 }, [group('g', 50)]));
    const g = run(snapshot(10_000, { start: 0, hwm: 200 }, [group('g', 50)])).groups.get('g')!;
    expect(g.partitions.get('t\u00000')!.status).toBe('STOP');
    expect(g.status).toBe('ERR');
  });

  it('marks a group without members STOP from its first poll when it lags', () => {
    const { run } = analyzer();
    expect(run(snapshot(0, { start: 0, hwm: 100 }, [group('g', 50)])).groups.get('g')!.status).toBe('ERR');
  });

  it('counts messages produced across cycles without a jump when a topic is created', () => {
    const { run } = analyzer();
    run(snapshot(0, { start: 0, hwm: 100 }, []));
    const second = snapshot(10_000, { start: 0, hwm: 150 }, []);
    second.offsets.push({ topic: 'new', partition: 0, logStartOffset: 0, highWatermark: 5000, lastStableOffset: 5000 });
    expect(run(second).producedTotal).toBe(50);
    // The new topic is deleted again: the total still only grows.
    const third = snapshot(20_000, { start: 0, hwm: 170 }, []);
    const timestamps = { requested: 0, answered: 0, budget: 0, durationMs: 0, refusedTopics: [] };
    const record = historyRecord(third, { ...run(third), recordTimestamps: timestamps });
    expect(record.cluster).toMatchObject({ endOffsetSum: 70, partitionCount: 0 });
  });

  it('leaves the status of a group without committed offsets unknown', () => {
    const { run } = analyzer();
    expect(
      run(snapshot(0, { start: 0, hwm: 10 }, [group('g', 0, { offsets: [] })])).groups.get('g')!.status,
    ).toBeNull();
  });
});

describe('wantedTimestamps', () => {
  it('asks for lagging committed offsets, largest lag first, then log start offsets; never for lost or caught-up ones', () => {
    const s = snapshot(0, { start: 100, hwm: 1000 }, [
      group('small', 900),
      group('big', 200),
      group('lost', 50),
      group('done', 1000),
    ]);
    expect(wantedTimestamps(s).map((w) => w.offset)).toEqual([200, 900, 100]);
  });
});

describe('TimestampCache', () => {
  it('plans only what it has not read, within the budget, and forgets offsets nobody points at', () => {
    const cache = new TimestampCache();
    const at = (offset: number) => ({ topic: 't', partition: 0, offset });
    cache.store([{ ...at(1), timestampMs: 5, recordOffset: 1, error: null }]);
    expect(cache.plan([at(1), at(2), at(3)], 1)).toEqual([at(2)]);
    cache.plan([at(2)], 10);
    expect(cache.at('t', 0, 1)).toBeUndefined();
  });

  it('keeps "only transaction markers up to the end" while the end has not moved past it', () => {
    const cache = new TimestampCache();
    const at = (offset: number, endOffset: number) => ({ topic: 't', partition: 0, offset, endOffset });
    cache.store([
      { topic: 't', partition: 0, offset: 3, timestampMs: null, recordOffset: null, error: null, noRecordBelow: 4 },
      // At the end when asked: nothing to keep.
      { topic: 't', partition: 0, offset: 9, timestampMs: null, recordOffset: null, error: null, noRecordBelow: 9 },
    ]);
    expect(cache.size).toBe(1);
    expect(cache.plan([at(3, 4)], 10)).toEqual([]);
    // New records after the marker: read the offset again.
    expect(cache.plan([at(3, 6)], 10)).toEqual([{ topic: 't', partition: 0, offset: 3 }]);
  });

  it('plans nothing with a budget of 0 (estimate only)', () => {
    expect(new TimestampCache().plan([{ topic: 't', partition: 0, offset: 7 }], 0)).toEqual([]);
  });

  it('does not keep passing errors or "no record yet", so they are asked again', () => {
    const cache = new TimestampCache();
    cache.store([
      { topic: 't', partition: 0, offset: 1, timestampMs: null, recordOffset: null, error: 'REQUEST_TIMED_OUT' },
      { topic: 't', partition: 0, offset: 2, timestampMs: null, recordOffset: null, error: null },
      { topic: 't', partition: 0, offset: 3, timestampMs: null, recordOffset: null, error: 'OFFSET_OUT_OF_RANGE' },
    ]);
    expect(cache.size).toBe(1);
  });
});

describe('historyRecord', () => {
  it('writes per-partition samples, commits and the sums charts read', () => {
    const s = snapshot(5_000, { start: 10, hwm: 110 }, [group('a', 60), group('b', 110)]);
    const record = historyRecord(s, null);
    expect(record.partitions).toEqual([
      { topic: 't', partition: 0, highWatermark: 110, logStartOffset: 10, sizeBytes: 10_000 },
    ]);
    expect(record.commits).toHaveLength(2);
    expect(record.groupTopics.find((g) => g.groupId === 'a')).toMatchObject({
      lag: 50,
      committedSum: 60,
      endOffsetSum: 110,
    });
    expect(record.cluster).toMatchObject({ lag: 50, sizeBytes: 10_000 });
  });
});
