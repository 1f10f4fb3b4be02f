/**
 * A consumer group member that keeps itself running through broker outages.
 *
 * kafkajs restarts a consumer by itself after retriable failures, but stays down after
 * others (its CRASH event says `restart: false`), and a consumer can also sit idle
 * after its broker connections went stale. Either way this makes a new consumer after
 * a backoff: when it crashed for good, or when its topic received messages but it read
 * none for `stallMs`.
 */
import type { Consumer } from 'kafkajs';
import { interruptibleSleep, settleWithin } from './settle-within';

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;
const CONNECT_TIMEOUT_MS = 15_000;
const DISCONNECT_TIMEOUT_MS = 3_000;
const STALL_CHECK_MS = 5_000;

export interface ConsumerLoopOptions {
  topic: string;
  /** Messages per second at most (a slow consumer), or null for as fast as it can. */
  ratePerSecond: number | null;
  /** A new, unconnected consumer of the group. */
  make: () => Consumer;
  /** How many messages its topic received so far (from this process's producer), to tell a stall from a quiet topic. */
  produced: () => number;
  onError: (error: Error) => void;
  stallMs?: number;
  /**
   * Reads each value and throws on one it cannot process: the consumer then stops on that
   * partition (paused, the record's offset not committed) and goes on with the others, as a
   * consumer with a poison pill does. Without it every message is taken.
   */
  parse?: (value: Buffer | null) => void;
}

export interface ConsumerLoop {
  consumed(): number;
  /** Consumers made after the first. */
  replacements(): number;
  stop(timeoutMs?: number): Promise<void>;
}

export function startConsumerLoop(options: ConsumerLoopOptions): ConsumerLoop {
  const { topic, ratePerSecond, make, produced, onError, parse, stallMs = 60_000 } = options;
  const delayMs = ratePerSecond ? 1000 / ratePerSecond : 0;
  const pause = interruptibleSleep();
  let consumer: Consumer | null = null;
  let consumed = 0;
  let replacements = -1;
  let lastMessageAt = Date.now();
  let producedAtLastMessage = produced();
  let stopped = false;
  let replacing: Promise<void> | null = null;

  const dispose = async () => {
    const old = consumer;
    consumer = null;
    if (old)
      await settleWithin(old.disconnect(), DISCONNECT_TIMEOUT_MS, `closing a ${topic} consumer`).catch(() => undefined);
  };

  const begin = async () => {
    const next = make();
    consumer = next;
    replacements++;
    lastMessageAt = Date.now();
    producedAtLastMessage = produced();
    next.on(next.events.CRASH, (event) => {
      if (!event.payload.restart && consumer === next) replace(event.payload.error);
    });
    await settleWithin(next.connect(), CONNECT_TIMEOUT_MS, `connecting a ${topic} consumer`);
    await next.subscribe({ topic, fromBeginning: true });
    if (parse) {
      await next.run({
        autoCommitInterval: 2_000,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
          for (const message of batch.messages) {
            try {
              parse(message.value);
            } catch (error) {
              onError(new Error(`stuck on ${topic}-${batch.partition}@${message.offset}: ${(error as Error).message}`));
              next.pause([{ topic, partitions: [batch.partition] }]);
              break;
            }
            resolveOffset(message.offset);
            consumed++;
            lastMessageAt = Date.now();
            producedAtLastMessage = produced();
          }
          await commitOffsetsIfNecessary();
        },
      });
      return;
    }
    await next.run({
      autoCommitInterval: 2_000,
      eachMessage: async () => {
        consumed++;
        lastMessageAt = Date.now();
        producedAtLastMessage = produced();
        // A slow consumer: one message at a time, at most `ratePerSecond`.
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      },
    });
  };

  /** Closes the current consumer and starts new ones, with backoff, until one runs. */
  function replace(cause: Error | null): void {
    if (replacing || stopped) return;
    if (cause) onError(cause);
    replacing = (async () => {
      let backoffMs = FIRST_BACKOFF_MS;
      for (let first = cause === null; !stopped; first = false) {
        await dispose();
        if (!first) await pause.sleep(backoffMs);
        if (stopped) break;
        try {
          await begin();
          return;
        } catch (error) {
          onError(error as Error);
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
      }
    })().finally(() => {
      replacing = null;
    });
  }

  const stallCheck = setInterval(() => {
    const idleMs = Date.now() - lastMessageAt;
    if (idleMs > stallMs && produced() > producedAtLastMessage) {
      replace(new Error(`read nothing from ${topic} for ${Math.round(idleMs / 1000)} s while it received messages`));
    }
  }, STALL_CHECK_MS);

  replace(null);

  return {
    consumed: () => consumed,
    replacements: () => Math.max(0, replacements),
    async stop(timeoutMs = DISCONNECT_TIMEOUT_MS) {
      stopped = true;
      clearInterval(stallCheck);
      pause.wake();
      await settleWithin(replacing ?? Promise.resolve(), timeoutMs, `starting a ${topic} consumer`).catch(
        () => undefined,
      );
      await dispose();
    },
  };
}
