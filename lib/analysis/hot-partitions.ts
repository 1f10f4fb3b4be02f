/**
 * Partitions of a topic that take a disproportionate share of its writes (a skewed
 * message key, a custom partitioner): one broker and one consumer end up doing
 * most of the topic's work.
 */

export interface HotPartitionOptions {
  /** How many times the other partitions' mean a rate must exceed. Default 3. */
  factor?: number;
  /** Smallest rate, in messages per second, worth reporting. Default 1. */
  minRate?: number;
}

/**
 * Partitions (ascending) whose rate is above `factor` × the mean rate of the
 * topic's other partitions and at least `minRate`. Rates in messages per second;
 * partitions with an unknown (null) rate are ignored, and fewer than two known
 * rates give none.
 *
 * The mean excludes the partition itself: with the partition included, one
 * partition out of n can never exceed n × the mean, so a topic of 2 or 3
 * partitions could never show a hot partition at the default factor of 3.
 */
export function hotPartitions(
  partitionRates: { partition: number; rate: number | null }[],
  options: HotPartitionOptions = {},
): number[] {
  const factor = options.factor ?? 3;
  const minRate = options.minRate ?? 1;
  const known = partitionRates.filter((entry): entry is { partition: number; rate: number } => entry.rate !== null);
  if (known.length < 2) return [];
  const total = known.reduce((sum, entry) => sum + entry.rate, 0);
  return known
    .filter((entry) => {
      const othersMean = (total - entry.rate) / (known.length - 1);
      return entry.rate >= minRate && entry.rate > factor * othersMean;
    })
    .map((entry) => entry.partition)
    .sort((a, b) => a - b);
}
