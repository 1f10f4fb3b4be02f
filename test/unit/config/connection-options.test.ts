import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/config/brokers-from-env';
import { resolveConnection } from '@/lib/config/connection-options';
import { ClusterConfig } from '@/lib/config/schema';
import { withTempDir } from '../../helpers/temp-dir';

const PASSWORD = 'Pa55-w0rd-never-print-me';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

const { write: writeFile, pathOf } = withTempDir('watermark-connection');

/** A validated cluster config (defaults filled in) with id "prod" unless overridden. */
function cluster(overrides: Record<string, unknown> = {}): ClusterConfig {
  return ClusterConfig.parse({ id: 'prod', brokers: ['p1:9092', 'p2:9092'], ...overrides });
}

function sasl(password: unknown): Record<string, unknown> {
  return { mechanism: 'SCRAM-SHA-256', username: 'watermark', password };
}

/** The ConfigError message thrown by `fn`; fails the test if nothing (or something else) is thrown. */
function errorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('resolveConnection', () => {
  it('passes brokers and the request timeout through, with no tls or sasl when none is configured', () => {
    const resolved = resolveConnection(cluster({ requestTimeoutMs: 1234 }), {});
    expect(resolved).toEqual({ brokers: ['p1:9092', 'p2:9092'], requestTimeoutMs: 1234 });
  });

  it('turns tls: true into rejectUnauthorized true with the system trust store', () => {
    const resolved = resolveConnection(cluster({ tls: true }), {});
    expect(resolved.tls).toEqual({ rejectUnauthorized: true });
  });

  it('reads the CA file and defaults rejectUnauthorized to true', () => {
    const caFile = writeFile('ca.pem', CA_PEM);
    const resolved = resolveConnection(cluster({ tls: { caFile, servername: 'kafka.internal' } }), {});
    expect(resolved.tls?.ca).toBe(CA_PEM);
    expect(resolved.tls?.rejectUnauthorized).toBe(true);
    expect(resolved.tls?.servername).toBe('kafka.internal');
    expect(resolved.tls?.cert).toBeUndefined();
    expect(resolved.tls?.key).toBeUndefined();
  });

  it('keeps rejectUnauthorized false when the config asks for it', () => {
    const resolved = resolveConnection(cluster({ tls: { rejectUnauthorized: false } }), {});
    expect(resolved.tls?.rejectUnauthorized).toBe(false);
  });

  it('reads the client certificate, key and key password', () => {
    const certFile = writeFile('client.crt', 'CERT');
    const keyFile = writeFile('client.key', 'KEY');
    const resolved = resolveConnection(cluster({ tls: { certFile, keyFile, keyPassword: { env: 'KEY_PW' } } }), {
      KEY_PW: 'kp',
    });
    expect(resolved.tls).toMatchObject({ cert: 'CERT', key: 'KEY', passphrase: 'kp', rejectUnauthorized: true });
  });

  it('names the cluster and field when the CA file cannot be read', () => {
    const missing = pathOf('missing-ca.pem');
    const message = errorMessage(() => resolveConnection(cluster({ tls: { caFile: missing } }), {}));
    expect(message).toContain('cluster "prod"');
    expect(message).toContain('tls.caFile');
    expect(message).toContain(missing);
    expect(message).toContain('ENOENT');
  });

  it('reads the SASL password from the named environment variable', () => {
    const resolved = resolveConnection(cluster({ sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), {
      KAFKA_PASSWORD: PASSWORD,
    });
    expect(resolved.sasl).toEqual({ mechanism: 'SCRAM-SHA-256', username: 'watermark', password: PASSWORD });
  });

  it('reads the SASL password from a file, dropping the trailing newline', () => {
    const file = writeFile('sasl-password', `${PASSWORD}\n`);
    const resolved = resolveConnection(cluster({ sasl: sasl({ file }) }), {});
    expect(resolved.sasl?.password).toBe(PASSWORD);
  });

  it('names the cluster, the field sasl.password and the variable when the variable is not set', () => {
    const message = errorMessage(() =>
      resolveConnection(cluster({ sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), { OTHER: PASSWORD }),
    );
    expect(message).toContain('cluster "prod"');
    expect(message).toContain('sasl.password');
    expect(message).toContain('KAFKA_PASSWORD');
    expect(message).not.toContain(PASSWORD);
  });

  it('names the cluster and field sasl.password when the password file cannot be read', () => {
    const missing = pathOf('missing-password');
    const message = errorMessage(() => resolveConnection(cluster({ sasl: sasl({ file: missing }) }), {}));
    expect(message).toContain('cluster "prod"');
    expect(message).toContain('sasl.password');
    expect(message).toContain(missing);
  });

  it('does not put the SASL password in the error when the CA file is missing', () => {
    const missing = pathOf('also-missing-ca.pem');
    const message = errorMessage(() =>
      resolveConnection(cluster({ tls: { caFile: missing }, sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), {
        KAFKA_PASSWORD: PASSWORD,
      }),
    );
    expect(message).toContain('tls.caFile');
    expect(message).not.toContain(PASSWORD);
  });

  it('does not put the key password in the error when the SASL variable is missing', () => {
    const message = errorMessage(() =>
      resolveConnection(cluster({ tls: { keyPassword: { env: 'KEY_PW' } }, sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), {
        KEY_PW: PASSWORD,
      }),
    );
    expect(message).toContain('sasl.password');
    expect(message).not.toContain(PASSWORD);
  });
});
