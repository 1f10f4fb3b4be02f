/**
 * PostgreSQL, called synchronously: the history's code is written against SQLite's
 * synchronous API (better-sqlite3), and runs unchanged on PostgreSQL through this. A
 * thread of its own holds the connection and runs each query; the caller waits for the
 * answer in Atomics.wait, as it would wait for SQLite's disk.
 *
 * A wait is bounded: with no answer within `callTimeoutMs` the call fails and the
 * connection is dropped. After a failure to reach the server, calls fail at once, with the
 * same error, for `retryAfterMs`, so an outage costs one bounded wait per retry, not one per
 * query (the server's event loop is never held for long).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { sourceThreadCode } from '../../async/source-thread';
import { revive, type BridgeData, type BridgeReply, type BridgeRequest } from './sync-postgres-wire';

export interface SyncPostgresOptions {
  connectionString: string;
  /** Longest a call waits for its answer (connecting included). */
  callTimeoutMs?: number;
  /** After PostgreSQL could not be reached, how long calls fail at once before one tries again. */
  retryAfterMs?: number;
}

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** PostgreSQL cannot be reached, or did not answer in time: nothing was done, or it is unknown. */
export class PostgresUnavailableError extends Error {}

/** PostgreSQL refused the query (its SQLSTATE in `code`). */
export class PostgresQueryError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export const DEFAULT_CALL_TIMEOUT_MS = 5000;
export const DEFAULT_RETRY_AFTER_MS = 1000;

export class SyncPostgres {
  readonly callTimeoutMs: number;
  readonly retryAfterMs: number;
  readonly #signal = new Int32Array(new SharedArrayBuffer(4));
  readonly #port: MessagePort;
  readonly #worker: Worker;
  #nextId = 1;
  /** The last failure to reach the server, repeated until `until`. */
  #outage: { error: PostgresUnavailableError; until: number } | null = null;
  #closed = false;

  constructor(options: SyncPostgresOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.retryAfterMs = options.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const data: BridgeData = {
      connectionString: options.connectionString,
      connectTimeoutMs: this.callTimeoutMs,
      statementTimeoutMs: Math.max(1, this.callTimeoutMs - 100),
      signal: this.#signal.buffer as SharedArrayBuffer,
      port: port2,
    };
    const workerOptions = { workerData: data, transferList: [port2] };
    // As the collector thread: Next.js bundles the entry; from the sources (tests, scripts),
    // the thread loads it through tsx.
    this.#worker = process.env.NEXT_RUNTIME
      ? new Worker(new URL('./sync-postgres-entry.ts', import.meta.url), workerOptions)
      : new Worker(sourceThreadCode(import.meta.url, 'sync-postgres-entry.ts'), { ...workerOptions, eval: true });
    // The thread only waits for queries: it must not keep the process alive.
    this.#worker.unref();
  }

  /** Runs `sql` with `$1`-style parameters and waits for its rows. */
  query(sql: string, params: unknown[] = []): QueryResult {
    if (this.#closed) throw new PostgresUnavailableError('the PostgreSQL connection is closed');
    if (this.#outage && Date.now() < this.#outage.until) throw this.#outage.error;
    const id = this.#nextId++;
    Atomics.store(this.#signal, 0, 0);
    this.#post({ kind: 'query', id, sql, params });
    const deadline = Date.now() + this.callTimeoutMs;
    for (;;) {
      for (let received = receiveMessageOnPort(this.#port); received; received = receiveMessageOnPort(this.#port)) {
        const reply = received.message as BridgeReply;
        // An answer to a call that timed out earlier arrives late: its caller has gone.
        if (reply.id === id) return this.#settle(reply);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.#post({ kind: 'reset' });
        throw this.#unavailable(`PostgreSQL did not answer within ${this.callTimeoutMs} ms`);
      }
      Atomics.wait(this.#signal, 0, 0, left);
      Atomics.store(this.#signal, 0, 0);
    }
  }

  /** Ends the connection and the thread. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#post({ kind: 'close' });
    this.#port.close();
    await this.#worker.terminate();
  }

  #post(request: BridgeRequest): void {
    this.#port.postMessage(request);
  }

  #settle(reply: BridgeReply): QueryResult {
    if (reply.error) {
      if (reply.error.unavailable) throw this.#unavailable(`PostgreSQL cannot be reached: ${reply.error.message}`);
      throw new PostgresQueryError(reply.error.message, reply.error.code);
    }
    this.#outage = null;
    const rows = reply.rows ?? [];
    for (const row of rows) for (const key of Object.keys(row)) row[key] = revive(row[key]);
    return { rows, rowCount: reply.rowCount ?? 0 };
  }

  #unavailable(message: string): PostgresUnavailableError {
    const error = new PostgresUnavailableError(message);
    this.#outage = { error, until: Date.now() + this.retryAfterMs };
    return error;
  }
}
