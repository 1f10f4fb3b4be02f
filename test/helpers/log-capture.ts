/**
 * A logger whose lines are kept in memory, parsed, for tests that check what is logged
 * (fields and `msg`), written with the same options as the server's.
 */
import { createLogger, type Logger, type LogLevel } from '@/lib/log/logger';

export type LogRecord = Record<string, unknown> & { level: string; msg: string };

export interface CapturedLog {
  logger: Logger;
  records(): LogRecord[];
  /** The `msg` of every line, in order. */
  messages(): string[];
  /** Every line as written. */
  text(): string;
}

export function captureLog(level: LogLevel = 'trace'): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  const records = () => lines.map((line) => JSON.parse(line) as LogRecord);
  return { logger, records, messages: () => records().map((r) => r.msg), text: () => lines.join('') };
}

/** Watermark's log lines in a process's output, parsed; Next.js's own (not JSON) are skipped. */
export function parseLogLines(output: string): LogRecord[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord)
    .filter((record) => record.name === 'watermark');
}
