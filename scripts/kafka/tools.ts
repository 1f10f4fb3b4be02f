/**
 * Runs Kafka's own command-line tools from the same jars as the local brokers,
 * so tests can compare Watermark's numbers with what Kafka itself reports.
 */
import { execFile } from 'node:child_process';
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
} as const;

export type KafkaTool = keyof typeof TOOL_CLASSES;

export interface ToolResult {
  stdout: string;
  stderr: string;
}

const run = promisify(execFile);

/**
 * Runs one tool and resolves with its output; rejects with stderr when it exits non-zero.
 * `bootstrap` is the local cluster unless given.
 */
export async function runKafkaTool(
  tool: KafkaTool,
  args: string[],
  options: { bootstrap?: string; timeoutMs?: number } = {},
): Promise<ToolResult> {
  const version = runningVersion() ?? kafkaVersion();
  ensureJars(version);
  const bootstrap = options.bootstrap ?? LOCAL_BROKERS.join(',');
  const javaArgs = [
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
  const { stdout, stderr } = await run('java', javaArgs, {
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, stderr };
}
