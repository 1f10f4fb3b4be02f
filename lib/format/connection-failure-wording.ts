/**
 * How a cluster-wide connection failure is named on banners, cards and alerts, by its
 * kind: a refused password is not a network outage, and the advice differs.
 */
import type { ConnectionFailureKind } from '../kafka/connection-failure';

export const FAILURE_HEADLINE: Record<ConnectionFailureKind, string> = {
  unreachable: 'Cluster unreachable',
  'auth-failed': 'Sign-in refused by the brokers',
  'tls-failed': 'TLS handshake failed',
  closed: 'Brokers close the connection',
  'unsupported-version': 'Kafka version not supported',
  'collector-failed': "Watermark's collector failed",
  'store-unreadable': "Watermark's database cannot be read",
};

export const FAILURE_ADVICE: Record<ConnectionFailureKind, string> = {
  unreachable: 'Check the brokers and the network between them and Watermark',
  'auth-failed':
    "Check the cluster's sasl settings and the broker's users (a password changed in its file or environment is read again at the next attempt)",
  'tls-failed': "Check the cluster's tls settings against the listener's certificates and port",
  closed: "Check that the listener on the configured port expects what the cluster's tls and sasl settings send",
  'unsupported-version': 'Watermark reads Kafka 2.8 and later',
  'collector-failed':
    "Not a Kafka problem: Watermark's collector thread stopped and starts again for the next cycle; the server log says why",
  'store-unreadable':
    'Not a Kafka problem: this replica shows the cycles that the replica polling the cluster stores in PostgreSQL, and cannot read them; check the database',
};

/** A word or two for a status badge. */
export const FAILURE_BADGE: Record<ConnectionFailureKind, string> = {
  unreachable: 'Unreachable',
  'auth-failed': 'Sign-in refused',
  'tls-failed': 'TLS failed',
  closed: 'Connection closed',
  'unsupported-version': 'Version not supported',
  'collector-failed': 'Collector failed',
  'store-unreadable': 'Database unreadable',
};

export const headlineOf = (kind: ConnectionFailureKind | null | undefined) => FAILURE_HEADLINE[kind ?? 'unreachable'];
