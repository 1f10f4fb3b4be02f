/**
 * Connection errors explained. The errors are built the way the client library and
 * Node's TLS build them (the integration test sees the real ones on the local cluster).
 */
import { describe, expect, it } from 'vitest';
import {
  clusterConnectionError,
  explainConnectionError,
  failureKindOf,
  type ClientSecurity,
} from '@/lib/kafka/connection-failure';
import { NotServedError } from '@/lib/kafka/protocol-versions';

const plain: ClientSecurity = { tls: false, clientCertificate: false, saslMechanism: null };
const saslSsl: ClientSecurity = { tls: true, clientCertificate: false, saslMechanism: 'SCRAM-SHA-512' };

function libraryError(message: string, code: string, cause?: unknown): Error {
  return Object.assign(new Error(message, { cause }), { code });
}

describe('explainConnectionError', () => {
  it("puts the broker's own SASL sentence first", () => {
    const response = Object.assign(
      new AggregateError([], 'Received response with error while executing API SaslAuthenticate(v2)'),
      {
        code: 'PLT_KFK_RESPONSE',
        response: {
          errorCode: 58,
          errorMessage: 'Authentication failed: invalid credentials with SASL mechanism SCRAM-SHA-512',
        },
      },
    );
    const error = libraryError(
      'Connection to b:9093 failed.',
      'PLT_KFK_NETWORK',
      libraryError('SASL authentication failed.', 'PLT_KFK_AUTHENTICATION', response),
    );
    const failure = explainConnectionError(error, saslSsl);
    expect(failure.kind).toBe('auth-failed');
    expect(failure.message).toBe(
      'SASL authentication failed: Authentication failed: invalid credentials with SASL mechanism SCRAM-SHA-512 (check sasl.username and sasl.password)',
    );
  });

  it('names the mechanisms a listener offers when ours is not among them, and a listener without SASL', () => {
    const handshake = (mechanisms: string[]) =>
      libraryError(
        'Cannot find a suitable SASL mechanism.',
        'PLT_KFK_AUTHENTICATION',
        Object.assign(new Error('Received response with error while executing API SaslHandshake(v1)'), {
          response: { errorCode: 33, mechanisms },
        }),
      );
    expect(explainConnectionError(handshake(['PLAIN']), saslSsl).message).toBe(
      'SCRAM-SHA-512 refused: this listener offers PLAIN: set sasl.mechanism to one of them',
    );
    expect(explainConnectionError(handshake([]), saslSsl).message).toMatch(/this listener does not use SASL/);
  });

  it('reads the TLS alert the socket reported before "Connection closed"', () => {
    const closed = libraryError('Connection closed', 'PLT_KFK_NETWORK');
    const alert = libraryError(
      'ssl3_read_bytes:sslv3 alert bad certificate:rec_layer_s3.c:1601',
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
    );
    const failure = explainConnectionError(closed, saslSsl, alert);
    expect(failure).toMatchObject({ kind: 'tls-failed' });
    expect(failure.message).toBe(
      'TLS: the listener requires a client certificate (mutual TLS; TLS alert "bad certificate"): set tls.certFile and tls.keyFile',
    );
    const withCertificate = explainConnectionError(closed, { ...saslSsl, clientCertificate: true }, alert);
    expect(withCertificate.message).toMatch(/^TLS: the broker refused the client certificate/);
  });

  it('lists what a listener that closed without a word may expect, from what the client did not do', () => {
    const closed = libraryError('Connection closed', 'PLT_KFK_NETWORK');
    expect(explainConnectionError(closed, plain).message).toBe(
      'the broker closed the connection without an answer: the listener may be one that expects TLS (set tls), or expects SASL (set sasl), or does not serve the request version sent',
    );
    expect(explainConnectionError(closed, saslSsl).message).toBe(
      'the broker closed the connection without an answer: the listener may be one that requires a client certificate (set tls.certFile and tls.keyFile), or does not enable SCRAM-SHA-512, or does not serve the request version sent',
    );
    expect(explainConnectionError(closed, plain).kind).toBe('closed');
  });

  it('tells an untrusted certificate, a wrong host name and a port without TLS apart', () => {
    const wrap = (cause: Error) => libraryError('Connection to b:9093 failed.', 'PLT_KFK_NETWORK', cause);
    expect(
      explainConnectionError(
        wrap(libraryError('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN')),
        saslSsl,
      ).message,
    ).toBe(
      "TLS: the broker's certificate is not trusted (self-signed certificate in certificate chain): set tls.caFile to the CA that signed it",
    );
    expect(
      explainConnectionError(
        wrap(libraryError("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID')),
        saslSsl,
      ).message,
    ).toMatch(/does not name the address connected to .*set tls.servername$/);
    const noTls = wrap(libraryError('TLS handshake failed. Please verify the broker supports TLS.', 'PLT_KFK_USER'));
    expect(explainConnectionError(noTls, saslSsl).message).toMatch(
      /^TLS handshake failed: this port does not speak TLS/,
    );
  });

  it('says a refused connection and an unknown host plainly, as unreachable', () => {
    const refused = libraryError(
      'Connection to b:1 failed.',
      'PLT_KFK_NETWORK',
      libraryError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
    );
    expect(explainConnectionError(refused, plain)).toMatchObject({
      kind: 'unreachable',
      message: 'connection refused: is the broker running and listening on this port?',
    });
    const unknown = libraryError(
      'Connection to nowhere:1 failed.',
      'PLT_KFK_NETWORK',
      libraryError('getaddrinfo ENOTFOUND nowhere', 'ENOTFOUND'),
    );
    expect(explainConnectionError(unknown, plain).message).toBe('host name not found (DNS): check the broker address');
  });
});

describe('clusterConnectionError', () => {
  it('names brokers that failed alike together, the most telling kind first, and takes its kind', () => {
    const auth = explainConnectionError(libraryError('SASL authentication failed.', 'PLT_KFK_AUTHENTICATION'), saslSsl);
    const refused = explainConnectionError(
      libraryError('x', 'PLT_KFK_NETWORK', libraryError('refused', 'ECONNREFUSED')),
      saslSsl,
    );
    const error = clusterConnectionError([
      { address: 'a:1', error: refused, message: refused.message },
      { address: 'b:1', error: auth, message: auth.message },
      { address: 'c:1', error: auth, message: auth.message },
    ]);
    expect(error.kind).toBe('auth-failed');
    expect(failureKindOf(error)).toBe('auth-failed');
    expect(error.message).toBe(
      'no broker answered a metadata request: SASL authentication failed: the broker gave no reason (check sasl.username and sasl.password) (b:1, c:1); connection refused: is the broker running and listening on this port? (a:1)',
    );
  });

  it('counts a version no broker serves as unsupported-version', () => {
    expect(failureKindOf(new NotServedError('Metadata is not served by broker 1'))).toBe('unsupported-version');
  });
});
