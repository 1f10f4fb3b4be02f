/**
 * What Kafka's own command-line tools report, parsed for comparison with Watermark's numbers.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { GroupPartitionView } from '@/lib/api/schemas';
import { classpath } from '../../scripts/kafka/jars';
import { localCluster, nodeDir, zooKeeperPort } from '../../scripts/kafka/layout';
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

/** kafka-topics --describe with a filter flag ("--under-replicated-partitions"): "topic-partition" of these topics. */
export async function partitionsListedByTool(flag: string, topics: string[]): Promise<string[]> {
  const { stdout } = await runKafkaTool('kafka-topics', ['--describe', flag]);
  return stdout
    .split('\n')
    .map((line) => /Topic:\s*(\S+)\s+Partition:\s*(\d+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && topics.includes(m[1]))
    .map((m) => `${m[1]}-${m[2]}`)
    .sort();
}

/** kafka-log-dirs --describe: "broker:topic-partition:size" per replica of the topic, sorted. */
export async function replicaSizesFromTool(topic: string): Promise<string[]> {
  const { stdout } = await runKafkaTool('kafka-log-dirs', ['--describe', '--topic-list', topic]);
  const json = JSON.parse(stdout.split('\n').find((line) => line.startsWith('{')) ?? '{}') as {
    brokers: { broker: number; logDirs: { partitions: { partition: string; size: number }[] }[] }[];
  };
  return json.brokers
    .flatMap((b) => b.logDirs.flatMap((d) => d.partitions.map((p) => `${b.broker}:${p.partition}:${p.size}`)))
    .sort();
}

const execJava = promisify(execFile);

/**
 * The active controller as Kafka itself says: KRaft, the quorum leader from
 * kafka-metadata-quorum; ZooKeeper mode, the broker id in ZooKeeper's /controller znode.
 */
export async function controllerFromTool(mode: 'kraft' | 'zookeeper'): Promise<number> {
  if (mode === 'kraft') {
    const { stdout } = await runKafkaTool('kafka-metadata-quorum', ['describe', '--status']);
    return Number(/LeaderId:\s*(\d+)/.exec(stdout)?.[1] ?? NaN);
  }
  const cluster = localCluster();
  const { stdout } = await execJava(
    'java',
    [
      '-Xmx128m',
      '-cp',
      classpath(cluster.version),
      'org.apache.zookeeper.ZooKeeperMain',
      '-server',
      `127.0.0.1:${zooKeeperPort(cluster)}`,
      'get',
      '/controller',
    ],
    { timeout: 60_000 },
  );
  return Number(/"brokerid":(\d+)/.exec(stdout)?.[1] ?? NaN);
}

/** Moves a partition's log start to `offset` with kafka-delete-records (for test topics only). */
export async function deleteRecordsWithTool(topic: string, partition: number, offset: number): Promise<void> {
  const file = path.join(os.tmpdir(), `delete-records-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify({ version: 1, partitions: [{ topic, partition, offset }] }));
  try {
    await runKafkaTool('kafka-delete-records', ['--offset-json-file', file]);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Commits `offset` for a group that has never run, with kafka-consumer-groups --reset-offsets
 * (the Admin API: no member joins, unlike kafkajs's setOffsets, whose consumer shows as a
 * member for a few seconds).
 */
export async function commitOffsetWithTool(
  groupId: string,
  topic: string,
  partition: number,
  offset: number,
): Promise<void> {
  await runKafkaTool('kafka-consumer-groups', [
    '--group',
    groupId,
    '--topic',
    `${topic}:${partition}`,
    '--reset-offsets',
    '--to-offset',
    String(offset),
    '--execute',
  ]);
}

/** Moves a group's committed offsets on `topic` back to the log start with kafka-consumer-groups --reset-offsets. */
export async function resetOffsetsToEarliestWithTool(groupId: string, topic: string): Promise<void> {
  await runKafkaTool('kafka-consumer-groups', [
    ...['--group', groupId, '--topic', topic, '--reset-offsets', '--to-earliest', '--execute'],
  ]);
}

export interface ToolConfigSynonym {
  source: string;
  name: string;
  value: string;
}

export interface ToolConfigEntry {
  value: string;
  sensitive: boolean;
  /** Where the value comes from, most specific first: the first is the entry's own source. */
  synonyms: ToolConfigSynonym[];
}

/**
 * kafka-configs --describe --all of a topic, by config name: lines such as
 * "  cleanup.policy=compact sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,
 * DEFAULT_CONFIG:log.cleanup.policy=delete}". Values are as printed (a null value prints "null").
 */
export async function topicConfigsFromTool(topic: string): Promise<Map<string, ToolConfigEntry>> {
  const { stdout } = await runKafkaTool('kafka-configs', [
    ...['--describe', '--entity-type', 'topics', '--entity-name', topic, '--all'],
  ]);
  const entries = new Map<string, ToolConfigEntry>();
  for (const line of stdout.split('\n')) {
    const m = /^\s+([^=\s]+)=(.*) sensitive=(true|false) synonyms=\{(.*)\}$/.exec(line);
    if (!m) continue;
    // A value may hold commas (cleanup.policy=compact,delete): split only before "SOURCE:".
    const synonyms = m[4]
      .split(/, (?=[A-Z_]+:)/)
      .filter((s) => s !== '')
      .map((s) => {
        const [, source, name, value] = /^([A-Z_]+):([^=]+)=(.*)$/.exec(s) ?? [];
        return { source, name, value };
      });
    entries.set(m[1], { value: m[2], sensitive: m[3] === 'true', synonyms });
  }
  return entries;
}

/** Changes a topic's configs with kafka-configs --alter --add-config "name=value,…" (test topics only). */
export async function alterTopicConfigsWithTool(topic: string, configs: Record<string, string>): Promise<void> {
  const list = Object.entries(configs)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  await runKafkaTool('kafka-configs', [
    ...['--alter', '--entity-type', 'topics', '--entity-name', topic, '--add-config', list],
  ]);
}

/** A batch as kafka-dump-log prints it (`baseOffset`, `count`, `compresscodec`, …) with its records' fields. */
export interface DumpedBatch {
  fields: Record<string, string>;
  records: Record<string, string>[];
}

/** "name: value name: value …", values without spaces (headerKeys' list included). */
function dumpFields(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of line.matchAll(/(\w+): (\[[^\]]*\]|\S+)/g)) fields[match[1]] = match[2];
  return fields;
}

/**
 * Every batch of a partition's log on broker `nodeId`, read from its segment files with
 * kafka-dump-log --deep-iteration (the records' metadata, no payloads).
 */
export async function dumpLogWithTool(topic: string, partition: number, nodeId: number): Promise<DumpedBatch[]> {
  const dir = path.join(nodeDir(localCluster(), nodeId), 'data', `${topic}-${partition}`);
  const segments = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .sort()
    .map((name) => path.join(dir, name));
  const { stdout } = await runKafkaTool('kafka-dump-log', ['--deep-iteration', '--files', segments.join(',')]);
  const batches: DumpedBatch[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('baseOffset:')) batches.push({ fields: dumpFields(line), records: [] });
    else if (line.startsWith('| offset:')) batches.at(-1)?.records.push(dumpFields(line.slice(2)));
  }
  return batches;
}
