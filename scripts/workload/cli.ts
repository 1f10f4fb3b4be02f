/**
 * npm run workload — demo traffic against KAFKA_BROKERS (default: the local cluster).
 * Creates the demo topics if missing and runs until Ctrl-C (or SIGTERM), which stops
 * it within a few seconds even while a broker is down; a second signal exits at once.
 */
import { LOCAL_BROKERS } from '../kafka/layout';
import { parseOptions, type WorkloadOptions } from './options';
import { startWorkload } from './workload';

/** Every client gets this long to close; the process exits regardless after STOP_DEADLINE_MS. */
const STOP_TIMEOUT_MS = 3_000;
const STOP_DEADLINE_MS = 8_000;
const REPEAT_WINDOW_MS = 1_000;

async function run(options: WorkloadOptions): Promise<void> {
  const workload = await startWorkload(options);
  console.log(
    `Workload running against ${options.brokers.join(',')}: orders ${options.ordersRate}/s, payments ${options.paymentsRate}/s (consumed at ${options.paymentsConsumeRate}/s), clickstream ${options.clickstreamRate}/s, audit ${options.auditRate}/s, scratch ${options.scratchRate}/s. Ctrl-C stops.`,
  );

  let firstSignalAt: number | null = null;
  const stop = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== null) {
      // One Ctrl-C can arrive twice within milliseconds (from the terminal and from npm passing it on).
      if (Date.now() - firstSignalAt < REPEAT_WINDOW_MS) return;
      process.exit(130);
    }
    firstSignalAt = Date.now();
    console.log(`Stopping workload (${signal})...`);
    setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref();
    void workload.stop(STOP_TIMEOUT_MS).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
}

try {
  const options = parseOptions(process.argv.slice(2), LOCAL_BROKERS);
  run(options).catch((error: Error) => {
    console.error(`workload: ${error.message}`);
    process.exit(1);
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
