/**
 * The TLS context of a cluster, built once from its files, so that a file that is not
 * what its field says stops the server with the field's name instead of failing every
 * handshake later with OpenSSL's words ("bad decrypt", "self-signed certificate in
 * certificate chain" for a CA file that holds no certificate).
 */
import crypto from 'node:crypto';
import tls from 'node:tls';
import type { ConfigError } from './brokers-from-env';
import type { ConfigInputs } from './config-inputs';
import type { TlsConfig } from './schema';
import { clusterConfigError, errorCode, readSecret, type ClusterSource } from './secrets';

/** What tls.connect needs: handed unchanged to the Kafka client's connections. */
export interface ResolvedTls {
  secureContext: tls.SecureContext;
  servername?: string;
  rejectUnauthorized: boolean;
}

/** The client certificate presented to the brokers, for messages. */
export interface ClientCertificate {
  subject: string;
  /** ISO 8601, UTC. */
  validTo: string;
}

type FileField = 'tls.caFile' | 'tls.certFile' | 'tls.keyFile';

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const KEY_PEM = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----/;

/** Why a file holds no PEM block of the kind wanted, when it can be told. */
function whyNoPem(bytes: Buffer): string {
  if (bytes.length === 0) return ' (the file is empty)';
  // PKCS#12 and DER files are ASN.1: they start with a SEQUENCE tag and are not text.
  if (bytes[0] === 0x30 || bytes.includes(0)) return ' (a binary file: PKCS#12 or DER? convert it to PEM with openssl)';
  return '';
}

export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class TlsBuilder {
  constructor(
    private readonly inputs: ConfigInputs,
    private readonly source: ClusterSource,
    private readonly nowMs: number,
  ) {}

  private fail(field: string, problem: string): ConfigError {
    return clusterConfigError(this.source, field, problem);
  }

  private read(field: FileField, path: string): Buffer {
    try {
      return this.inputs.file(path);
    } catch (error) {
      throw this.fail(field, `cannot read ${path} (${errorCode(error)})`);
    }
  }

  /** The PEM certificates of a CA or certificate file, each checked to parse. */
  private certificates(field: 'tls.caFile' | 'tls.certFile', path: string): crypto.X509Certificate[] {
    const bytes = this.read(field, path);
    const blocks = bytes.toString('latin1').match(CERTIFICATE_PEM) ?? [];
    if (blocks.length === 0) throw this.fail(field, `no PEM certificate in ${path}${whyNoPem(bytes)}`);
    return blocks.map((block, i) => {
      try {
        return new crypto.X509Certificate(block);
      } catch {
        throw this.fail(field, `PEM certificate ${i + 1} in ${path} cannot be parsed`);
      }
    });
  }

  /** The private key, decrypted with keyPassword when it is encrypted. */
  private privateKey(config: Exclude<TlsConfig, true>, path: string) {
    const bytes = this.read('tls.keyFile', path);
    const match = KEY_PEM.exec(bytes.toString('latin1'));
    if (!match) throw this.fail('tls.keyFile', `no PEM private key in ${path}${whyNoPem(bytes)}`);
    const pem = match[0];
    // PKCS#8 says ENCRYPTED in its header; the older OpenSSL format in a Proc-Type line.
    const encrypted = match[1] === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(pem);
    const passphrase = config.keyPassword
      ? readSecret(config.keyPassword, 'tls.keyPassword', this.inputs, this.source)
      : undefined;
    if (encrypted && passphrase === undefined) {
      throw this.fail('tls.keyFile', `${path} is encrypted: give tls.keyPassword`);
    }
    try {
      return { pem, passphrase, key: crypto.createPrivateKey({ key: pem, passphrase }) };
    } catch {
      if (encrypted) throw this.fail('tls.keyPassword', `cannot decrypt tls.keyFile (${path})`);
      throw this.fail('tls.keyFile', `the private key in ${path} cannot be parsed`);
    }
  }

  private clientCertificate(config: Exclude<TlsConfig, true>) {
    const { certFile, keyFile } = config;
    if (certFile && !keyFile) throw this.fail('tls.certFile', 'given without tls.keyFile: give both or neither');
    if (keyFile && !certFile) throw this.fail('tls.keyFile', 'given without tls.certFile: give both or neither');
    if (!certFile || !keyFile) {
      if (config.keyPassword) throw this.fail('tls.keyPassword', 'given without tls.keyFile');
      return null;
    }
    const chain = this.certificates('tls.certFile', certFile);
    const leaf = chain[0];
    const validTo = new Date(Date.parse(leaf.validTo));
    // The broker would refuse it at every handshake with a bare TLS alert: say so now.
    if (validTo.getTime() <= this.nowMs) {
      throw this.fail('tls.certFile', `the certificate in ${certFile} expired on ${toIsoSeconds(validTo)}`);
    }
    const { pem, passphrase, key } = this.privateKey(config, keyFile);
    if (!leaf.checkPrivateKey(key)) {
      throw this.fail('tls.keyFile', `${keyFile} is not the key of the certificate in tls.certFile (${certFile})`);
    }
    return {
      cert: chain.map((c) => c.toString()).join(''),
      key: pem,
      passphrase,
      described: { subject: leaf.subject.replace(/\n/g, ', '), validTo: toIsoSeconds(validTo) },
    };
  }

  /** Reads and checks every file, then builds the context; throws a ConfigError naming the field. */
  build(config: TlsConfig): { tls: ResolvedTls; clientCertificate?: ClientCertificate } {
    if (config === true) return { tls: { secureContext: tls.createSecureContext(), rejectUnauthorized: true } };
    const ca = config.caFile ? this.certificates('tls.caFile', config.caFile).map((c) => c.toString()) : undefined;
    const client = this.clientCertificate(config);
    let secureContext: tls.SecureContext;
    try {
      secureContext = tls.createSecureContext({
        ca,
        cert: client?.cert,
        key: client?.key,
        passphrase: client?.passphrase,
      });
    } catch (error) {
      throw this.fail('tls', `cannot build a TLS context from the files (${errorCode(error)})`);
    }
    const resolved: ResolvedTls = { secureContext, rejectUnauthorized: config.rejectUnauthorized };
    if (config.servername) resolved.servername = config.servername;
    return client ? { tls: resolved, clientCertificate: client.described } : { tls: resolved };
  }
}
