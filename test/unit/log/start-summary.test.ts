import { describe, expect, it } from 'vitest';
import { parseConfigText } from '@/lib/config/load-config';
import { startSummary } from '@/lib/log/start-summary';

const config = parseConfigText(
  JSON.stringify({
    clusters: [
      {
        id: 'prod',
        brokers: ['kafka-1:9093', 'kafka-2:9093', 'kafka-3:9093'],
        tls: true,
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'watermark', password: { env: 'PROD_KAFKA_PASSWORD' } },
        webhooks: [{ url: 'https://hooks.slack.com/services/T0/B0/secret-token', format: 'slack' }],
      },
      { id: 'dev', brokers: ['localhost:9092'], pollIntervalMs: 5000 },
    ],
    history: { horizonDays: 3 },
    publicUrl: 'https://ops:pw-in-url@watermark.example.com/?token=abc',
  }),
  'watermark.json',
);

const input = {
  config,
  configFile: '/etc/watermark/watermark.json',
  dataDir: '/var/lib/watermark',
  historyOff: null,
  version: '0.1.0',
  nodeVersion: 'v20.19.0',
  logLevel: 'info',
};
const summary = startSummary(input);

describe('startSummary', () => {
  it('lists each cluster with its broker count, TLS, SASL mechanism and user, poll interval and webhooks', () => {
    expect(summary.fields.clusters).toEqual([
      {
        id: 'prod',
        brokers: 3,
        tls: true,
        sasl: { mechanism: 'SCRAM-SHA-512', username: 'watermark' },
        pollIntervalMs: 10_000,
        webhooks: 1,
      },
      { id: 'dev', brokers: 1, tls: false, sasl: null, pollIntervalMs: 5_000, webhooks: 0 },
    ]);
    expect(summary.fields).toMatchObject({
      version: '0.1.0',
      configFile: '/etc/watermark/watermark.json',
      history: { dataDir: '/var/lib/watermark', horizonDays: 3, fullResolutionMinutes: 60, required: true, off: null },
      publicUrl: 'https://watermark.example.com/',
    });
  });

  it('says the same in one sentence', () => {
    expect(summary.msg).toBe(
      'Watermark 0.1.0 started: collecting from prod (3 bootstrap brokers, TLS, SASL SCRAM-SHA-512 as watermark, every 10 s, 1 webhook), dev (1 bootstrap broker, every 5 s); history in /var/lib/watermark, kept 3 days; no sign-in (auth.mode none)',
    );
  });

  it('says how people sign in, with counts and never a hash or token', () => {
    const basic = parseConfigText(
      JSON.stringify({
        clusters: [{ id: 'dev', brokers: ['localhost:9092'] }],
        auth: {
          mode: 'basic',
          users: [{ username: 'ann', passwordHash: `$2b$04$${'a'.repeat(53)}`, roles: ['operator'] }],
          tokens: [{ name: 'ci', token: { env: 'WATERMARK_CI_TOKEN' }, role: 'viewer' }],
          sessionSecret: { env: 'WATERMARK_SESSION_SECRET' },
        },
      }),
      'watermark.json',
    );
    const signed = startSummary({ ...input, config: basic });
    expect(signed.fields.auth).toEqual({ mode: 'basic', users: 1, usersFile: null, grants: 0, tokens: 1 });
    expect(signed.msg).toMatch(/; sign-in: basic$/);
    expect(JSON.stringify(signed)).not.toMatch(/\$2b\$|WATERMARK_CI_TOKEN|WATERMARK_SESSION_SECRET/);
  });

  it('holds no secret: no password reference, webhook URL, or credentials in the public URL', () => {
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/PROD_KAFKA_PASSWORD|password|secret-token|hooks\.slack\.com|pw-in-url|token=abc/);
  });
});
