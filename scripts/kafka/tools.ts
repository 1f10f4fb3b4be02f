/**
 * Runs Kafka's own command-line tools from the same jars as the local brokers,
 * so tests can compare Watermark's numbers with what Kafka itself reports.
 * The cluster (and so the release whose tools run) is the one the environment selects.
 *
 * Output formats differ little between releases (checked on 2.8.2, 3.6.2, 3.9.1 and 4.4.0):
 * - kafka-consumer-groups --describe: the same columns everywhere (GROUP TOPIC PARTITION
 *   CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID), only partitions with a
 *   committed offset for a group without members, whose "has no active members" notice goes
 *   to stderr. 3.9.1 prints the rows in no partition order and without a final newline.
 * - GetOffsetShell: `topic:partition:offset` lines everywhere; 2.8.2's takes `--broker-list`.
 * - kafka-topics --describe: 3.9.1 adds `Elr: N/A  LastKnownElr: N/A` to each partition line,
 *   4.4.0 the same keys with empty values; 2.8.2 and 3.6.2 have neither.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { classpath, ensureJars, logsWithLog4j1 } from './jars';
import { brokerAddresses, KAFKA_HOME, localCluster } from './layout';
import { toolsLog4jProperties } from './node-config';
import { type KafkaTool, toolInvocation, withBrokers } from './tool-classes';

export type { KafkaTool };

export interface ToolResult {
  stdout: string;
  stderr: string;
}

const run = promisify(execFile);

/**
 * 2.x/3.x tools log through log4j 1 and, without a config, print "log4j:WARN No appenders…"
 * on every run; 4.x tools use log4j 2, which a log4j 1 config would only make complain.
 */
function toolLogOptions(version: string): string[] {
  if (!logsWithLog4j1(version)) return ['-Dlog4j2.level=WARN'];
  const file = path.join(KAFKA_HOME, 'tools-log4j.properties');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(KAFKA_HOME, { recursive: true });
    fs.writeFileSync(file, toolsLog4jProperties());
  }
  return [`-Dlog4j.configuration=file:${file}`];
}

function javaArguments(tool: KafkaTool, args: string[], bootstrap?: string): string[] {
  const cluster = localCluster();
  ensureJars(cluster.version);
  const { className, brokersOption } = toolInvocation(cluster.version, tool);
  return [
    '-Xmx256m',
    '-XX:TieredStopAtLevel=1',
    ...toolLogOptions(cluster.version),
    '-cp',
    classpath(cluster.version),
    className,
    ...withBrokers(brokersOption, bootstrap ?? brokerAddresses(cluster).join(','), args),
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
