/**
 * The webhook notifier against real HTTP receivers on loopback: payloads, retries
 * with backoff, and a dead or slow receiver that must not hold anyone up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transition } from '@/lib/alerts/alert-types';
import {
  DEFAULT_NOTIFIER_OPTIONS,
  WebhookNotifier,
  type NotifierOptions,
} from '@/lib/alerts/notifiers/webhook-notifier';

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

interface Receiver {
  url: string;
  bodies: unknown[];
  close: () => Promise<void>;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A receiver answering with `statuses` in turn (200 once they run out), or never answering when `hang`. */
async function receiver(statuses: number[] = [], hang = false): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      if (hang) return;
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${SECRET_PATH}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function options(logs: string[], overrides: Partial<NotifierOptions> = {}): NotifierOptions {
  return {
    ...DEFAULT_NOTIFIER_OPTIONS,
    backoffMs: 20,
    maxBackoffMs: 100,
    timeoutMs: 300,
    log: (m) => logs.push(m),
    ...overrides,
  };
}

describe('WebhookNotifier', () => {
  it('posts a JSON body on fire and on resolve, and a Slack text to a Slack target', async () => {
    const json = await receiver();
    const slack = await receiver();
    const notifier = new WebhookNotifier(
      [
        { url: json.url, format: 'json' },
        { url: slack.url, format: 'slack' },
      ],
      options([], { baseUrl: 'https://watermark.example.com' }),
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
        text: ':red_circle: [FIRING] critical · prod: Broker 3 is unreachable. <https://watermark.example.com/clusters/prod/brokers|Open in Watermark>',
      },
      {
        text: ':white_check_mark: [RESOLVED] critical · prod: Broker 3 is unreachable. <https://watermark.example.com/clusters/prod/brokers|Open in Watermark>',
      },
    ]);
  });

  it('retries a failing receiver with backoff until it accepts, in order', async () => {
    const flaky = await receiver([500, 503]);
    const notifier = new WebhookNotifier([{ url: flaky.url, format: 'json' }], options([]));
    notifier.notify([transition('fired'), transition('resolved')]);
    await notifier.idle();
    expect((flaky.bodies as { event: string }[]).map((b) => b.event)).toEqual(['fired', 'fired', 'fired', 'resolved']);
  });

  it('never blocks the caller on a dead or hanging receiver, and never logs the secret in the URL', async () => {
    const dead = await receiver();
    await dead.close();
    const hanging = await receiver([], true);
    const logs: string[] = [];
    const notifier = new WebhookNotifier(
      [
        { url: dead.url, format: 'json' },
        { url: hanging.url, format: 'slack' },
      ],
      options(logs, { maxAttempts: 2 }),
    );
    const started = performance.now();
    for (let i = 0; i < 10; i++) notifier.notify([transition()]);
    const elapsedMs = performance.now() - started;
    // Queuing 20 notifications is bookkeeping only: far below one poll interval.
    expect(elapsedMs).toBeLessThan(50);
    await notifier.idle();
    expect(logs.some((l) => /gave up after 2 attempts \(unreachable\)/.test(l))).toBe(true);
    expect(logs.some((l) => /no answer within 300 ms/.test(l))).toBe(true);
    expect(logs.join('\n')).not.toContain('secret-token');
  }, 30_000);

  it('drops the oldest notifications rather than growing without bound', async () => {
    const hanging = await receiver([], true);
    const logs: string[] = [];
    const notifier = new WebhookNotifier(
      [{ url: hanging.url, format: 'json' }],
      options(logs, { maxQueue: 3, maxAttempts: 1 }),
    );
    notifier.notify(Array.from({ length: 6 }, () => transition()));
    expect(logs.filter((l) => /queue full/.test(l)).length).toBeGreaterThanOrEqual(2);
    await notifier.idle();
  });
});
