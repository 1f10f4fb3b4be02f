import fs from 'node:fs';
import tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '@/lib/config/brokers-from-env';
import { ConnectionSettings } from '@/lib/config/connection-settings';
import { ClusterConfig } from '@/lib/config/schema';
import { withTempDir } from '../../helpers/temp-dir';
import { makeTlsFixtures, type TlsFixtures } from '../../helpers/tls-fixtures';

const CONFIG_FILE = '/etc/watermark.yaml';

const { pathOf } = withTempDir('watermark-settings');
let files: TlsFixtures;
beforeAll(() => {
  files = makeTlsFixtures(pathOf);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Copies of the client certificate, key and password, so a test can rotate them. */
function rotatable(name: string) {
  const paths = { cert: pathOf(`${name}.pem`), key: pathOf(`${name}.key`), password: pathOf(`${name}-password`) };
  fs.copyFileSync(files.clientCert, paths.cert);
  fs.copyFileSync(files.clientKey, paths.key);
  fs.writeFileSync(paths.password, `${files.clientKeyPassword}\n`);
  return paths;
}

function settingsFor(paths: { cert: string; key: string; password: string }, env: Record<string, string> = {}) {
  const cluster = ClusterConfig.parse({
    id: 'prod',
    brokers: ['p1:9093'],
    tls: { caFile: files.ca, certFile: paths.cert, keyFile: paths.key, keyPassword: { file: paths.password } },
    sasl: { mechanism: 'SCRAM-SHA-512', username: 'watermark', password: { env: 'KAFKA_PASSWORD' } },
  });
  return new ConnectionSettings(cluster, { WATERMARK_CONFIG: CONFIG_FILE, KAFKA_PASSWORD: 'first', ...env });
}

/** A cluster with SASL PLAIN and its password in KAFKA_PASSWORD, no TLS. */
function plainSasl(): ClusterConfig {
  return ClusterConfig.parse({
    id: 'prod',
    brokers: ['p1:9092'],
    sasl: { mechanism: 'PLAIN', username: 'watermark', password: { env: 'KAFKA_PASSWORD' } },
  });
}

describe('ConnectionSettings', () => {
  it('throws a ConfigError at construction when a file is bad, as resolveConnection does', () => {
    const paths = rotatable('bad-at-start');
    fs.writeFileSync(paths.password, 'wrong\n');
    expect(() => settingsFor(paths)).toThrow(ConfigError);
    expect(() => settingsFor(paths)).toThrow(
      `${CONFIG_FILE}: cluster "prod": tls.keyPassword: cannot decrypt tls.keyFile (${paths.key})`,
    );
  });

  it('keeps the same settings, without building a context, when nothing changed', () => {
    const settings = settingsFor(rotatable('unchanged'));
    const before = settings.current();
    const build = vi.spyOn(tls, 'createSecureContext');
    expect(settings.reload()).toEqual({ changed: false });
    expect(settings.current()).toBe(before);
    expect(build).not.toHaveBeenCalled();
  });

  it('builds a new context when a TLS file was rewritten with other contents', () => {
    const paths = rotatable('rotated');
    const settings = settingsFor(paths);
    const before = settings.current();
    fs.copyFileSync(files.strangerCert, paths.cert);
    fs.copyFileSync(files.strangerKey, paths.key);
    const build = vi.spyOn(tls, 'createSecureContext');
    expect(settings.reload()).toEqual({ changed: true });
    expect(build).toHaveBeenCalledTimes(1);
    expect(settings.current()).not.toBe(before);
    expect(settings.current().tls?.secureContext).not.toBe(before.tls?.secureContext);
    expect(settings.current().sasl).toEqual(before.sasl);
  });

  it('reads a rotated environment variable, trimmed like a file', () => {
    const env: Record<string, string> = { KAFKA_PASSWORD: 'first' };
    const settings = new ConnectionSettings(plainSasl(), env);
    env.KAFKA_PASSWORD = 'second\n';
    expect(settings.reload()).toEqual({ changed: true });
    expect(settings.current().sasl?.password).toBe('second');
  });

  it('keeps the last good settings when the new files do not go together, and says why', () => {
    const paths = rotatable('half-rotated');
    const settings = settingsFor(paths);
    const before = settings.current();
    // A rotation caught halfway: the new certificate is there, its key not yet.
    fs.copyFileSync(files.strangerCert, paths.cert);
    const result = settings.reload();
    expect(result.changed).toBe(false);
    expect(result.error).toBeInstanceOf(ConfigError);
    expect(result.error?.message).toBe(
      `${CONFIG_FILE}: cluster "prod": tls.keyFile: ${paths.key} is not the key of the certificate in tls.certFile (${paths.cert})`,
    );
    expect(settings.current()).toBe(before);
  });

  it('gives the same error again without rebuilding while the bad files stay as they are', () => {
    const paths = rotatable('stays-bad');
    const settings = settingsFor(paths);
    fs.writeFileSync(paths.password, 'wrong\n');
    const first = settings.reload();
    const build = vi.spyOn(tls, 'createSecureContext');
    expect(settings.reload()).toEqual(first);
    expect(build).not.toHaveBeenCalled();
    expect(first.error?.message).toContain('tls.keyPassword: cannot decrypt tls.keyFile');
  });

  it('takes the files once the rotation completes', () => {
    const paths = rotatable('completes');
    const settings = settingsFor(paths);
    fs.copyFileSync(files.strangerCert, paths.cert);
    expect(settings.reload().error).toBeDefined();
    fs.copyFileSync(files.strangerKey, paths.key);
    expect(settings.reload()).toEqual({ changed: true });
    expect(settings.reload()).toEqual({ changed: false });
  });

  it('reports a file that went missing, and keeps the settings', () => {
    const paths = rotatable('missing');
    const settings = settingsFor(paths);
    const before = settings.current();
    fs.rmSync(paths.password);
    expect(settings.reload().error?.message).toBe(
      `${CONFIG_FILE}: cluster "prod": tls.keyPassword: cannot read ${paths.password} (ENOENT)`,
    );
    expect(settings.current()).toBe(before);
  });

  it('reports an environment variable that was unset, naming no config file when there is none', () => {
    const env: Record<string, string | undefined> = { KAFKA_PASSWORD: 'first' };
    const settings = new ConnectionSettings(plainSasl(), env);
    delete env.KAFKA_PASSWORD;
    expect(settings.reload().error?.message).toBe(
      'cluster "prod": sasl.password: environment variable KAFKA_PASSWORD is not set',
    );
    expect(settings.current().sasl?.password).toBe('first');
  });
});
