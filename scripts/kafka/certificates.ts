/**
 * The local cluster's TLS material, made once with openssl under `.kafka/tls/`:
 *
 * - `ca.pem`: the private CA every broker and client certificate below is signed by;
 * - `broker-keystore.pem`: the brokers' key (PKCS#8) and certificate for 127.0.0.1 and localhost;
 * - `client.pem` + `client.key`: a client certificate for mutual TLS, its key encrypted with
 *   the password in `client-key-password`;
 * - `stranger.pem` + `stranger.key`: a client certificate from another CA, which brokers refuse.
 *
 * Nothing here is secret beyond the local test cluster; the folder is git-ignored.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { KAFKA_HOME } from './layout';

export const TLS_DIR = path.join(KAFKA_HOME, 'tls');

export const tlsFiles = {
  ca: path.join(TLS_DIR, 'ca.pem'),
  brokerKeystore: path.join(TLS_DIR, 'broker-keystore.pem'),
  clientCert: path.join(TLS_DIR, 'client.pem'),
  clientKey: path.join(TLS_DIR, 'client.key'),
  clientKeyPassword: path.join(TLS_DIR, 'client-key-password'),
  strangerCert: path.join(TLS_DIR, 'stranger.pem'),
  strangerKey: path.join(TLS_DIR, 'stranger.key'),
};

/** The client certificate's subject: the principal brokers see on the mutual-TLS listener. */
export const CLIENT_CERT_PRINCIPAL = 'User:CN=watermark-client';

const CLIENT_KEY_PASSWORD = 'local-client-key';
const DAYS = '3650';

function openssl(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error) {
    throw new Error(`openssl is needed to make the local cluster's certificates: ${result.error.message}`);
  }
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr.trim()}`);
}

/** A CA: self-signed certificate and its key. */
function makeCa(dir: string, name: string, subject: string): void {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`]
      .concat(['-days', DAYS, '-subj', subject, '-addext', 'basicConstraints=critical,CA:TRUE'])
      .concat(['-addext', 'keyUsage=critical,keyCertSign,cRLSign']),
    dir,
  );
}

/** A leaf certificate signed by `ca`, with its unencrypted key in `${name}.raw.key`. */
function makeLeaf(dir: string, name: string, ca: string, subject: string, extensions: string): void {
  openssl(
    ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.raw.key`, '-out', `${name}.csr`, '-subj', subject],
    dir,
  );
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial'].concat([
      '-out',
      `${name}.pem`,
      '-days',
      DAYS,
      '-extfile',
      `${name}.ext`,
    ]),
    dir,
  );
}

/** Makes the files once; later calls find them in place. */
export function ensureCertificates(): typeof tlsFiles {
  if (Object.values(tlsFiles).every((file) => fs.existsSync(file))) return tlsFiles;
  fs.mkdirSync(KAFKA_HOME, { recursive: true });
  const work = fs.mkdtempSync(path.join(KAFKA_HOME, 'tls-'));
  try {
    makeCa(work, 'ca', '/CN=Watermark local CA');
    makeCa(work, 'other-ca', '/CN=Some other CA');
    makeLeaf(
      work,
      'broker',
      'ca',
      '/CN=localhost',
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n',
    );
    makeLeaf(work, 'client', 'ca', '/CN=watermark-client', 'extendedKeyUsage=clientAuth\n');
    makeLeaf(work, 'stranger', 'other-ca', '/CN=watermark-client', 'extendedKeyUsage=clientAuth\n');
    // Kafka's PEM key store wants a PKCS#8 key followed by the certificate.
    openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'broker.raw.key', '-out', 'broker.p8'], work);
    fs.writeFileSync(
      path.join(work, 'broker-keystore.pem'),
      fs.readFileSync(path.join(work, 'broker.p8'), 'utf8') + fs.readFileSync(path.join(work, 'broker.pem'), 'utf8'),
    );
    openssl(
      ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', 'client.raw.key', '-out', 'client.key'].concat([
        '-passout',
        `pass:${CLIENT_KEY_PASSWORD}`,
      ]),
      work,
    );
    fs.writeFileSync(path.join(work, 'client-key-password'), `${CLIENT_KEY_PASSWORD}\n`);
    fs.copyFileSync(path.join(work, 'stranger.raw.key'), path.join(work, 'stranger.key'));
    fs.mkdirSync(TLS_DIR, { recursive: true });
    for (const file of Object.values(tlsFiles)) fs.copyFileSync(path.join(work, path.basename(file)), file);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return tlsFiles;
}
