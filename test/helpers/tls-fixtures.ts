/**
 * TLS files for the config tests: the local cluster's certificates (made with openssl if
 * missing) and files that are not what their field says, written to a test's temp folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureCertificates } from '../../scripts/kafka/certificates';

export interface TlsFixtures {
  ca: string;
  clientCert: string;
  /** Encrypted (PKCS#8) with `clientKeyPassword`. */
  clientKey: string;
  clientKeyPassword: string;
  /** A client certificate and unencrypted key from another CA. */
  strangerCert: string;
  strangerKey: string;
  /** The stranger's key in OpenSSL's older format (BEGIN RSA PRIVATE KEY), encrypted with `legacyKeyPassword`. */
  legacyKey: string;
  legacyKeyPassword: string;
  /** The client certificate and key in a PKCS#12 store (binary). */
  pkcs12: string;
  empty: string;
  /** A PEM block that says CERTIFICATE but holds no certificate. */
  damagedCert: string;
}

function openssl(args: string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr || result.error?.message}`);
}

/** Writes the bad files with `pathOf` (a temp folder's namer); call it in beforeAll. */
export function makeTlsFixtures(pathOf: (name: string) => string): TlsFixtures {
  const files = ensureCertificates();
  const pkcs12 = pathOf('client.p12');
  openssl(
    ['pkcs12', '-export', '-in', files.clientCert, '-inkey', files.clientKey, '-out', pkcs12].concat([
      '-passin',
      `file:${files.clientKeyPassword}`,
      '-passout',
      'pass:store-password',
    ]),
  );
  const legacyKey = pathOf('legacy.key');
  const legacyKeyPassword = 'legacy-key-password';
  openssl(
    ['rsa', '-in', files.strangerKey, '-aes256', '-traditional', '-out', legacyKey].concat([
      '-passout',
      `pass:${legacyKeyPassword}`,
    ]),
  );
  const empty = pathOf('empty.pem');
  fs.writeFileSync(empty, '');
  const damagedCert = pathOf('damaged.pem');
  fs.writeFileSync(damagedCert, '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n');
  return {
    ca: files.ca,
    clientCert: files.clientCert,
    clientKey: files.clientKey,
    clientKeyPassword: fs.readFileSync(files.clientKeyPassword, 'utf8').trimEnd(),
    strangerCert: files.strangerCert,
    strangerKey: files.strangerKey,
    legacyKey,
    legacyKeyPassword,
    pkcs12,
    empty,
    damagedCert,
  };
}

/** The certificate's notAfter as openssl reads it, in ISO 8601 without milliseconds. */
export function notAfter(certFile: string): string {
  const result = spawnSync('openssl', ['x509', '-enddate', '-noout', '-in', certFile], { encoding: 'utf8' });
  const date = new Date(result.stdout.trim().replace(/^notAfter=/, ''));
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
