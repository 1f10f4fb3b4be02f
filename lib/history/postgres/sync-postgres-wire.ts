/**
 * What SyncPostgres and its thread say to each other (sync-postgres.ts, sync-postgres-entry.ts),
 * and the small rules both sides share.
 */
export interface BridgeData {
  connectionString: string;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** An Int32Array's buffer: the thread raises it after each answer. */
  signal: SharedArrayBuffer;
  /** The port answers come back on (transferred to the thread). */
  port: unknown;
}

export type BridgeRequest =
  | { kind: 'query'; id: number; sql: string; params: unknown[] }
  /** A call timed out: drop the connection it is stuck on. */
  | { kind: 'reset' }
  | { kind: 'close' };

export interface BridgeReply {
  id: number;
  rows?: Record<string, unknown>[];
  rowCount?: number;
  error?: { message: string; code: string | null; unavailable: boolean };
}

/**
 * Whether an error means PostgreSQL cannot be used right now (no connection, the server
 * shutting down or not accepting connections), as opposed to a query it refused. Network
 * errors carry Node's codes (ECONNREFUSED) or none ("Connection terminated"); the server's
 * carry a SQLSTATE, whose class 08 is a connection exception and 57P an operator's
 * intervention (shutdown, restart).
 */
export function isUnavailable(code: string | null | undefined): boolean {
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P') || code === '53300'; // too many connections
}

/** Bytes cross a thread as a plain Uint8Array: made a Buffer again on arrival. */
export function revive(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}
