/**
 * How one cluster's cycles went, counted since the process started, for Watermark's
 * own metrics: how many, how long (a histogram), how many failed whole, how many
 * Kafka requests they sent, and which requests failed on some broker.
 */
import type { PartialFailure } from '../kafka/types';

/** Upper bounds of the cycle duration histogram, in seconds: a healthy cycle takes well under a second. */
export const CYCLE_DURATION_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

export interface CycleStatsReading {
  cycles: number;
  failedCycles: number;
  /** Cycles at or under each of CYCLE_DURATION_BUCKETS_SECONDS (cumulative, as Prometheus counts). */
  durationBucketCounts: number[];
  durationSecondsSum: number;
  lastDurationSeconds: number | null;
  /** Kafka requests sent by every cycle (collection and analysis: record timestamps), whatever their outcome. */
  requests: number;
  /** Failed requests per Kafka API (one per broker it failed on, per cycle); requests a broker does not serve are left out. */
  requestFailures: Map<string, number>;
}

export class CycleStats {
  #cycles = 0;
  #failedCycles = 0;
  readonly #bucketCounts = CYCLE_DURATION_BUCKETS_SECONDS.map(() => 0);
  #durationSecondsSum = 0;
  #lastDurationSeconds: number | null = null;
  #requests = 0;
  readonly #requestFailures = new Map<string, number>();

  /**
   * One finished cycle: its whole duration (collection, analysis, history, alerts), whether
   * it failed, its partial failures and the Kafka requests it sent.
   */
  record(durationMs: number, failed: boolean, failures: PartialFailure[], requests: number): void {
    const seconds = durationMs / 1000;
    this.#cycles++;
    this.#requests += requests;
    if (failed) this.#failedCycles++;
    CYCLE_DURATION_BUCKETS_SECONDS.forEach((bound, i) => {
      if (seconds <= bound) this.#bucketCounts[i]++;
    });
    this.#durationSecondsSum += seconds;
    this.#lastDurationSeconds = seconds;
    for (const failure of failures) {
      if (failure.notServed) continue;
      this.#requestFailures.set(failure.operation, (this.#requestFailures.get(failure.operation) ?? 0) + 1);
    }
  }

  read(): CycleStatsReading {
    return {
      cycles: this.#cycles,
      failedCycles: this.#failedCycles,
      durationBucketCounts: [...this.#bucketCounts],
      durationSecondsSum: this.#durationSecondsSum,
      lastDurationSeconds: this.#lastDurationSeconds,
      requests: this.#requests,
      requestFailures: new Map(this.#requestFailures),
    };
  }
}
