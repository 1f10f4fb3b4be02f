/**
 * Sends alert transitions to webhooks without ever holding up collection: notify()
 * only queues. Each target has its own queue and delivers in order, retrying a
 * failing receiver with exponential backoff, or after what its Retry-After says; a
 * 4xx other than 408 and 429 is not retried. A queue that a dead receiver lets grow
 * drops its oldest entries. URLs are never logged whole (redactUrl).
 */
import { log as rootLog, type Logger } from '../../log/logger';
import type { AlertState, Transition } from '../alert-types';
import { isPermanentStatus, retryAfterMs, retryDelayMs } from './retry-policy';
import {
  ALERTMANAGER_REFRESH_MS,
  alertmanagerAlert,
  redactUrl,
  webhookBody,
  type WebhookFormat,
} from './webhook-payloads';

export interface WebhookTarget {
  url: string;
  format: WebhookFormat;
}

export interface NotifierOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, which also caps a Retry-After. */
  backoffMs: number;
  maxBackoffMs: number;
  maxQueue: number;
  /** Where links in messages point (e.g. https://watermark.example.com); null: no links. */
  baseUrl: string | null;
  log: Logger;
}

export const DEFAULT_NOTIFIER_OPTIONS: NotifierOptions = {
  timeoutMs: 5_000,
  maxAttempts: 6,
  backoffMs: 1_000,
  maxBackoffMs: 60_000,
  maxQueue: 1_000,
  baseUrl: null,
  log: rootLog,
};

/** One target's counts since start, for the metrics. */
export interface WebhookTargetStats {
  /** The URL's origin only. */
  target: string;
  /** The target's place in its cluster's list: two targets may share an origin. */
  index: number;
  /** Notifications waiting, the one being sent included. */
  queued: number;
  delivered: number;
  failedAttempts: number;
  /** Notifications never delivered: given up after maxAttempts, refused with a 4xx, pushed out of a full queue. */
  dropped: { gaveUp: number; rejected: number; queueFull: number };
}

interface Notification {
  body: unknown;
  event: Transition['kind'] | 'refresh';
  /** The alert's key, or for a refresh how many alerts it holds. */
  alertKey: string;
}

type Attempt = { ok: true } | { ok: false; problem: string; permanent: boolean; retryAfterMs: number | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class TargetQueue {
  readonly #items: Notification[] = [];
  #sending = false;
  #running: Promise<void> | null = null;
  /** True from a failed attempt until a delivery succeeds: logged once each way. */
  #failing = false;
  #droppedWhileFull = 0;
  readonly #log: Logger;
  readonly #name: string;
  readonly stats: WebhookTargetStats;

  constructor(
    private readonly target: WebhookTarget,
    index: number,
    private readonly options: NotifierOptions,
  ) {
    this.#name = redactUrl(target.url);
    this.#log = options.log.child({ component: 'webhook', target: this.#name, webhook: index });
    this.stats = {
      target: this.#name,
      index,
      queued: 0,
      delivered: 0,
      failedAttempts: 0,
      dropped: { gaveUp: 0, rejected: 0, queueFull: 0 },
    };
  }

  push(notification: Notification): void {
    this.#items.push(notification);
    if (this.#items.length > this.options.maxQueue) {
      this.#items.shift();
      this.stats.dropped.queueFull++;
      if (this.#droppedWhileFull++ === 0) {
        this.#log.warn(
          { maxQueue: this.options.maxQueue },
          `webhook ${this.#name}: queue full (${this.options.maxQueue}), dropping the oldest notifications`,
        );
      }
    }
    this.#running ??= this.#drain().finally(() => (this.#running = null));
  }

  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  depth(): number {
    return this.#items.length + (this.#sending ? 1 : 0);
  }

  async #drain(): Promise<void> {
    for (let next = this.#items.shift(); next; next = this.#items.shift()) {
      this.#sending = true;
      await this.#deliver(next);
      this.#sending = false;
    }
    if (this.#droppedWhileFull > 0) {
      this.#log.warn(
        { dropped: this.#droppedWhileFull },
        `webhook ${this.#name}: dropped ${this.#droppedWhileFull} notifications while the queue was full`,
      );
      this.#droppedWhileFull = 0;
    }
  }

  async #deliver(notification: Notification): Promise<void> {
    const { maxAttempts, backoffMs, maxBackoffMs } = this.options;
    const about = { event: notification.event, alert: notification.alertKey };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const result = await this.#post(notification.body);
      if (result.ok) {
        this.stats.delivered++;
        if (this.#failing) this.#log.info(`webhook ${this.#name} delivers again`);
        this.#failing = false;
        return;
      }
      this.stats.failedAttempts++;
      const fields = { ...about, attempt, error: result.problem };
      if (result.permanent) {
        this.stats.dropped.rejected++;
        this.#log.error(
          fields,
          `webhook ${this.#name} refused the ${notification.event} notification of ${notification.alertKey}: ${result.problem}, not retried`,
        );
        return;
      }
      if (!this.#failing) this.#log.warn(fields, `webhook ${this.#name} failing: ${result.problem}; retrying`);
      else this.#log.debug(fields, `webhook ${this.#name}: attempt ${attempt} failed: ${result.problem}`);
      this.#failing = true;
      if (attempt === maxAttempts) {
        this.stats.dropped.gaveUp++;
        this.#log.error(
          fields,
          `webhook ${this.#name}: gave up the ${notification.event} notification of ${notification.alertKey} after ${attempt} attempts (${result.problem})`,
        );
        return;
      }
      await sleep(retryDelayMs(attempt, { backoffMs, maxBackoffMs }, result.retryAfterMs));
    }
  }

  async #post(body: unknown): Promise<Attempt> {
    const { timeoutMs } = this.options;
    try {
      const response = await fetch(this.target.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body is not needed: let the connection go back to the pool.
      await response.body?.cancel();
      if (response.ok) return { ok: true };
      return {
        ok: false,
        problem: `HTTP ${response.status}`,
        permanent: isPermanentStatus(response.status),
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()),
      };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        return { ok: false, problem: `no answer within ${timeoutMs} ms`, permanent: false, retryAfterMs: null };
      }
      // fetch's own message names no cause; its cause's code does (ECONNREFUSED, ENOTFOUND), and holds no URL.
      const code = ((error as Error).cause as { code?: unknown } | undefined)?.code;
      const problem = typeof code === 'string' ? `unreachable (${code})` : 'unreachable';
      return { ok: false, problem, permanent: false, retryAfterMs: null };
    }
  }
}

export class WebhookNotifier {
  readonly #queues: { target: WebhookTarget; queue: TargetQueue }[];
  /** When the firing alerts were last sent again to the Alertmanager targets. */
  #refreshedAt = -Infinity;

  constructor(
    targets: WebhookTarget[],
    private readonly options: NotifierOptions = DEFAULT_NOTIFIER_OPTIONS,
  ) {
    this.#queues = targets.map((target, index) => ({ target, queue: new TargetQueue(target, index, options) }));
  }

  /** Queues the transitions for every target and returns at once. */
  notify(transitions: Transition[], nowMs = Date.now()): void {
    for (const transition of transitions) {
      for (const { target, queue } of this.#queues) {
        queue.push({
          body: webhookBody(target.format, transition, this.options.baseUrl, nowMs),
          event: transition.kind,
          alertKey: transition.alert.key,
        });
      }
    }
  }

  /**
   * Alertmanager forgets a firing alert that is not sent again (see ALERTMANAGER_HOLD_MS):
   * every ALERTMANAGER_REFRESH_MS, `firing` (the alerts whose firing was sent and that are
   * not silenced or inhibited now) goes to the Alertmanager targets in one request. A
   * target still busy with earlier ones is skipped until the next time.
   */
  refresh(firing: AlertState[], nowMs = Date.now()): void {
    if (nowMs - this.#refreshedAt < ALERTMANAGER_REFRESH_MS) return;
    this.#refreshedAt = nowMs;
    if (firing.length === 0) return;
    for (const { target, queue } of this.#queues) {
      if (target.format !== 'alertmanager' || queue.depth() > 0) continue;
      queue.push({
        body: firing.map((alert) => alertmanagerAlert(alert, nowMs, this.options.baseUrl)),
        event: 'refresh',
        alertKey: `${firing.length} firing alerts`,
      });
    }
  }

  /** Resolves once every queue is empty (tests, and shutdown with a deadline). */
  async idle(): Promise<void> {
    await Promise.all(this.#queues.map(({ queue }) => queue.idle()));
  }

  /** Notifications not delivered yet, over every target. */
  pending(): number {
    return this.#queues.reduce((sum, { queue }) => sum + queue.depth(), 0);
  }

  stats(): WebhookTargetStats[] {
    return this.#queues.map(({ queue }) => ({
      ...queue.stats,
      dropped: { ...queue.stats.dropped },
      queued: queue.depth(),
    }));
  }
}
