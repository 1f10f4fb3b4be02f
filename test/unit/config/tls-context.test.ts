import tls from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConnection } from '@/lib/config/connection-options';
import { ClusterConfig } from '@/lib/config/schema';
import { withTempDir } from '../../helpers/temp-dir';
import { makeTlsFixtures, notAfter, type TlsFixtures } from '../../helpers/tls-fixtures';
import { configErrorMessage as errorMessage } from '../../helpers/config-error';

const CONFIG_FILE = '/etc/watermark.yaml';
/** Node's SecureContext class, which @types/node declares as an interface only. */
const SecureContext = tls.createSecureContext().constructor;
const PREFIX = `${CONFIG_FILE}: cluster "prod": `;

const { write, pathOf } = withTempDir('watermark-tls');
let files: TlsFixtures;
beforeAll(() => {
  files = makeTlsFixtures(pathOf);
});

function cluster(tlsConfig: unknown): ClusterConfig {
  return ClusterConfig.parse({ id: 'prod', brokers: ['p1:9093'], tls: tlsConfig });
}

/** The client certificate of the local CA, its key decrypted with the password in KEY_PW. */
function mutualTls(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caFile: files.ca,
    certFile: files.clientCert,
    keyFile: files.clientKey,
    keyPassword: { env: 'KEY_PW' },
    ...overrides,
  };
}

function resolve(tlsConfig: unknown, nowMs = Date.now()) {
  const env = { WATERMARK_CONFIG: CONFIG_FILE, KEY_PW: files.clientKeyPassword };
  return resolveConnection(cluster(tlsConfig), env, nowMs);
}

describe('resolveConnection with TLS files', () => {
  it('builds one secure context from the CA, the client certificate and the decrypted key', () => {
    const resolved = resolve(mutualTls({ servername: 'kafka.internal' }));
    expect(resolved.tls?.secureContext).toBeInstanceOf(SecureContext);
    expect(resolved.tls).toEqual({
      secureContext: resolved.tls?.secureContext,
      servername: 'kafka.internal',
      rejectUnauthorized: true,
    });
    expect(resolved.clientCertificate).toEqual({ subject: 'CN=watermark-client', validTo: notAfter(files.clientCert) });
  });

  it('builds a context on the default CAs for tls: true, and for a tls block without files', () => {
    expect(resolve(true).tls?.secureContext).toBeInstanceOf(SecureContext);
    const resolved = resolve({ rejectUnauthorized: false });
    expect(resolved.tls?.rejectUnauthorized).toBe(false);
    expect(resolved.clientCertificate).toBeUndefined();
  });

  it('accepts a key that is not encrypted, without keyPassword', () => {
    const resolved = resolve({ certFile: files.strangerCert, keyFile: files.strangerKey });
    expect(resolved.clientCertificate?.subject).toBe('CN=watermark-client');
  });

  it('decrypts a key in OpenSSL’s older format, and says so when the password is wrong', () => {
    const legacy = { certFile: files.strangerCert, keyFile: files.legacyKey };
    const password = write('legacy-password', `${files.legacyKeyPassword}\n`);
    expect(resolve({ ...legacy, keyPassword: { file: password } }).clientCertificate).toBeDefined();
    expect(errorMessage(() => resolve({ ...legacy, keyPassword: { env: 'KEY_PW' } }))).toBe(
      `${PREFIX}tls.keyPassword: cannot decrypt tls.keyFile (${files.legacyKey})`,
    );
    expect(errorMessage(() => resolve(legacy))).toBe(
      `${PREFIX}tls.keyFile: ${files.legacyKey} is encrypted: give tls.keyPassword`,
    );
  });

  it('refuses an empty caFile', () => {
    expect(errorMessage(() => resolve({ caFile: files.empty }))).toBe(
      `${PREFIX}tls.caFile: no PEM certificate in ${files.empty} (the file is empty)`,
    );
  });

  it('refuses a PKCS#12 store as caFile, saying it is binary', () => {
    expect(errorMessage(() => resolve({ caFile: files.pkcs12 }))).toBe(
      `${PREFIX}tls.caFile: no PEM certificate in ${files.pkcs12} (a binary file: PKCS#12 or DER? convert it to PEM with openssl)`,
    );
  });

  it('refuses a caFile that holds a key and no certificate', () => {
    expect(errorMessage(() => resolve({ caFile: files.strangerKey }))).toBe(
      `${PREFIX}tls.caFile: no PEM certificate in ${files.strangerKey}`,
    );
  });

  it('refuses a caFile whose certificate block cannot be parsed', () => {
    expect(errorMessage(() => resolve({ caFile: files.damagedCert }))).toBe(
      `${PREFIX}tls.caFile: PEM certificate 1 in ${files.damagedCert} cannot be parsed`,
    );
  });

  it('names the file and the error code of a caFile that cannot be read', () => {
    const missing = pathOf('missing-ca.pem');
    expect(errorMessage(() => resolve({ caFile: missing }))).toBe(
      `${PREFIX}tls.caFile: cannot read ${missing} (ENOENT)`,
    );
  });

  it('refuses a certFile that holds no certificate', () => {
    expect(errorMessage(() => resolve(mutualTls({ certFile: files.clientKey })))).toBe(
      `${PREFIX}tls.certFile: no PEM certificate in ${files.clientKey}`,
    );
  });

  it('refuses a keyFile that holds no private key', () => {
    expect(errorMessage(() => resolve(mutualTls({ keyFile: files.clientCert })))).toBe(
      `${PREFIX}tls.keyFile: no PEM private key in ${files.clientCert}`,
    );
  });

  it('refuses a certFile without keyFile, and a keyFile without certFile', () => {
    expect(errorMessage(() => resolve({ certFile: files.clientCert }))).toBe(
      `${PREFIX}tls.certFile: given without tls.keyFile: give both or neither`,
    );
    expect(errorMessage(() => resolve({ keyFile: files.strangerKey }))).toBe(
      `${PREFIX}tls.keyFile: given without tls.certFile: give both or neither`,
    );
  });

  it('refuses a keyPassword without a keyFile', () => {
    expect(errorMessage(() => resolve({ keyPassword: { env: 'KEY_PW' } }))).toBe(
      `${PREFIX}tls.keyPassword: given without tls.keyFile`,
    );
  });

  it('asks for keyPassword when the key is encrypted', () => {
    expect(errorMessage(() => resolve(mutualTls({ keyPassword: undefined })))).toBe(
      `${PREFIX}tls.keyFile: ${files.clientKey} is encrypted: give tls.keyPassword`,
    );
  });

  it('says the key password cannot decrypt the key, instead of OpenSSL’s "bad decrypt"', () => {
    const wrongPassword = write('wrong-key-password', 'not-the-password\n');
    expect(errorMessage(() => resolve(mutualTls({ keyPassword: { file: wrongPassword } })))).toBe(
      `${PREFIX}tls.keyPassword: cannot decrypt tls.keyFile (${files.clientKey})`,
    );
  });

  it('refuses a key that belongs to another certificate', () => {
    const message = errorMessage(() => resolve(mutualTls({ keyFile: files.strangerKey, keyPassword: undefined })));
    expect(message).toBe(
      `${PREFIX}tls.keyFile: ${files.strangerKey} is not the key of the certificate in tls.certFile (${files.clientCert})`,
    );
  });

  it('refuses a client certificate that has expired, with its date', () => {
    const afterExpiry = Date.parse(notAfter(files.clientCert)) + 1000;
    expect(errorMessage(() => resolve(mutualTls(), afterExpiry))).toBe(
      `${PREFIX}tls.certFile: the certificate in ${files.clientCert} expired on ${notAfter(files.clientCert)}`,
    );
    expect(resolve(mutualTls(), afterExpiry - 2000).clientCertificate).toBeDefined();
  });

  it('names the variable of a key password that is not set', () => {
    const message = errorMessage(() =>
      resolveConnection(cluster(mutualTls()), { WATERMARK_CONFIG: CONFIG_FILE }, Date.now()),
    );
    expect(message).toBe(`${PREFIX}tls.keyPassword: environment variable KEY_PW is not set`);
  });
});
