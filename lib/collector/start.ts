/**
 * Server start-up (Node.js runtime only): start the collector, or stop the process
 * with one line naming the file, cluster and field when the configuration is invalid.
 */
import { ConfigError } from '../config/load-config';
import { HistoryUnavailableError } from '../history/database';
import { installRequestGuard } from '../http/install-request-guard';
import { hostPolicy } from '../http/request-guard';
import { startRuntime } from './runtime';

export function startCollectorOrExit(): void {
  try {
    const runtime = startRuntime();
    installRequestGuard(hostPolicy(runtime.config.allowedHosts, runtime.config.publicUrl, process.env));
    const names = runtime.config.clusters.map((c) => `${c.id} (${c.brokers.length} bootstrap brokers)`).join(', ');
    console.log(`[watermark] collecting from ${names}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[watermark] invalid configuration: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof HistoryUnavailableError) {
      console.error(
        `[watermark] ${error.message}. Move the file away to start a new history, or set history.required: false to run without one.`,
      );
      process.exit(1);
    }
    throw error;
  }
}
