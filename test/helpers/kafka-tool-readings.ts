/**
 * What Kafka's own command-line tools report, parsed for comparison with Watermark's numbers.
 */
import type { GroupPartitionView } from '@/lib/api/schemas';
import { runKafkaTool } from './local-cluster';

/** GetOffsetShell: `-1` end offsets (high watermarks), `-2` log start offsets, per partition. */
export async function offsetsFromTool(topic: string, time: '-1' | '-2'): Promise<Map<number, number>> {
  const { stdout } = await runKafkaTool('get-offset-shell', ['--topic', topic, '--time', time]);
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split(':'))
      .map((parts) => [Number(parts[parts.length - 2]), Number(parts[parts.length - 1])] as const),
  );
}

export interface GroupToolRow {
  topic: string;
  partition: number;
  committedOffset: number | null;
  highWatermark: number;
  lag: number | null;
}

/** The table printed by kafka-consumer-groups --describe ('-' means no value), by partition. */
export async function describeGroupWithTool(groupId: string): Promise<GroupToolRow[]> {
  const { stdout } = await runKafkaTool('kafka-consumer-groups', ['--describe', '--group', groupId]);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === groupId)
    .map(([, topic, partition, current, end, lag]) => ({
      topic,
      partition: Number(partition),
      committedOffset: current === '-' ? null : Number(current),
      highWatermark: Number(end),
      lag: lag === '-' ? null : Number(lag),
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** Watermark's partitions of a group, cut down to the columns of describeGroupWithTool's rows. */
export function asToolRows(partitions: GroupPartitionView[]) {
  return partitions.map(({ topic, partition, committedOffset, highWatermark, lag }) => ({
    topic,
    partition,
    committedOffset,
    highWatermark,
    lag,
  }));
}

/** What kafka-console-consumer prints for the first record at or after `offset`: "CreateTime:…". */
export async function recordTimestampFromTool(topic: string, partition: number, offset: number): Promise<string> {
  const { stdout } = await runKafkaTool('console-consumer', [
    ...['--topic', topic, '--partition', String(partition), '--offset', String(offset)],
    ...['--max-messages', '1', '--timeout-ms', '20000', '--property', 'print.timestamp=true'],
  ]);
  // Kafka 4.x also prints a deprecation notice for --property (3.9 lacks its replacement).
  const line = stdout.split('\n').find((l) => /^(CreateTime|LogAppendTime|NoTimestampType):/.test(l));
  return line?.split('\t')[0] ?? `no record in: ${stdout}`;
}

export interface KafkaPosition {
  /** Epoch ms, midway through the tool runs (each spends most of its time starting a JVM). */
  at: number;
  endOffsetSum: number;
  committedSum: number;
  rows: GroupToolRow[];
}

/** A group's committed offsets (kafka-consumer-groups) and its topic's end offsets (GetOffsetShell), read together. */
export async function kafkaPosition(topic: string, groupId: string): Promise<KafkaPosition> {
  const startedAt = Date.now();
  const [ends, rows] = await Promise.all([offsetsFromTool(topic, '-1'), describeGroupWithTool(groupId)]);
  const at = (startedAt + Date.now()) / 2;
  const endOffsetSum = [...ends.values()].reduce((sum, offset) => sum + offset, 0);
  const committedSum = rows.reduce((sum, row) => sum + (row.committedOffset ?? 0), 0);
  return { at, endOffsetSum, committedSum, rows };
}
