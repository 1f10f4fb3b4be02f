/**
 * Kafka's own answer to "the lag of every group": `kafka-consumer-groups --describe
 * --all-groups`, run from the jars of the local cluster's release like the tests run it.
 * Its wall time includes starting the JVM, as it does for whoever runs it by hand.
 */
import { runKafkaTool } from '../../kafka/tools';

export interface ToolTiming {
  wallSeconds: number;
  /** Rows of partitions with a committed offset (header and notices not counted). */
  rows: number;
}

const TOOL_TIMEOUT_MS = 10 * 60_000;

export async function timeDescribeAllGroups(brokers: string[]): Promise<ToolTiming> {
  const startedAt = performance.now();
  const { stdout } = await runKafkaTool('kafka-consumer-groups', ['--describe', '--all-groups'], {
    bootstrap: brokers.join(','),
    timeoutMs: TOOL_TIMEOUT_MS,
  });
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const rows = stdout.split('\n').filter((line) => /^\S+\s+\S+\s+\d+\s/.test(line)).length;
  return { wallSeconds, rows };
}
