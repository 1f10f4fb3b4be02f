/**
 * Watermark's log: one JSON object per line on stdout (pino), with fields a log
 * system can filter on (cluster, broker, operation, version, error) beside a
 * readable `msg`. LOG_LEVEL sets the level: fatal, error, warn, info (default),
 * debug, trace, or silent.
 *
 * Written synchronously to fd 1: no transport (pino runs those in a worker thread,
 * which Next's bundling breaks), and nothing buffered is lost when the process exits.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL, in any case; unset is info, and so is a value that is not a level (`invalid` says which). */
export function logLevelFromEnv(env: Record<string, string | undefined>): { level: LogLevel; invalid: string | null } {
  const raw = env.LOG_LEVEL?.trim();
  if (!raw) return { level: 'info', invalid: null };
  const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
  return level ? { level, invalid: null } : { level: 'info', invalid: raw };
}

/**
 * Secrets are kept out of log lines where they are written (webhook URLs as their
 * origin, passwords never put in anything logged); should an object carrying one be
 * logged whole anyway, these fields are blanked.
 */
const REDACTED_FIELDS = ['password', 'passphrase', 'authorization', 'url', 'token', 'secret'];
const REDACT_PATHS = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]);

export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      name: 'watermark',
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"warn" reads better in a log system than pino's "level":40.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

const KEY = Symbol.for('watermark.logger');
type GlobalWithLogger = typeof globalThis & { [KEY]?: Logger };

/** One logger per process, though Next.js may load this module once per bundle. */
function sharedLogger(): Logger {
  const global = globalThis as GlobalWithLogger;
  if (!global[KEY]) {
    const { level, invalid } = logLevelFromEnv(process.env);
    global[KEY] = createLogger(level);
    if (invalid) global[KEY].warn({ logLevel: invalid }, `LOG_LEVEL "${invalid}" is not a level: logging at info`);
  }
  return global[KEY];
}

export const log: Logger = sharedLogger();
