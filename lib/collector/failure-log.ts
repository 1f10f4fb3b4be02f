/**
 * Logs what fails in a cluster's cycles once when it starts and once when it ends,
 * never every cycle: a whole cycle that fails (no broker answers), and each request
 * that fails on a broker (which request and version, which broker, the broker's words).
 */
import { headlineOf } from '../format/connection-failure-wording';
import type { ConnectionFailureKind } from '../kafka/connection-failure';
import type { PartialFailure } from '../kafka/types';
import { log as rootLog, type Logger } from '../log/logger';

const keyOf = (f: PartialFailure) => `${f.operation}\u0000${f.broker ?? ''}`;

const describe = (f: PartialFailure) =>
  `${f.operation}${f.version === undefined ? '' : ` v${f.version}`}${f.broker === null ? '' : ` on broker ${f.broker}`}`;

/** The fields of a failing request: a log system filters on these rather than on the sentence. */
const fieldsOf = (f: PartialFailure) => ({
  operation: f.operation,
  broker: f.broker,
  ...(f.version === undefined ? {} : { version: f.version }),
});

export class FailureLog {
  /** Failing (request, broker) pairs, with the first failure seen. */
  readonly #failing = new Map<string, PartialFailure>();
  /** The whole cycle failing since `sinceMs`, for `cycles` cycles; null while cycles succeed. */
  #down: { sinceMs: number; cycles: number; kind: ConnectionFailureKind } | null = null;
  readonly #log: Logger;

  constructor(
    private readonly clusterId: string,
    log: Logger = rootLog,
  ) {
    this.#log = log.child({ component: 'collector', cluster: clusterId });
  }

  /**
   * A cycle that collected nothing: logged when the cluster stops answering, not again
   * while it stays down the same way (a refused password turning into a network outage is logged).
   */
  cycleFailed(error: string, nowMs: number, errorKind: ConnectionFailureKind = 'unreachable'): void {
    if (this.#down?.kind === errorKind) {
      this.#down.cycles++;
      return;
    }
    this.#down = { sinceMs: this.#down?.sinceMs ?? nowMs, cycles: (this.#down?.cycles ?? 0) + 1, kind: errorKind };
    this.#log.error({ error, errorKind }, `cluster ${this.clusterId}: ${headlineOf(errorKind)}: ${error}`);
  }

  /** The failures of one good cycle: new ones are logged, ones that went away are logged as recovered. */
  cycleSucceeded(failures: PartialFailure[], nowMs: number): void {
    if (this.#down) {
      const downSeconds = Math.round((nowMs - this.#down.sinceMs) / 1000);
      const failedCycles = this.#down.cycles;
      this.#down = null;
      this.#log.info(
        { failedCycles, downSeconds },
        `cluster ${this.clusterId} answers again, after ${failedCycles} failed cycle${failedCycles === 1 ? '' : 's'} (${downSeconds} s)`,
      );
    }
    this.#updateRequests(failures);
  }

  #updateRequests(failures: PartialFailure[]): void {
    const now = new Map(failures.map((f) => [keyOf(f), f]));
    for (const [key, failure] of now) {
      if (this.#failing.has(key)) continue;
      this.#failing.set(key, failure);
      const fields = { ...fieldsOf(failure), error: failure.message };
      const text = `cluster ${this.clusterId}: ${describe(failure)}`;
      // A request the broker does not serve is a missing feature (an older Kafka), not a fault.
      if (failure.notServed) this.#log.info({ ...fields, notServed: true }, `${text} not served: ${failure.message}`);
      else this.#log.warn(fields, `${text} failing: ${failure.message}`);
    }
    for (const [key, failure] of this.#failing) {
      if (now.has(key)) continue;
      this.#failing.delete(key);
      this.#log.info(fieldsOf(failure), `cluster ${this.clusterId}: ${describe(failure)} works again`);
    }
  }
}
