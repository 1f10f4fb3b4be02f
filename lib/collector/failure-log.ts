/**
 * Logs a partial failure once when it starts and once when it ends, not every cycle:
 * which cluster, broker, request and version, and the broker's own words.
 */
import type { PartialFailure } from '../kafka/types';

const keyOf = (f: PartialFailure) => `${f.operation}\u0000${f.broker ?? ''}`;

const describe = (f: PartialFailure) =>
  `${f.operation}${f.version === undefined ? '' : ` v${f.version}`}${f.broker === null ? '' : ` on broker ${f.broker}`}`;

export class FailureLog {
  /** Failing (request, broker) pairs, with the first failure seen. */
  readonly #failing = new Map<string, PartialFailure>();

  constructor(
    private readonly clusterId: string,
    private readonly log: (line: string) => void = console.warn,
  ) {}

  /** The failures of one good cycle: new ones are logged, ones that went away are logged as recovered. */
  update(failures: PartialFailure[]): void {
    const now = new Map(failures.map((f) => [keyOf(f), f]));
    for (const [key, failure] of now) {
      if (this.#failing.has(key)) continue;
      this.#failing.set(key, failure);
      const what = failure.notServed ? 'not served' : 'failing';
      this.log(`[watermark] cluster ${this.clusterId}: ${describe(failure)} ${what}: ${failure.message}`);
    }
    for (const [key, failure] of this.#failing) {
      if (now.has(key)) continue;
      this.#failing.delete(key);
      this.log(`[watermark] cluster ${this.clusterId}: ${describe(failure)} works again`);
    }
  }
}
