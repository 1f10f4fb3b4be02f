/**
 * Runs Kafka's own command-line tools from the same jars as the local brokers,
 * so tests can compare Watermark's numbers with what Kafka itself reports.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { runningVersion } from './cluster';
import { classpath, ensureJars } from './jars';
import { kafkaVersion, LOCAL_BROKERS } from './layout';

const TOOL_CLASSES = {
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-log-dirs': 'org.apache.kafka.tools.LogDirsCommand',
  'get-offset-shell': 'org.apache.kafka.tools.GetOffsetShell',
  'producer-perf-test': 'org.apache.kafka.tools.ProducerPerformance',
  'console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
} as const;

export type KafkaTool = keyof typeof TOOL_CLASSES;

export interface ToolResult {
  stdout: string;
  stderr: string;
}

const run = promisify(execFile);

function javaArguments(tool: KafkaTool, args: string[], bootstrap = LOCAL_BROKERS.join(',')): string[] {
  const version = runningVersion() ?? kafkaVersion();
  ensureJars(version);
  return [
    '-Xmx256m',
    '-XX:TieredStopAtLevel=1',
    '-Dlog4j2.level=WARN',
    '-cp',
    classpath(version),
    TOOL_CLASSES[tool],
    '--bootstrap-server',
    bootstrap,
    ...args,
  ];
}

/** Starts a long-running tool (e.g. a console consumer) and returns the process; the caller stops it. */
export function startKafkaTool(tool: KafkaTool, args: string[], bootstrap?: string): ChildProcess {
  return spawn('java', javaArguments(tool, args, bootstrap), { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Runs one tool and resolves with its output; rejects with stderr when it exits non-zero.
 * `bootstrap` is the local cluster unless given.
 */
export async function runKafkaTool(
  tool: KafkaTool,
  args: string[],
  options: { bootstrap?: string; timeoutMs?: number } = {},
): Promise<ToolResult> {
  const { stdout, stderr } = await run('java', javaArguments(tool, args, options.bootstrap), {
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, stderr };
}
