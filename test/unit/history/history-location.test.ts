import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/config/load-config';
import { HistoryConfig } from '@/lib/config/schema';
import { describeHistoryLocation, historyLocation } from '@/lib/history/history-location';

describe('where the history is kept', () => {
  it('is the SQLite file in the data directory unless history.postgres is set', () => {
    expect(historyLocation(HistoryConfig.parse({}), '/data', {}, undefined)).toEqual({
      kind: 'sqlite',
      dataDir: '/data',
    });
  });

  it('reads the PostgreSQL URL from its secret, with the query timeout and the lease TTL', () => {
    const config = HistoryConfig.parse({
      postgres: { url: { env: 'HISTORY_URL' }, queryTimeoutMs: 2000, leaseTtlMs: 6000 },
    });
    expect(historyLocation(config, '/data', { HISTORY_URL: 'postgres://w:pw@db:5432/watermark\n' }, undefined)).toEqual(
      { kind: 'postgres', url: 'postgres://w:pw@db:5432/watermark', queryTimeoutMs: 2000, leaseTtlMs: 6000 },
    );
  });

  it('names the config file and the field when the secret is missing', () => {
    const config = HistoryConfig.parse({ postgres: { url: { env: 'HISTORY_URL' } } });
    expect(() => historyLocation(config, '/data', {}, '/etc/watermark.yaml')).toThrow(
      new ConfigError('/etc/watermark.yaml: history.postgres.url: environment variable HISTORY_URL is not set'),
    );
  });

  it('is described without user or password', () => {
    expect(
      describeHistoryLocation({
        kind: 'postgres',
        url: 'postgres://w:secret@db.internal:5432/watermark',
        queryTimeoutMs: 1,
        leaseTtlMs: 10_000,
      }),
    ).toBe('postgres://db.internal:5432/watermark');
    expect(
      describeHistoryLocation({ kind: 'postgres', url: 'not a url', queryTimeoutMs: 1, leaseTtlMs: 10_000 }),
    ).not.toContain('not a url');
    expect(describeHistoryLocation({ kind: 'sqlite', dataDir: '/data' })).toBe('/data');
  });

  it('refuses an inline URL: it holds the password', () => {
    expect(HistoryConfig.safeParse({ postgres: { url: 'postgres://w:pw@db/watermark' } }).success).toBe(false);
  });
});
