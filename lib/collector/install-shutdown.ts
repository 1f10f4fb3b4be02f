/**
 * What SIGTERM and SIGINT do to the server: run `shutdown` (stop taking requests, stop
 * the collector, checkpoint the history, drain webhooks), log it, and exit 0; exit 1 if
 * it fails or outlasts `deadlineMs`. A second signal exits at once.
 *
 * `next start` (Next.js 16, server/lib/start-server) installs handlers of its own, unless
 * NEXT_MANUAL_SIG_HANDLE is set: they close the HTTP server and then exit with 143 or 130
 * without waiting for anything else, so our shutdown could not finish. They are removed
 * here, and `shutdown` closes the HTTP server itself.
 */
import type { Logger } from '../log/logger';

/**
 * One Ctrl-C reaches the server more than once (from the terminal, and from npm or the
 * dev server passing it on) within milliseconds: a repeat this soon is the same request.
 */
const REPEAT_WINDOW_MS = 1_000;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type ShutdownSignal = (typeof SIGNALS)[number];
/** 128 + the signal's number, as a shell reports a process killed by it. */
const FORCED_EXIT_CODE: Record<ShutdownSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export interface ShutdownOptions {
  shutdown: (signal: ShutdownSignal) => Promise<void>;
  log: Logger;
  /** Past this the process exits with 1, whatever is still running. */
  deadlineMs: number;
  /** The process (a stand-in in unit tests). */
  target?: Pick<NodeJS.Process, 'on' | 'listeners' | 'removeListener' | 'exit'>;
  now?: () => number;
}

export function installShutdown(options: ShutdownOptions): void {
  const { shutdown, log, deadlineMs, target = process, now = Date.now } = options;
  let first: { signal: ShutdownSignal; atMs: number } | null = null;

  const onSignal = (signal: ShutdownSignal) => {
    if (first) {
      if (signal === first.signal && now() - first.atMs < REPEAT_WINDOW_MS) return;
      log.warn({ signal }, `${signal} during shutdown: exiting now`);
      target.exit(FORCED_EXIT_CODE[signal]);
      return;
    }
    first = { signal, atMs: now() };
    const startedAt = first.atMs;
    log.info({ signal }, `${signal}: shutting down`);
    const deadline = setTimeout(() => {
      log.error({ signal, deadlineMs }, `shutdown did not finish within ${deadlineMs} ms: exiting`);
      target.exit(1);
    }, deadlineMs);
    shutdown(signal).then(
      () => {
        clearTimeout(deadline);
        const durationMs = now() - startedAt;
        log.info({ signal, durationMs }, `shut down in ${durationMs} ms`);
        target.exit(0);
      },
      (failure: unknown) => {
        clearTimeout(deadline);
        const error = failure instanceof Error ? failure.message : String(failure);
        log.error({ signal, error }, `shutdown failed: ${error}`);
        target.exit(1);
      },
    );
  };

  for (const signal of SIGNALS) {
    for (const listener of target.listeners(signal)) target.removeListener(signal, listener);
    target.on(signal, onSignal);
  }
}
