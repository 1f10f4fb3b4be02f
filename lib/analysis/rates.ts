/**
 * Per-second rates from polled counters. Offsets (high watermark, committed
 * offset) only grow unless the topic is recreated or truncated, so a decrease is
 * a reset, never a negative rate.
 *
 * Partition sizes are not counters: retention deletes whole segments, so
 * `sizeBytes` falls in steps while data keeps arriving. A byte rate taken from
 * size samples would read near zero (or reset) at every deletion. Instead, the
 * byte rate is messages/s × the average bytes per message of what is retained
 * (`bytesInRate(counterRate(hwm…), bytesPerMessage(…))`).
 */

export interface CounterSample {
  /** Epoch milliseconds. */
  t: number;
  value: number;
}

export interface CounterRateOptions {
  /** The rate is averaged over this many milliseconds ending at the newest sample. */
  windowMs: number;
  /** Longest gap between two samples that may still stand in for the window. */
  maxGapMs: number;
}

/**
 * Per-second rate of a monotonic counter (high watermark, committed offset) over
 * the last `windowMs` ending at the newest sample. Samples are ascending by `t`.
 *
 * - A decrease is a counter reset: only samples from the reset onwards count, so
 *   right after a reset the rate is unknown (null), never negative.
 * - The base is the oldest sample in [newest.t − windowMs, newest.t]. When only the
 *   newest is in the window, the previous sample serves if it is at most
 *   `maxGapMs` older; a longer gap in collection gives null rather than an average
 *   over time we did not observe.
 * - Fewer than two samples, or zero elapsed time: null.
 *
 * `valueOf` reads the counter from a sample (default: its `value`).
 */
export function counterRate(samples: readonly CounterSample[], options: CounterRateOptions): number | null;
export function counterRate<S extends { t: number }>(
  samples: readonly S[],
  options: CounterRateOptions,
  valueOf: (sample: S) => number,
): number | null;
export function counterRate<S extends { t: number }>(
  samples: readonly S[],
  options: CounterRateOptions,
  valueOf: (sample: S) => number = (sample) => (sample as unknown as CounterSample).value,
): number | null {
  // Called for every partition and group partition each cycle: indexes, no copies.
  const start = lastResetIndex(samples, valueOf);
  const last = samples.length - 1;
  if (last - start < 1) return null;
  const newest = samples[last];
  let baseIndex = start;
  while (samples[baseIndex].t < newest.t - options.windowMs) baseIndex++;
  if (baseIndex === last) {
    baseIndex -= 1;
    if (newest.t - samples[baseIndex].t > options.maxGapMs) return null;
  }
  const base = samples[baseIndex];
  const elapsedMs = newest.t - base.t;
  if (elapsedMs <= 0) return null;
  return ((valueOf(newest) - valueOf(base)) * 1000) / elapsedMs;
}

/** Index of the first sample after the last decrease (0 when the counter never went down). */
function lastResetIndex<S>(samples: readonly S[], valueOf: (sample: S) => number): number {
  for (let i = samples.length - 1; i > 0; i--) {
    if (valueOf(samples[i]) < valueOf(samples[i - 1])) return i;
  }
  return 0;
}

/** Sum of the known rates (e.g. partitions of a topic); null when none is known. */
export function sumRates(rates: (number | null)[]): number | null {
  const known = rates.filter((rate): rate is number => rate !== null);
  return known.length === 0 ? null : known.reduce((sum, rate) => sum + rate, 0);
}

/**
 * Average bytes per retained message of a partition: `sizeBytes` over the offsets
 * between the log start and the high watermark. Null when the partition holds no
 * messages. Compacted topics have offset gaps and transactional topics have
 * marker offsets, so there this under-estimates the size of a message.
 */
export function bytesPerMessage(sizeBytes: number, logStartOffset: number, highWatermark: number): number | null {
  const messages = highWatermark - logStartOffset;
  return messages <= 0 ? null : sizeBytes / messages;
}

/** Bytes per second written: messages per second × bytes per message; null when either is unknown. */
export function bytesInRate(messageRate: number | null, bytesPerMessage: number | null): number | null {
  return messageRate === null || bytesPerMessage === null ? null : messageRate * bytesPerMessage;
}
