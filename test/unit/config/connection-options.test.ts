import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection, webhookTargets } from '@/lib/config/connection-options';
import { ClusterConfig } from '@/lib/config/schema';
import { withTempDir } from '../../helpers/temp-dir';
import { makeTlsFixtures, type TlsFixtures } from '../../helpers/tls-fixtures';
import { configErrorMessage as errorMessage } from '../../helpers/config-error';

const PASSWORD = 'Pa55-w0rd-never-print-me';
const CONFIG_FILE = '/etc/watermark.yaml';
const PREFIX = `${CONFIG_FILE}: cluster "prod": `;

const { write: writeFile, pathOf } = withTempDir('watermark-connection');
let files: TlsFixtures;
beforeAll(() => {
  files = makeTlsFixtures(pathOf);
});

/** A validated cluster config (defaults filled in) with id "prod" unless overridden. */
function cluster(overrides: Record<string, unknown> = {}): ClusterConfig {
  return ClusterConfig.parse({ id: 'prod', brokers: ['p1:9092', 'p2:9092'], ...overrides });
}

function sasl(password: unknown): Record<string, unknown> {
  return { mechanism: 'SCRAM-SHA-256', username: 'watermark', password };
}

describe('resolveConnection', () => {
  it('passes brokers and the request timeout through, with no tls or sasl when none is configured', () => {
    const resolved = resolveConnection(cluster({ requestTimeoutMs: 1234 }), {});
    expect(resolved).toEqual({ brokers: ['p1:9092', 'p2:9092'], requestTimeoutMs: 1234 });
  });

  it('reads the SASL password from the named environment variable', () => {
    const resolved = resolveConnection(cluster({ sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), {
      KAFKA_PASSWORD: PASSWORD,
    });
    expect(resolved.sasl).toEqual({ mechanism: 'SCRAM-SHA-256', username: 'watermark', password: PASSWORD });
  });

  it('drops trailing whitespace from a password in a file or a variable alike, and keeps leading spaces', () => {
    const file = writeFile('sasl-password', `${PASSWORD}\n`);
    expect(resolveConnection(cluster({ sasl: sasl({ file }) }), {}).sasl?.password).toBe(PASSWORD);
    const fromEnv = resolveConnection(cluster({ sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), {
      KAFKA_PASSWORD: ` ${PASSWORD} \r\n`,
    });
    expect(fromEnv.sasl?.password).toBe(` ${PASSWORD}`);
  });

  it('names the config file, the cluster, the field and the variable when the variable is not set', () => {
    const message = errorMessage(() =>
      resolveConnection(cluster({ sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), {
        WATERMARK_CONFIG: CONFIG_FILE,
        OTHER: PASSWORD,
      }),
    );
    expect(message).toBe(`${PREFIX}sasl.password: environment variable KAFKA_PASSWORD is not set`);
  });

  it('refuses a password that is empty once trimmed, from a variable or a file', () => {
    const env = { WATERMARK_CONFIG: CONFIG_FILE, KAFKA_PASSWORD: '\n' };
    expect(errorMessage(() => resolveConnection(cluster({ sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), env))).toBe(
      `${PREFIX}sasl.password: environment variable KAFKA_PASSWORD is empty`,
    );
    const file = writeFile('empty-password', ' \n');
    expect(errorMessage(() => resolveConnection(cluster({ sasl: sasl({ file }) }), env))).toBe(
      `${PREFIX}sasl.password: ${file} is empty`,
    );
  });

  it('names the config file, the cluster, the field and the path when the password file cannot be read', () => {
    const missing = pathOf('missing-password');
    const message = errorMessage(() =>
      resolveConnection(cluster({ sasl: sasl({ file: missing }) }), { WATERMARK_CONFIG: CONFIG_FILE }),
    );
    expect(message).toBe(`${PREFIX}sasl.password: cannot read ${missing} (ENOENT)`);
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
    const tls = { certFile: files.clientCert, keyFile: files.clientKey, keyPassword: { env: 'KEY_PW' } };
    const message = errorMessage(() =>
      resolveConnection(cluster({ tls, sasl: sasl({ env: 'KAFKA_PASSWORD' }) }), { KEY_PW: files.clientKeyPassword }),
    );
    expect(message).toBe('cluster "prod": sasl.password: environment variable KAFKA_PASSWORD is not set');
    expect(message).not.toContain(files.clientKeyPassword);
  });
});

describe('webhookTargets', () => {
  it('reads a webhook URL from a variable, and names the webhook when the variable is not set', () => {
    const prod = cluster({ webhooks: [{ url: 'https://hooks.example.com/a' }, { url: { env: 'SLACK_URL' } }] });
    expect(webhookTargets(prod, { SLACK_URL: 'https://hooks.slack.com/x\n' }).map((t) => t.url)).toEqual([
      'https://hooks.example.com/a',
      'https://hooks.slack.com/x',
    ]);
    expect(errorMessage(() => webhookTargets(prod, { WATERMARK_CONFIG: CONFIG_FILE }))).toBe(
      `${PREFIX}webhooks[1].url: environment variable SLACK_URL is not set`,
    );
  });
});
