/**
 * Which class runs each Kafka command-line tool in a given release, and how that
 * class takes the brokers' addresses. Both are read from the release's own jars
 * (a class listing, then the tool's usage text), never from a table of versions,
 * and cached in `.kafka/lib/<version>/.tools.json` since jars never change.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { classesInJars } from './jar-classes';
import { classpath } from './jars';
import { libDir } from './layout';

/**
 * Newest home first: the tools moved from the Scala core (`kafka.admin.*`, `kafka.tools.*`,
 * still there in 3.6) to the Java `org.apache.kafka.tools.*` over the 3.x releases.
 */
const TOOL_CLASS_CANDIDATES = {
  'kafka-topics': ['org.apache.kafka.tools.TopicCommand', 'kafka.admin.TopicCommand'],
  'kafka-consumer-groups': [
    'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
    'kafka.admin.ConsumerGroupCommand',
  ],
  'kafka-log-dirs': ['org.apache.kafka.tools.LogDirsCommand', 'kafka.admin.LogDirsCommand'],
  'get-offset-shell': ['org.apache.kafka.tools.GetOffsetShell', 'kafka.tools.GetOffsetShell'],
  'producer-perf-test': ['org.apache.kafka.tools.ProducerPerformance'],
  'console-consumer': ['org.apache.kafka.tools.consumer.ConsoleConsumer', 'kafka.tools.ConsoleConsumer'],
  'kafka-delete-records': ['org.apache.kafka.tools.DeleteRecordsCommand', 'kafka.admin.DeleteRecordsCommand'],
  'kafka-configs': ['org.apache.kafka.tools.ConfigCommand', 'kafka.admin.ConfigCommand'],
  'kafka-leader-election': ['org.apache.kafka.tools.LeaderElectionCommand', 'kafka.admin.LeaderElectionCommand'],
  // Reads a log segment file from disk: takes no brokers.
  'kafka-dump-log': ['org.apache.kafka.tools.DumpLogSegments', 'kafka.tools.DumpLogSegments'],
  // KRaft only (3.3+): who leads the metadata quorum.
  'kafka-metadata-quorum': ['org.apache.kafka.tools.MetadataQuorumCommand', 'kafka.admin.MetadataQuorumCommand'],
} as const;

export type KafkaTool = keyof typeof TOOL_CLASS_CANDIDATES;

/**
 * How a tool is told the brokers: most take `--bootstrap-server`; 2.8.2's GetOffsetShell only
 * `--broker-list`; ProducerPerformance (2.8.2 to 3.9.1 at least; 4.4.0 has `--bootstrap-server`)
 * only a `bootstrap.servers` producer property.
 */
export type BrokersOption = '--bootstrap-server' | '--broker-list' | '--producer-props' | 'none';

/** Tools that read files, not a cluster. */
const BROKERLESS: readonly KafkaTool[] = ['kafka-dump-log'];

export interface ToolInvocation {
  className: string;
  brokersOption: BrokersOption;
}

type ToolCache = Partial<Record<KafkaTool, ToolInvocation>>;

const classListings = new Map<string, Set<string>>();

function cacheFile(version: string): string {
  return path.join(libDir(version), '.tools.json');
}

function readCache(version: string): ToolCache {
  try {
    return JSON.parse(fs.readFileSync(cacheFile(version), 'utf8')) as ToolCache;
  } catch {
    return {};
  }
}

/** Write-then-rename, so parallel test workers never read half a file. */
function writeCache(version: string, cache: ToolCache): void {
  const temporary = `${cacheFile(version)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(cache, null, 2));
  fs.renameSync(temporary, cacheFile(version));
}

function toolClass(version: string, tool: KafkaTool): string {
  const classes = classListings.get(version) ?? classesInJars(libDir(version));
  classListings.set(version, classes);
  const found = TOOL_CLASS_CANDIDATES[tool].find((name) => classes.has(name));
  if (!found) {
    throw new Error(`Kafka ${version}'s jars contain none of ${TOOL_CLASS_CANDIDATES[tool].join(', ')}.`);
  }
  return found;
}

/** Runs the tool without arguments: every tool then prints its usage, listing its options. */
function brokersOption(version: string, className: string): BrokersOption {
  const result = spawnSync('java', ['-Xmx128m', '-XX:TieredStopAtLevel=1', '-cp', classpath(version), className], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const usage = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const option = (['--bootstrap-server', '--broker-list', '--producer-props'] as const).find((o) => usage.includes(o));
  if (!option) {
    throw new Error(`Cannot tell how ${className} (Kafka ${version}) takes the brokers: ${usage.slice(0, 500)}`);
  }
  return option;
}

/** The class and brokers option of `tool` in Kafka `version` (whose jars must be present). */
export function toolInvocation(version: string, tool: KafkaTool): ToolInvocation {
  const cache = readCache(version);
  const cached = cache[tool];
  if (cached && (TOOL_CLASS_CANDIDATES[tool] as readonly string[]).includes(cached.className)) return cached;
  const className = toolClass(version, tool);
  const option = BROKERLESS.includes(tool) ? 'none' : brokersOption(version, className);
  const invocation = { className, brokersOption: option };
  writeCache(version, { ...readCache(version), [tool]: invocation });
  return invocation;
}

/**
 * The tool's arguments with the brokers added the way it takes them. ProducerPerformance keeps
 * only the last `--producer-props` list, so the address joins the caller's list when there is one.
 */
export function withBrokers(option: BrokersOption, brokers: string, args: string[]): string[] {
  if (option === 'none') return args;
  if (option !== '--producer-props') return [option, brokers, ...args];
  const property = `bootstrap.servers=${brokers}`;
  const at = args.indexOf('--producer-props');
  if (at < 0) return [...args, '--producer-props', property];
  return [...args.slice(0, at + 1), property, ...args.slice(at + 1)];
}
