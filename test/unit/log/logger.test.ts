import { describe, expect, it } from 'vitest';
import { logLevelFromEnv } from '@/lib/log/logger';
import { captureLog } from '../../helpers/log-capture';

describe('logLevelFromEnv', () => {
  it('is info when LOG_LEVEL is unset or blank', () => {
    expect(logLevelFromEnv({})).toEqual({ level: 'info', invalid: null });
    expect(logLevelFromEnv({ LOG_LEVEL: ' ' })).toEqual({ level: 'info', invalid: null });
  });

  it('reads a level in any case, silent included', () => {
    expect(logLevelFromEnv({ LOG_LEVEL: 'WARN' }).level).toBe('warn');
    expect(logLevelFromEnv({ LOG_LEVEL: 'silent' }).level).toBe('silent');
  });

  it('falls back to info for a value that is not a level, and says which', () => {
    expect(logLevelFromEnv({ LOG_LEVEL: 'verbose' })).toEqual({ level: 'info', invalid: 'verbose' });
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line with the level by name, an ISO time and the message', () => {
    const captured = captureLog('info');
    captured.logger.child({ cluster: 'prod' }).warn({ broker: 2 }, 'broker 2 failing');
    captured.logger.debug('not written at info');
    expect(captured.text().split('\n').filter(Boolean)).toHaveLength(1);
    expect(captured.records()[0]).toMatchObject({
      level: 'warn',
      name: 'watermark',
      cluster: 'prod',
      broker: 2,
      msg: 'broker 2 failing',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it('blanks password, url and authorization fields should an object carrying one be logged', () => {
    const captured = captureLog();
    captured.logger.info(
      {
        sasl: { mechanism: 'PLAIN', username: 'watermark', password: 'hunter2' },
        webhook: { url: 'https://hooks.slack.com/services/T0/B0/secret-token' },
        authorization: 'Bearer abc',
      },
      'an object with secrets',
    );
    const text = captured.text();
    expect(text).not.toMatch(/hunter2|secret-token|Bearer abc/);
    expect(captured.records()[0]).toMatchObject({
      sasl: { username: 'watermark', password: '[redacted]' },
      webhook: { url: '[redacted]' },
    });
  });
});
