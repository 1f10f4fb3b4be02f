/**
 * The thread behind SyncPostgres: one PostgreSQL connection, used one query at a time in
 * the order asked (so BEGIN … COMMIT sent as separate queries are one transaction). Each
 * answer is posted on the port, then the shared signal is raised, which wakes the caller
 * blocked in Atomics.wait.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import pg from 'pg';
import { isUnavailable, revive, type BridgeData, type BridgeReply, type BridgeRequest } from './sync-postgres-wire';

const data = workerData as BridgeData;
const port = data.port as MessagePort;
const signal = new Int32Array(data.signal);

/** 64-bit integers (offsets, epoch milliseconds, ids) as numbers, as SQLite gives them. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (text: string) => Number(text)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

let client: pg.Client | null = null;

async function connected(): Promise<pg.Client> {
  if (client) return client;
  const next = new pg.Client({
    connectionString: data.connectionString,
    connectionTimeoutMillis: data.connectTimeoutMs,
    // The server gives up on a statement before the caller does, so it does not run on unseen.
    statement_timeout: data.statementTimeoutMs,
    types,
  });
  // A connection dropped while idle (a server restart): the next query makes a new one.
  next.on('error', () => {
    if (client === next) client = null;
  });
  try {
    await next.connect();
  } catch (error) {
    await next.end().catch(() => undefined);
    throw error;
  }
  client = next;
  return next;
}

/** Drops the connection (a call timed out on it): the query on it fails, the next one reconnects. */
function reset(): void {
  const current = client;
  client = null;
  current?.end().catch(() => undefined);
}

async function answer(request: BridgeRequest & { kind: 'query' }): Promise<BridgeReply> {
  try {
    const db = await connected();
    const result = await db.query({ text: request.sql, values: request.params.map(revive) });
    return { id: request.id, rows: result.rows ?? [], rowCount: result.rowCount ?? 0 };
  } catch (failure) {
    const error = failure as Error & { code?: string };
    const unavailable = isUnavailable(error.code);
    if (unavailable) reset();
    return { id: request.id, error: { message: error.message, code: error.code ?? null, unavailable } };
  }
}

function reply(message: BridgeReply): void {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: BridgeRequest) => {
  if (request.kind === 'reset') return reset();
  if (request.kind === 'close') {
    reset();
    port.close();
    return;
  }
  queue = queue.then(() => answer(request).then(reply));
});
