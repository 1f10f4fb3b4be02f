/**
 * The webhook notifier against real HTTP receivers on loopback: payloads, retries
 * with backoff or after Retry-After, answers not worth retrying, and a dead or slow
 * receiver that must not hold anyone up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Transition } from '@/lib/alerts/alert-types';
import {
  DEFAULT_NOTIFIER_OPTIONS,
  WebhookNotifier,
  type NotifierOptions,
} from '@/lib/alerts/notifiers/webhook-notifier';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import { startWebhookReceiver, type WebhookAnswer, type WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET_PATH = '/services/T000/B000/secret-token';

function transition(kind: Transition['kind'] = 'fired'): Transition {
  return {
    kind,
    alert: {
      key: 'broker-unreachable:prod:3',
      rule: 'broker-unreachable',
      severity: 'critical',
      subject: { cluster: 'prod', broker: 3 },
      value: 1,
      threshold: 0,
      message: 'Broker 3 is unreachable.',
      href: '/clusters/prod/brokers',
      status: kind === 'fired' ? 'firing' : 'resolved',
      since: 1000,
      firedAt: 2000,
      resolvedAt: kind === 'resolved' ? 3000 : null,
      lastSeenAt: 2000,
    },
  };
}

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** A receiver answering with `answers` in turn (200 once they run out), or never answering when `hang`. */
async function receiver(answers: (number | WebhookAnswer)[] = [], hang = false): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver();
  started.answers = answers.map((a) => (typeof a === 'number' ? { status: a } : a));
  started.hang = hang;
  started.url = `${started.url}${SECRET_PATH}`;
  receivers.push(started);
  return started;
}

function options(log: CapturedLog, overrides: Partial<NotifierOptions> = {}): NotifierOptions {
  return {
    ...DEFAULT_NOTIFIER_OPTIONS,
    backoffMs: 20,
    maxBackoffMs: 100,
    timeoutMs: 300,
    log: log.logger,
    ...overrides,
  };
}

const events = (r: WebhookReceiver) => (r.bodies as { event: string }[]).map((b) => b.event);

describe('WebhookNotifier', () => {
  it('sends Alertmanager targets the firing alerts again once a minute in one request, and no other target', async () => {
    const alertmanager = await receiver();
    const json = await receiver();
    const notifier = new WebhookNotifier(
      [
        { url: alertmanager.url, format: 'alertmanager' },
        { url: json.url, format: 'json' },
      ],
      options(captureLog(), { baseUrl: 'https://watermark.example.com' }),
    );
    const firing = transition('fired').alert;
    const other = { ...firing, key: 'broker-unreachable:prod:2', subject: { cluster: 'prod', broker: 2 } };
    for (const [nowMs, alerts] of [
      [100_000, [firing]],
      [159_999, [firing]], // within the minute: not again
      [160_000, [firing, other]],
      [230_000, []], // nothing firing: nothing sent
    ] as const) {
      notifier.refresh([...alerts], nowMs);
      await notifier.idle();
    }
    expect(json.bodies).toEqual([]);
    expect(alertmanager.bodies).toEqual([
      [
        {
          labels: {
            alertname: 'broker-unreachable',
            rule: 'broker-unreachable',
            severity: 'critical',
            cluster: 'prod',
            broker: '3',
          },
          annotations: { summary: 'Broker 3 is unreachable.', value: '1', threshold: '0' },
          startsAt: new Date(2000).toISOString(),
          endsAt: new Date(100_000 + 240_000).toISOString(),
          generatorURL: 'https://watermark.example.com/clusters/prod/brokers',
        },
      ],
      [
        expect.objectContaining({
          labels: expect.objectContaining({ broker: '3' }),
          endsAt: new Date(400_000).toISOString(),
        }),
        expect.objectContaining({ labels: expect.objectContaining({ broker: '2' }) }),
      ],
    ]);
  });

  it('posts a JSON body on fire and on resolve, and a Slack text to a Slack target', async () => {
    const json = await receiver();
    const slack = await receiver();
    const notifier = new WebhookNotifier(
      [
        { url: json.url, format: 'json' },
        { url: slack.url, format: 'slack' },
      ],
      options(captureLog(), { baseUrl: 'https://watermark.example.com' }),
    );
    notifier.notify([transition('fired'), transition('resolved')]);
    await notifier.idle();
    expect(json.bodies).toMatchObject([
      {
        version: 1,
        event: 'fired',
        alert: { rule: 'broker-unreachable', severity: 'critical', subject: { broker: 3 } },
      },
      { version: 1, event: 'resolved', alert: { resolvedAt: 3000 } },
    ]);
    expect(slack.bodies).toEqual([
      {
        text: ':red_circle: [FIRING] critical · prod: Broker 3 is unreachable. (started 1970-01-01 00:00:01 UTC) <https://watermark.example.com/clusters/prod/brokers|Open in Watermark>',
      },
      {
        text: ':white_check_mark: [RESOLVED] critical · prod: Broker 3 is unreachable. (started 1970-01-01 00:00:01 UTC, resolved 1970-01-01 00:00:03 UTC) <https://watermark.example.com/clusters/prod/brokers|Open in Watermark>',
      },
    ]);
    expect(notifier.stats()).toMatchObject([
      { index: 0, delivered: 2, failedAttempts: 0, queued: 0 },
      { index: 1, delivered: 2, failedAttempts: 0, queued: 0 },
    ]);
  });

  it('retries a 500 and a 503 with backoff until the receiver accepts, in order, and logs the failure once each way', async () => {
    const flaky = await receiver([500, 503]);
    const log = captureLog();
    const notifier = new WebhookNotifier([{ url: flaky.url, format: 'json' }], options(log));
    notifier.notify([transition('fired'), transition('resolved')]);
    await notifier.idle();
    expect(events(flaky)).toEqual(['fired', 'fired', 'fired', 'resolved']);
    expect(notifier.stats()[0]).toMatchObject({ delivered: 2, failedAttempts: 2 });
    expect(log.records().filter((r) => r.level !== 'debug')).toEqual([
      expect.objectContaining({
        level: 'warn',
        component: 'webhook',
        target: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…$/),
        webhook: 0,
        error: 'HTTP 500',
        event: 'fired',
        alert: 'broker-unreachable:prod:3',
      }),
      expect.objectContaining({ level: 'info', msg: expect.stringMatching(/delivers again$/) }),
    ]);
  });

  it('sends a notification answered 400 once: a request the receiver refuses is not retried', async () => {
    const refusing = await receiver([400]);
    const log = captureLog();
    const notifier = new WebhookNotifier([{ url: refusing.url, format: 'json' }], options(log));
    notifier.notify([transition('fired'), transition('resolved')]);
    await notifier.idle();
    // The refused one is tried once and dropped; the next is still sent.
    expect(events(refusing)).toEqual(['fired', 'resolved']);
    expect(notifier.stats()[0]).toMatchObject({
      delivered: 1,
      failedAttempts: 1,
      dropped: { gaveUp: 0, rejected: 1, queueFull: 0 },
    });
    expect(log.records()).toContainEqual(
      expect.objectContaining({
        level: 'error',
        error: 'HTTP 400',
        msg: expect.stringMatching(
          /refused the fired notification of broker-unreachable:prod:3: HTTP 400, not retried$/,
        ),
      }),
    );
  });

  it('waits as long as a 429 or 503 says in Retry-After, above its own backoff but within its cap', async () => {
    const busy = await receiver([
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 503, headers: { 'Retry-After': 'Thu, 01 Jan 2099 00:00:00 GMT' } },
    ]);
    const notifier = new WebhookNotifier(
      [{ url: busy.url, format: 'json' }],
      options(captureLog(), { backoffMs: 20, maxBackoffMs: 1_500 }),
    );
    notifier.notify([transition()]);
    await notifier.idle();
    expect(events(busy)).toEqual(['fired', 'fired', 'fired']);
    const [first, second, third] = busy.receivedAt;
    // Retry-After: 1 over a 20 ms backoff: about a second.
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(second - first).toBeLessThan(1_400);
    // A date 70 years ahead, capped at maxBackoffMs.
    expect(third - second).toBeGreaterThanOrEqual(1_450);
    expect(third - second).toBeLessThan(2_000);
  });

  it('never blocks the caller on a dead or hanging receiver, and never logs the secret in the URL', async () => {
    const dead = await receiver();
    await dead.close();
    const hanging = await receiver([], true);
    const log = captureLog();
    const notifier = new WebhookNotifier(
      [
        { url: dead.url, format: 'json' },
        { url: hanging.url, format: 'slack' },
      ],
      options(log, { maxAttempts: 2 }),
    );
    const started = performance.now();
    for (let i = 0; i < 10; i++) notifier.notify([transition()]);
    const elapsedMs = performance.now() - started;
    // Queuing 20 notifications is bookkeeping only: far below one poll interval.
    expect(elapsedMs).toBeLessThan(50);
    expect(notifier.pending()).toBe(20);
    await notifier.idle();
    expect(log.messages().some((m) => /gave up .* after 2 attempts \(unreachable \(ECONNREFUSED\)\)/.test(m))).toBe(
      true,
    );
    expect(log.messages().some((m) => /no answer within 300 ms/.test(m))).toBe(true);
    expect(log.text()).not.toContain('secret-token');
    expect(notifier.stats().map((s) => s.dropped.gaveUp)).toEqual([10, 10]);
  }, 30_000);

  it('drops the oldest notifications rather than growing without bound, and says so once', async () => {
    const hanging = await receiver([], true);
    const log = captureLog();
    const notifier = new WebhookNotifier(
      [{ url: hanging.url, format: 'json' }],
      options(log, { maxQueue: 3, maxAttempts: 1 }),
    );
    notifier.notify(Array.from({ length: 6 }, () => transition()));
    // One in flight, three waiting: two pushed out.
    expect(notifier.stats()[0]).toMatchObject({ queued: 4, dropped: { queueFull: 2 } });
    expect(log.messages().filter((m) => /queue full/.test(m))).toHaveLength(1);
    await notifier.idle();
    expect(log.messages()).toContainEqual(expect.stringMatching(/dropped 2 notifications while the queue was full$/));
  });
});
