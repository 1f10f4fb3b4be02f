/**
 * Produces to one topic at a steady rate until stopped, on a producer of its own.
 *
 * kafkajs refreshes the metadata of every topic a producer has sent to in one request,
 * and fails the whole refresh when any partition of them has no leader (a partition with
 * replication factor 1 on a stopped broker): one producer shared by every topic then
 * stops them all. With one producer per topic, only that topic pauses.
 *
 * A send that fails, or does not settle within `sendTimeoutMs`, drops the producer; a
 * new one (new connections, fresh metadata) is made after a backoff of 1 s doubling to
 * 10 s, so the loop resumes by itself once the broker is back. Messages that came due
 * meanwhile are skipped, not sent in a burst afterwards.
 */
import type { Message, Producer } from 'kafkajs';
import { interruptibleSleep, settleWithin } from './settle-within';

const TICK_MS = 100;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;
const DISCONNECT_TIMEOUT_MS = 2_000;

export interface ProducerLoopOptions {
  topic: string;
  ratePerSecond: number;
  /** The n-th message; n counts every message that came due, sent or skipped. */
  makeMessage: (n: number) => Message;
  /** Makes and connects a new producer. */
  connect: () => Promise<Producer>;
  onError: (error: Error) => void;
  /** How long one connect or send may take before the producer is dropped. */
  sendTimeoutMs?: number;
}

export interface ProducerLoop {
  /** Messages Kafka acknowledged. */
  delivered(): number;
  /** Messages skipped because a send failed or the producer was being replaced. */
  skipped(): number;
  /** Stops producing and disconnects, waiting at most `timeoutMs` for a send in flight. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Messages due after `elapsedMs` at `ratePerSecond`, minus those already sent or skipped. */
export function messagesDue(elapsedMs: number, ratePerSecond: number, attempted: number): number {
  return Math.floor((elapsedMs / 1000) * ratePerSecond) - attempted;
}

export function startProducerLoop(options: ProducerLoopOptions): ProducerLoop {
  const { topic, ratePerSecond, makeMessage, connect, onError, sendTimeoutMs = 10_000 } = options;
  const startedAt = Date.now();
  const pause = interruptibleSleep();
  let delivered = 0;
  let skipped = 0;
  let stopped = false;
  let producer: Producer | null = null;

  const disconnect = (old: Producer) =>
    settleWithin(old.disconnect(), DISCONNECT_TIMEOUT_MS, `disconnecting the ${topic} producer`).catch(() => undefined);
  const due = () => messagesDue(Date.now() - startedAt, ratePerSecond, delivered + skipped);

  const sendDue = async (): Promise<void> => {
    // Cap one batch at a second's worth, so a slow send does not turn into one giant batch.
    const count = Math.min(due(), Math.max(1, Math.ceil(ratePerSecond)));
    if (count <= 0) return;
    const first = delivered + skipped;
    const messages = Array.from({ length: count }, (_, i) => makeMessage(first + i));
    try {
      producer ??= await settleWithin(connect(), sendTimeoutMs, `connecting a producer for ${topic}`, disconnect);
      await settleWithin(producer.send({ topic, messages }), sendTimeoutMs, `sending to ${topic}`);
      delivered += count;
    } catch (error) {
      skipped += count;
      throw error;
    }
  };

  const done = (async () => {
    let backoffMs = FIRST_BACKOFF_MS;
    while (!stopped) {
      await pause.sleep(TICK_MS);
      if (stopped) break;
      try {
        await sendDue();
        backoffMs = FIRST_BACKOFF_MS;
      } catch (error) {
        if (stopped) break;
        onError(error as Error);
        if (producer) void disconnect(producer);
        producer = null;
        await pause.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        skipped += Math.max(0, due());
      }
    }
    if (producer) await disconnect(producer);
    producer = null;
  })();

  return {
    delivered: () => delivered,
    skipped: () => skipped,
    async stop(timeoutMs = 3_000) {
      stopped = true;
      pause.wake();
      // A send still in flight then finishes or times out on its own, and its producer is closed.
      await settleWithin(done, timeoutMs, `stopping the ${topic} producer`).catch(() => undefined);
    },
  };
}

/** A JSON payload of roughly `bytes` bytes. */
export function payload(fields: Record<string, unknown>, bytes = 300): string {
  const base = JSON.stringify(fields);
  return JSON.stringify({ ...fields, pad: 'x'.repeat(Math.max(0, bytes - base.length - 10)) });
}
