/**
 * Why a connection to a broker failed, in the user's terms: what kind of failure it is
 * (the cluster status shows it) and a sentence that says what to check. The client
 * library reports most security mismatches as "Connection closed"; the broker's own
 * words (a SASL error message, a TLS alert) are dug out of the error's causes.
 */
import { isNotServed } from './protocol-versions';

/**
 * - auth-failed: the broker refused the SASL credentials or mechanism;
 * - tls-failed: the TLS handshake failed (certificate not trusted or refused, no TLS on the port);
 * - closed: the broker closed the connection without saying why (a listener security mismatch?);
 * - unsupported-version: the broker serves no request version Watermark speaks;
 * - unreachable: no connection (refused, unknown host, no answer in time);
 * - collector-failed: not Kafka's doing: Watermark's own collector (its thread) failed, so
 *   the cycle read nothing (never a connection's kind, so last: it tells least about Kafka);
 * - store-unreadable: not Kafka's doing either: a replica that follows the cluster cannot
 *   read the cycles its poller stores in PostgreSQL (the database away).
 */
export const CONNECTION_FAILURE_KINDS = [
  'auth-failed',
  'tls-failed',
  'closed',
  'unsupported-version',
  'unreachable',
  'collector-failed',
  'store-unreadable',
] as const;
export type ConnectionFailureKind = (typeof CONNECTION_FAILURE_KINDS)[number];

/** How the client is set up to connect, for hints: never any secret. */
export interface ClientSecurity {
  tls: boolean;
  clientCertificate: boolean;
  saslMechanism: string | null;
}

/** A connection that failed, explained. `kind` orders by how much it tells (see mostTelling). */
export class ConnectionFailure extends Error {
  constructor(
    message: string,
    readonly kind: ConnectionFailureKind,
  ) {
    super(message);
  }
}

interface ErrorFacts {
  codes: Set<string>;
  messages: string[];
  /** The broker's own sentence (SaslAuthenticate's errorMessage and the like). */
  serverMessage: string | null;
  /** Kafka error codes in responses. */
  kafkaCodes: Set<number>;
  /** SaslHandshake's list of mechanisms the listener enables. */
  mechanisms: string[] | null;
}

/** Everything the error and its causes say. */
function factsOf(error: unknown): ErrorFacts {
  const facts: ErrorFacts = {
    codes: new Set(),
    messages: [],
    serverMessage: null,
    kafkaCodes: new Set(),
    mechanisms: null,
  };
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const any = e as {
      code?: unknown;
      message?: unknown;
      serverErrorMessage?: unknown;
      apiCode?: unknown;
      response?: { errorCode?: unknown; errorMessage?: unknown; mechanisms?: unknown };
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof any.code === 'string') facts.codes.add(any.code);
    if (typeof any.message === 'string' && any.message) facts.messages.push(any.message);
    if (typeof any.serverErrorMessage === 'string' && any.serverErrorMessage) {
      facts.serverMessage ??= any.serverErrorMessage;
    }
    if (typeof any.apiCode === 'number') facts.kafkaCodes.add(any.apiCode);
    const response = any.response;
    if (response && typeof response === 'object') {
      if (typeof response.errorCode === 'number' && response.errorCode !== 0) facts.kafkaCodes.add(response.errorCode);
      if (typeof response.errorMessage === 'string' && response.errorMessage)
        facts.serverMessage ??= response.errorMessage;
      if (Array.isArray(response.mechanisms)) facts.mechanisms = response.mechanisms.map(String);
    }
    if (Array.isArray(any.errors)) any.errors.forEach(visit);
    visit(any.cause);
  };
  visit(error);
  return facts;
}

const has = (facts: ErrorFacts, pattern: RegExp) => facts.messages.some((m) => pattern.test(m));
const hasCode = (facts: ErrorFacts, pattern: RegExp) => [...facts.codes].some((c) => pattern.test(c));

/** Node's certificate verification codes (the broker's certificate is not trusted). */
const UNTRUSTED =
  /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;

/** The last line of an OpenSSL message, without its source location. */
function shortTlsMessage(facts: ErrorFacts): string {
  const raw = facts.messages.find((m) => /SSL|TLS|certificate/i.test(m)) ?? facts.messages.at(-1) ?? 'unknown error';
  const alert = /alert ([a-z ]+)/i.exec(raw);
  return alert ? `TLS alert "${alert[1].trim()}"` : raw.split('\n')[0];
}

function saslFailure(facts: ErrorFacts, security: ClientSecurity): ConnectionFailure {
  const mechanism = security.saslMechanism ?? 'SASL';
  if (has(facts, /suitable SASL mechanism/i)) {
    const offered = facts.mechanisms ?? [];
    return new ConnectionFailure(
      offered.length === 0
        ? `${mechanism} refused: this listener does not use SASL (PLAINTEXT or SSL): remove sasl, or connect to the broker's SASL port`
        : `${mechanism} refused: this listener offers ${offered.join(', ')}: set sasl.mechanism to one of them`,
      'auth-failed',
    );
  }
  const reason = facts.serverMessage ?? 'the broker gave no reason';
  return new ConnectionFailure(
    `SASL authentication failed: ${reason} (check sasl.username and sasl.password)`,
    'auth-failed',
  );
}

function tlsFailure(facts: ErrorFacts, security: ClientSecurity): ConnectionFailure | null {
  if (has(facts, /TLS handshake failed/i)) {
    return new ConnectionFailure(
      "TLS handshake failed: this port does not speak TLS (a PLAINTEXT or SASL_PLAINTEXT listener?): remove tls, or connect to the broker's TLS port",
      'tls-failed',
    );
  }
  if (hasCode(facts, UNTRUSTED)) {
    return new ConnectionFailure(
      `TLS: the broker's certificate is not trusted (${shortTlsMessage(facts)}): set tls.caFile to the CA that signed it`,
      'tls-failed',
    );
  }
  if (facts.codes.has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return new ConnectionFailure(
      `TLS: the broker's certificate does not name the address connected to (${shortTlsMessage(facts)}): connect by a name it carries, or set tls.servername`,
      'tls-failed',
    );
  }
  if (facts.codes.has('CERT_HAS_EXPIRED') || facts.codes.has('CERT_NOT_YET_VALID')) {
    return new ConnectionFailure(
      `TLS: the broker's certificate is not valid now (${shortTlsMessage(facts)})`,
      'tls-failed',
    );
  }
  if (hasCode(facts, /ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE)$/)) {
    return new ConnectionFailure(
      security.clientCertificate
        ? `TLS: the broker refused the client certificate (${shortTlsMessage(facts)}): check tls.certFile and tls.keyFile`
        : `TLS: the listener requires a client certificate (mutual TLS; ${shortTlsMessage(facts)}): set tls.certFile and tls.keyFile`,
      'tls-failed',
    );
  }
  if (hasCode(facts, /ALERT_(CERTIFICATE_UNKNOWN|UNKNOWN_CA|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|DECRYPT_ERROR)$/)) {
    return new ConnectionFailure(
      `TLS: the broker does not accept the client certificate (${shortTlsMessage(facts)}): is tls.certFile signed by a CA the broker trusts, and still valid?`,
      'tls-failed',
    );
  }
  if (hasCode(facts, /^ERR_(SSL|TLS)_/)) {
    return new ConnectionFailure(`TLS failed: ${shortTlsMessage(facts)}`, 'tls-failed');
  }
  return null;
}

/** What a listener that closes the connection without a word may expect that the client did not do. */
function closedHint(security: ClientSecurity): string {
  const causes: string[] = [];
  if (!security.tls) causes.push('expects TLS (set tls)');
  if (!security.saslMechanism) causes.push('expects SASL (set sasl)');
  if (security.tls && !security.clientCertificate)
    causes.push('requires a client certificate (set tls.certFile and tls.keyFile)');
  if (security.saslMechanism) causes.push(`does not enable ${security.saslMechanism}`);
  causes.push('does not serve the request version sent');
  return `the broker closed the connection without an answer: the listener may be one that ${causes.join(', or ')}`;
}

/**
 * Explains a connection-level error. `socketError` is what the socket reported before
 * it closed (a TLS alert), which the client library drops from "Connection closed".
 */
export function explainConnectionError(
  error: unknown,
  security: ClientSecurity,
  socketError?: unknown,
): ConnectionFailure {
  if (error instanceof ConnectionFailure) return error;
  const facts = factsOf(socketError ? { errors: [error, socketError] } : error);
  if (facts.codes.has('PLT_KFK_AUTHENTICATION') || facts.kafkaCodes.has(58)) return saslFailure(facts, security);
  const tls = tlsFailure(facts, security);
  if (tls) return tls;
  if (isNotServed(error) || facts.kafkaCodes.has(35)) {
    return new ConnectionFailure(facts.messages[0] ?? 'request version not served', 'unsupported-version');
  }
  if (has(facts, /^Connection closed/)) return new ConnectionFailure(closedHint(security), 'closed');
  if (facts.codes.has('ECONNREFUSED')) {
    return new ConnectionFailure(
      'connection refused: is the broker running and listening on this port?',
      'unreachable',
    );
  }
  if (facts.codes.has('ENOTFOUND') || facts.codes.has('EAI_AGAIN')) {
    return new ConnectionFailure('host name not found (DNS): check the broker address', 'unreachable');
  }
  const detail = facts.messages.filter((m) => !/^Connection to .* failed\.$/.test(m));
  return new ConnectionFailure(detail[0] ?? facts.messages[0] ?? String(error), 'unreachable');
}

/** The kind of any error a request ended with: timeouts and unexplained errors count as unreachable. */
export function failureKindOf(error: unknown): ConnectionFailureKind {
  if (error instanceof ConnectionFailure || error instanceof ClusterConnectionError) return error.kind;
  return isNotServed(error) ? 'unsupported-version' : 'unreachable';
}

/** Of several brokers' failures, the kind that tells most: a refused password beats a closed port. */
export function mostTelling(kinds: ConnectionFailureKind[]): ConnectionFailureKind {
  return CONNECTION_FAILURE_KINDS.find((kind) => kinds.includes(kind)) ?? 'unreachable';
}

/** No broker of the cluster answered: the cycle fails with the most telling kind among theirs. */
export class ClusterConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: ConnectionFailureKind,
  ) {
    super(message);
  }
}

/**
 * "no broker answered a metadata request: SASL authentication failed: … (127.0.0.1:19102,
 * 127.0.0.1:19103)": brokers that failed alike are named together, the most telling first.
 */
export function clusterConnectionError(
  failures: { address: string; error: unknown; message: string }[],
): ClusterConnectionError {
  const byMessage = new Map<string, { kind: ConnectionFailureKind; addresses: string[] }>();
  for (const { address, error, message } of failures) {
    const entry = byMessage.get(message) ?? { kind: failureKindOf(error), addresses: [] };
    entry.addresses.push(address);
    byMessage.set(message, entry);
  }
  const rank = (kind: ConnectionFailureKind) => CONNECTION_FAILURE_KINDS.indexOf(kind);
  const entries = [...byMessage].sort(([, a], [, b]) => rank(a.kind) - rank(b.kind));
  const described = entries.map(([message, { addresses }]) => `${message} (${addresses.join(', ')})`);
  const kind = mostTelling(entries.map(([, e]) => e.kind));
  return new ClusterConnectionError(`no broker answered a metadata request: ${described.join('; ')}`, kind);
}
