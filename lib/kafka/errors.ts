import { protocolErrorsCodesById } from '@platformatic/kafka';
import { isNotServed } from './protocol-versions';
import type { PartialFailure } from './types';

/** Kafka's name for an error code (e.g. 5 → LEADER_NOT_AVAILABLE); null for 0. */
export function kafkaErrorName(code: number): string | null {
  if (code === 0) return null;
  return protocolErrorsCodesById[code] ?? `KAFKA_ERROR_${code}`;
}

/** A short, secret-free description of a client or network error. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const inner = error.errors.map(describeError);
    return [...new Set(inner)].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    const cause = (error as Error & { cause?: unknown }).cause;
    // A Kafka error's own sentence (e.g. SaslAuthenticate's errorMessage) says more than its name.
    const server = (error as Error & { serverErrorMessage?: unknown }).serverErrorMessage;
    const base = [error.message || code || error.name, typeof server === 'string' && server ? server : null]
      .filter(Boolean)
      .join(': ');
    return cause ? `${base} (${describeError(cause)})` : base;
  }
  return String(error);
}

/** A request that failed on one broker, marked when the broker does not serve it at all. */
export function failureOf(operation: string, broker: number | null, error: unknown): PartialFailure {
  const version = (error as { apiVersion?: unknown })?.apiVersion;
  return {
    operation,
    broker,
    message: describeError(error),
    ...(isNotServed(error) ? { notServed: true } : {}),
    ...(typeof version === 'number' ? { version } : {}),
  };
}
