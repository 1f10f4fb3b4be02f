/**
 * The bench topics of `npm run bench:topics-page`: many 1-partition, RF 1 topics created in
 * large batches, and deleted again by prefix (so a half-done run cleans up too).
 */
import type { Admin } from 'kafkajs';
import { chunks } from './for-each-limited';
import { checkInterrupted } from './interrupt';

/** Topics per CreateTopics / DeleteTopics request: large enough to be quick, small enough for the controller. */
export const TOPICS_PER_REQUEST = 250;
const ADMIN_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function benchTopicNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}t${i}`);
}

/** True once every topic of `batch` has a leader, as metadata from any broker reports it. */
async function haveLeaders(admin: Admin, batch: string[]): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: batch });
    return batch.every((name) => {
      const partitions = topics.find((t) => t.name === name)?.partitions ?? [];
      return partitions.length === 1 && partitions.every((p) => p.leader >= 0);
    });
  } catch {
    // UNKNOWN_TOPIC_OR_PARTITION while the brokers' metadata catches up with the controller.
    return false;
  }
}

/**
 * Creates the topics batch by batch, waiting for each batch's leaders before the next one
 * so the controller never has more than one batch in flight. Calls `onBatch` with the
 * number created so far.
 */
export async function createBenchTopics(
  admin: Admin,
  names: string[],
  onBatch: (created: number) => void,
): Promise<void> {
  let created = 0;
  for (const batch of chunks(names, TOPICS_PER_REQUEST)) {
    checkInterrupted();
    await admin.createTopics({
      topics: batch.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
      // kafkajs's own wait asks the broker that forwarded the request, whose metadata can lag (KRaft).
      waitForLeaders: false,
      timeout: ADMIN_TIMEOUT_MS,
    });
    const deadline = Date.now() + ADMIN_TIMEOUT_MS;
    while (!(await haveLeaders(admin, batch))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for leaders of ${batch[0]}…`);
      checkInterrupted();
      await sleep(250);
    }
    created += batch.length;
    onBatch(created);
  }
}

/** Deletes every topic whose name starts with `prefix`; returns how many are left after a few checks. */
export async function deleteBenchTopics(admin: Admin, prefix: string): Promise<{ deleted: number; left: number }> {
  const listed = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
  for (const batch of chunks(listed, TOPICS_PER_REQUEST)) {
    await admin.deleteTopics({ topics: batch, timeout: ADMIN_TIMEOUT_MS });
  }
  let left = listed.length;
  for (let attempt = 0; attempt < 20 && left > 0; attempt++) {
    await sleep(500);
    left = (await admin.listTopics()).filter((name) => name.startsWith(prefix)).length;
  }
  return { deleted: listed.length, left };
}
