/**
 * Produces to one topic at a steady rate until stopped.
 */
import type { Message, Producer } from 'kafkajs';

const TICK_MS = 100;

export interface ProducerLoop {
  stop(): Promise<void>;
  sent(): number;
}

/** `makeMessage(n)` builds the n-th message; the loop keeps the average at `ratePerSecond`. */
export function startProducerLoop(
  producer: Producer,
  topic: string,
  ratePerSecond: number,
  makeMessage: (n: number) => Message,
  onError: (error: Error) => void,
): ProducerLoop {
  let sent = 0;
  let stopped = false;
  const startedAt = Date.now();
  let inFlight: Promise<void> = Promise.resolve();

  const tick = async () => {
    const due = Math.floor(((Date.now() - startedAt) / 1000) * ratePerSecond) - sent;
    if (due <= 0) return;
    // Cap one batch so a long outage does not turn into one giant burst.
    const count = Math.min(due, Math.max(1, Math.ceil(ratePerSecond)));
    const messages = Array.from({ length: count }, (_, i) => makeMessage(sent + i));
    try {
      await producer.send({ topic, messages });
      sent += count;
    } catch (error) {
      onError(error as Error);
      sent += count; // skip what could not be sent rather than bursting later
    }
  };

  const timer = setInterval(() => {
    if (stopped) return;
    inFlight = inFlight.then(tick);
  }, TICK_MS);

  return {
    sent: () => sent,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** A JSON payload of roughly `bytes` bytes. */
export function payload(fields: Record<string, unknown>, bytes = 300): string {
  const base = JSON.stringify(fields);
  return JSON.stringify({ ...fields, pad: 'x'.repeat(Math.max(0, bytes - base.length - 10)) });
}
