/**
 * Server start-up (Node.js runtime only): start the collector and log what it watches,
 * or stop the process with one line naming the file, cluster and field when the
 * configuration is invalid. From then on SIGTERM and SIGINT shut it down cleanly.
 */
import { getAuthSettings } from '../auth/auth-runtime';
import { authStartWarnings } from '../auth/start-warnings';
import { configFileOf, ConfigError } from '../config/load-config';
import { HistoryUnavailableError } from '../history/database';
import { describeHistoryLocation } from '../history/history-location';
import { closeHttpServers, installRequestGuard } from '../http/install-request-guard';
import { hostPolicy } from '../http/request-guard';
import { log } from '../log/logger';
import { startSummary } from '../log/start-summary';
import { BUILD_INFO } from '../metrics/build-info';
import { startProcessMonitors } from '../metrics/process-metrics';
import { installShutdown } from './install-shutdown';
import { shutdownRuntime, startRuntime } from './runtime';

/**
 * Shutdown budget: requests in progress finish, a running cycle finishes or is
 * abandoned, queued webhooks get a few seconds; well inside the 30 s a container
 * runtime usually waits after SIGTERM before it kills.
 */
const HTTP_DRAIN_MS = 2_000;
const CYCLE_GRACE_MS = 2_000;
const WEBHOOK_DEADLINE_MS = 5_000;
const SHUTDOWN_DEADLINE_MS = 15_000;

export function startCollectorOrExit(): void {
  try {
    startProcessMonitors();
    const runtime = startRuntime();
    const configFile = configFileOf(process.env);
    const config = runtime.config;
    const auth = getAuthSettings();
    // The start line first: the warnings below are about what it describes.
    const { fields, msg } = startSummary({
      config: runtime.config,
      configFile: configFile ?? null,
      dataDir: describeHistoryLocation(runtime.history.location),
      historyOff: runtime.historyOff,
      ...BUILD_INFO,
      logLevel: log.level,
    });
    log.info({ component: 'start', ...fields }, msg);
    installRequestGuard({
      hosts: hostPolicy(config.allowedHosts, config.publicUrl, process.env),
      auth,
      formTargets: auth.oidc ? [new URL(auth.oidc.issuer).origin] : [],
    });
    for (const warning of authStartWarnings(auth)) log.warn({ component: 'auth' }, warning);
    installShutdown({
      shutdown: shutDown,
      log: log.child({ component: 'shutdown' }),
      deadlineMs: SHUTDOWN_DEADLINE_MS,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      log.fatal({ component: 'start', error: error.message }, `invalid configuration: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof HistoryUnavailableError) {
      log.fatal(
        { component: 'start', error: error.message },
        `${error.message}. Move the file away to start a new history, or set history.required: false to run without one.`,
      );
      process.exit(1);
    }
    throw error;
  }
}

/** Requests first (so none reads a closed history), then the collector, the history and the webhooks. */
async function shutDown(): Promise<void> {
  const http = await closeHttpServers(HTTP_DRAIN_MS);
  const fields = { component: 'shutdown', servers: http.servers, requestsCut: http.cut };
  if (http.servers === 0) log.info(fields, 'HTTP: no connection taken yet, nothing to close');
  else if (http.cut) log.warn(fields, `HTTP closed; requests still running after ${HTTP_DRAIN_MS} ms were cut`);
  else log.info(fields, 'HTTP closed; no request was cut');
  await shutdownRuntime({ cycleGraceMs: CYCLE_GRACE_MS, webhookDeadlineMs: WEBHOOK_DEADLINE_MS });
}
