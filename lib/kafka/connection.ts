/**
 * Connections to the brokers of one cluster, with a timeout on every request and a
 * count of requests sent (the benchmark reports it). Built on @platformatic/kafka's
 * protocol layer so each request goes to the broker we choose and a partial error
 * (one partition, one group) never hides the rest of an answer.
 *
 * A hung broker (process frozen, disk stalled) keeps its sockets open and answers
 * nothing. A broker serves the requests of one connection in order, so one request it
 * cannot answer blocks every later one on that connection. Hence:
 * - a request that times out closes its connection (the next request gets a fresh one),
 *   and the broker counts as unresponsive until the next cycle begins: further requests
 *   to it fail at once, so a cycle waits for a hung broker once, not once per stage;
 * - requests a broker forwards to the KRaft controller (DescribeQuorum) use connections of
 *   their own, so a hung controller cannot hold up Metadata or ListOffsets behind them.
 *
 * Each broker has a pool of its own per lane, and a connect that fails drops it: the
 * library keeps a connection whose TLS setup threw in its pool, and every later request
 * to that broker would wait on it forever. Connection errors are explained (see
 * connection-failure.ts); an authentication or TLS failure re-reads the settings (and so
 * does the start of a cycle once a minute), so a password or certificate rotated on disk
 * is used from the next connection on.
 */
import { apiVersionsV3, ConnectionPool, TimeoutError, type API, type Connection } from '@platformatic/kafka';
import type { ResolvedConnection } from '../config/connection-options';
import { ConnectionFailure, explainConnectionError, type ClientSecurity } from './connection-failure';
import {
  chooseVersion,
  isNotServed,
  NotServedError,
  notServedMessage,
  type ApiName,
  type BrokerApis,
} from './protocol-versions';

export interface BrokerAddress {
  host: string;
  port: number;
}

export class RequestTimeoutError extends Error {}

/** A request not sent because the broker already failed to answer in time this cycle. */
export class UnresponsiveBrokerError extends Error {}

/** Did the broker fail to answer in time (as opposed to refusing or closing the connection)? */
export function isTimeout(error: unknown): boolean {
  return (
    error instanceof RequestTimeoutError ||
    error instanceof UnresponsiveBrokerError ||
    error instanceof TimeoutError ||
    (error instanceof Error && /timed out/i.test(error.message))
  );
}

export function parseBrokerAddress(hostPort: string): BrokerAddress {
  const index = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, index), port: Number(hostPort.slice(index + 1)) };
}

const addressKey = (broker: BrokerAddress) => `${broker.host}:${broker.port}`;

/** A broker address that may carry its node id, for messages. */
type Broker = BrokerAddress & { id?: number };

export type Lane = 'main' | 'forwarded';

/** Options for the client library's pools, from the resolved connection. */
function poolOptions(connection: ResolvedConnection) {
  return {
    connectTimeout: connection.requestTimeoutMs,
    requestTimeout: connection.requestTimeoutMs,
    tls: connection.tls,
    sasl: connection.sasl ? { ...connection.sasl } : undefined,
  };
}

function securityOf(connection: ResolvedConnection): ClientSecurity {
  return {
    tls: connection.tls !== undefined,
    clientCertificate: 'clientCertificate' in connection && connection.clientCertificate !== undefined,
    saslMechanism: connection.sasl?.mechanism ?? null,
  };
}

/**
 * Reads the settings again (secrets and TLS files rotated on disk): the new ones when they
 * changed, else null. Called after an authentication or TLS failure, and every RELOAD_CHECK_MS.
 */
export type ReloadConnection = () => ResolvedConnection | null;

/** How often the settings are read again when nothing fails (a renewed certificate fails nothing). */
export const RELOAD_CHECK_MS = 60_000;

export class BrokerConnections {
  /** One pool per lane and broker address. */
  readonly #pools = new Map<string, ConnectionPool>();
  #options: ReturnType<typeof poolOptions>;
  #security: ClientSecurity;
  readonly #timeoutMs: number;
  #requests = 0;
  /** What each broker advertised in ApiVersions on its current connection. */
  readonly #apis = new Map<string, BrokerApis>();
  /** The last error a broker's socket reported (a TLS alert), which "Connection closed" does not carry. */
  readonly #socketErrors = new Map<string, unknown>();
  /** Brokers that let a request time out this cycle, with what happened. */
  #unresponsive = new Map<string, string>();
  /** Those of the previous cycle: asked last for metadata. */
  #suspects = new Set<string>();
  /** When the settings were last read again. */
  #reloadedAt = Date.now();

  constructor(
    connection: ResolvedConnection,
    private readonly reload: ReloadConnection = () => null,
    private readonly clientId = 'watermark',
  ) {
    this.#timeoutMs = connection.requestTimeoutMs;
    this.#options = poolOptions(connection);
    this.#security = securityOf(connection);
  }

  #pool(lane: Lane, broker: BrokerAddress): ConnectionPool {
    const id = `${lane} ${addressKey(broker)}`;
    let pool = this.#pools.get(id);
    if (!pool) {
      pool = new ConnectionPool(this.clientId, this.#options);
      pool.on('connect', ({ connection }: { connection: Connection }) => {
        this.#socketErrors.delete(addressKey(broker));
        connection.on('error', (error: { cause?: unknown }) =>
          this.#socketErrors.set(addressKey(broker), error.cause ?? error),
        );
      });
      this.#pools.set(id, pool);
    }
    return pool;
  }

  /** Closes a broker's pool of one lane: the next request connects afresh. */
  #discard(lane: Lane, broker: BrokerAddress): void {
    const id = `${lane} ${addressKey(broker)}`;
    const pool = this.#pools.get(id);
    this.#pools.delete(id);
    pool?.close().catch(() => undefined);
  }

  /** After a refused password or certificate: use the settings on disk when they changed. */
  #reloadAfter(failure: ConnectionFailure): void {
    if (failure.kind === 'auth-failed' || failure.kind === 'tls-failed') this.#reloadNow();
  }

  /** Reads the settings again; new connections use them when they changed (old ones are closed). */
  #reloadNow(): void {
    this.#reloadedAt = Date.now();
    const fresh = this.reload();
    if (!fresh) return;
    this.#options = poolOptions(fresh);
    this.#security = securityOf(fresh);
    for (const pool of this.#pools.values()) pool.close().catch(() => undefined);
    this.#pools.clear();
  }

  /** Requests sent since the cycle began. */
  get requestCount(): number {
    return this.#requests;
  }

  /** A new cycle: the request count restarts and every broker gets a chance to answer again. */
  beginCycle(): void {
    // A certificate renewed before the old one expires fails nothing: look for it now and then.
    if (Date.now() - this.#reloadedAt >= RELOAD_CHECK_MS) this.#reloadNow();
    this.#requests = 0;
    this.#suspects = new Set(this.#unresponsive.keys());
    this.#unresponsive = new Map();
  }

  /** Did this broker let a request time out in the previous cycle? */
  wasUnresponsive(broker: BrokerAddress): boolean {
    return this.#suspects.has(addressKey(broker));
  }

  /**
   * Asks the broker which versions it serves (ApiVersions) and keeps the answer for its
   * connection. The probe calls this every cycle, so a restarted or upgraded broker is
   * read again; a failed request also forgets it (see call()).
   */
  async refreshApis(broker: BrokerAddress): Promise<BrokerApis> {
    const response = await this.call(broker, apiVersionsV3.api, 'watermark', '0.1.0');
    const apis = new Map(response.apiKeys.map((a) => [a.apiKey, { min: a.minVersion, max: a.maxVersion }]));
    this.#apis.set(addressKey(broker), apis);
    return apis;
  }

  /** The versions this broker advertised, read once per connection. */
  async apis(broker: BrokerAddress): Promise<BrokerApis> {
    return this.#apis.get(addressKey(broker)) ?? (await this.refreshApis(broker));
  }

  /** The version of `api` to send to this broker; throws a NotServedError when it serves none we speak. */
  async version(broker: Broker, api: ApiName): Promise<number> {
    const apis = await this.apis(broker);
    const version = chooseVersion(api, apis);
    if (version === null) throw new NotServedError(notServedMessage(api, apis, broker.id ?? addressKey(broker)));
    return version;
  }

  /**
   * Sends one request. Answers whose entries carry Kafka error codes are returned
   * as they are, so callers can keep the good entries; network errors and timeouts throw.
   */
  call<Args extends unknown[], Response>(
    broker: BrokerAddress,
    api: API<Args, Response>,
    ...args: Args
  ): Promise<Response> {
    return this.callOn('main', broker, api, ...args);
  }

  /** A request the broker forwards to the controller: sent on connections of its own. */
  callForwarded<Args extends unknown[], Response>(
    broker: BrokerAddress,
    api: API<Args, Response>,
    ...args: Args
  ): Promise<Response> {
    return this.callOn('forwarded', broker, api, ...args);
  }

  private async callOn<Args extends unknown[], Response>(
    lane: Lane,
    broker: BrokerAddress,
    api: API<Args, Response>,
    ...args: Args
  ): Promise<Response> {
    const key = addressKey(broker);
    const earlier = this.#unresponsive.get(key);
    if (earlier !== undefined) throw new UnresponsiveBrokerError(earlier);
    this.#requests++;
    const pool = this.#pool(lane, broker);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimeoutError(`no answer from ${key} within ${this.#timeoutMs} ms`)),
        this.#timeoutMs + 500,
      );
    });
    let connected = false;
    try {
      const connection = await Promise.race([pool.get(broker), timeout]);
      connected = true;
      return await Promise.race([api.async(connection, ...args), timeout]);
    } catch (error) {
      const response = (error as { response?: Response }).response;
      if (response !== undefined && (error as { code?: string }).code === 'PLT_KFK_RESPONSE') return response;
      // The connection may be gone: read the broker's versions again on the next one.
      this.#apis.delete(key);
      // A failed connect is never reused (see above); whatever is queued behind an unanswered request would wait for it.
      if (!connected || isTimeout(error)) this.#discard(lane, broker);
      if (isTimeout(error) && lane === 'main') {
        // A forwarded request waits on the controller, not on this broker: the broker is not to blame.
        this.#unresponsive.set(
          key,
          `no answer from ${key} within ${this.#timeoutMs} ms earlier in this cycle (broker hung or overloaded?)`,
        );
      }
      const failure = this.#explain(error, key);
      // Which version failed, for the log (see failureOf).
      if (failure instanceof Error) Object.assign(failure, { apiVersion: api.version });
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The error to report: connection errors explained, timeouts and Kafka errors as they are. */
  #explain(error: unknown, key: string): unknown {
    // Closed because a request beside it timed out (above): say that, not "Connection closed".
    if (this.#unresponsive.has(key) && !isTimeout(error))
      return new UnresponsiveBrokerError(this.#unresponsive.get(key));
    if (isTimeout(error) || isNotServed(error)) return error;
    const code = (error as { code?: unknown })?.code;
    if (
      typeof code === 'string' &&
      code.startsWith('PLT_KFK_') &&
      !/^PLT_KFK_(NETWORK|AUTHENTICATION|USER)$/.test(code)
    ) {
      return error;
    }
    const failure = explainConnectionError(error, this.#security, this.#socketErrors.get(key));
    this.#socketErrors.delete(key);
    this.#reloadAfter(failure);
    return failure;
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
  }
}
