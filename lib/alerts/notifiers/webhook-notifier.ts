/**
 * Sends alert transitions to webhooks without ever holding up collection: notify()
 * only queues. Each target has its own queue and delivers in order, retrying a
 * failing receiver with exponential backoff; a queue that a dead receiver lets grow
 * drops its oldest entries. URLs are never logged whole (redactUrl).
 */
import type { Transition } from '../alert-types';
import { redactUrl, webhookBody, type WebhookFormat } from './webhook-payloads';

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
}

export interface NotifierOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  maxQueue: number;
  /** Where links in messages point (e.g. https://watermark.example.com); null: no links. */
  baseUrl: string | null;
  log: (message: string) => void;
}

export const DEFAULT_NOTIFIER_OPTIONS: NotifierOptions = {
  timeoutMs: 5_000,
  maxAttempts: 6,
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
  maxQueue: 1_000,
  baseUrl: null,
  log: (message) => console.error(`[watermark] ${message}`),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class TargetQueue {
  readonly #items: unknown[] = [];
  #running: Promise<void> | null = null;

  constructor(
    private readonly target: WebhookTarget,
    private readonly options: NotifierOptions,
  ) {}

  push(body: unknown): void {
    this.#items.push(body);
    if (this.#items.length > this.options.maxQueue) {
      this.#items.shift();
      this.options.log(`webhook ${redactUrl(this.target.url)}: queue full, dropped the oldest notification`);
    }
    this.#running ??= this.#drain().finally(() => (this.#running = null));
  }

  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  async #drain(): Promise<void> {
    while (this.#items.length > 0) {
      await this.#deliver(this.#items[0]);
      this.#items.shift();
    }
  }

  async #deliver(body: unknown): Promise<void> {
    const { maxAttempts, backoffMs, maxBackoffMs, timeoutMs, log } = this.options;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let problem: string;
      try {
        const response = await fetch(this.target.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) return;
        problem = `HTTP ${response.status}`;
      } catch (error) {
        problem = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
      }
      if (attempt === maxAttempts) {
        log(`webhook ${redactUrl(this.target.url)}: gave up after ${attempt} attempts (${problem})`);
        return;
      }
      await sleep(Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)));
    }
  }
}

export class WebhookNotifier {
  readonly #queues: { target: WebhookTarget; queue: TargetQueue }[];

  constructor(
    targets: WebhookTarget[],
    private readonly options: NotifierOptions = DEFAULT_NOTIFIER_OPTIONS,
  ) {
    this.#queues = targets.map((target) => ({ target, queue: new TargetQueue(target, options) }));
  }

  /** Queues the transitions for every target and returns at once. */
  notify(transitions: Transition[]): void {
    for (const transition of transitions) {
      for (const { target, queue } of this.#queues) {
        queue.push(webhookBody(target.format, transition, this.options.baseUrl));
      }
    }
  }

  /** Resolves once every queue is empty (tests and shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this.#queues.map(({ queue }) => queue.idle()));
  }
}
