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
 */
import { apiVersionsV3, ConnectionPool, TimeoutError, type API } from '@platformatic/kafka';
import type { ResolvedConnection } from '../config/connection-options';
import { chooseVersion, NotServedError, notServedMessage, type ApiName, type BrokerApis } from './protocol-versions';

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

export class BrokerConnections {
  readonly #pools: Record<Lane, ConnectionPool>;
  readonly #timeoutMs: number;
  #requests = 0;
  /** What each broker advertised in ApiVersions on its current connection. */
  readonly #apis = new Map<string, BrokerApis>();
  /** Brokers that let a request time out this cycle, with what happened. */
  #unresponsive = new Map<string, string>();
  /** Those of the previous cycle: asked last for metadata. */
  #suspects = new Set<string>();

  constructor(connection: ResolvedConnection, clientId = 'watermark') {
    this.#timeoutMs = connection.requestTimeoutMs;
    const options = {
      connectTimeout: connection.requestTimeoutMs,
      requestTimeout: connection.requestTimeoutMs,
      tls: connection.tls,
      sasl: connection.sasl ? { ...connection.sasl } : undefined,
    };
    this.#pools = { main: new ConnectionPool(clientId, options), forwarded: new ConnectionPool(clientId, options) };
  }

  /** Requests sent since the cycle began. */
  get requestCount(): number {
    return this.#requests;
  }

  /** A new cycle: the request count restarts and every broker gets a chance to answer again. */
  beginCycle(): void {
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
    const pool = this.#pools[lane];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimeoutError(`no answer from ${key} within ${this.#timeoutMs} ms`)),
        this.#timeoutMs + 500,
      );
    });
    try {
      const connection = await Promise.race([pool.get(broker), timeout]);
      return await Promise.race([api.async(connection, ...args), timeout]);
    } catch (error) {
      const response = (error as { response?: Response }).response;
      if (response !== undefined && (error as { code?: string }).code === 'PLT_KFK_RESPONSE') return response;
      // The connection may be gone: read the broker's versions again on the next one.
      this.#apis.delete(key);
      if (isTimeout(error)) {
        // A forwarded request waits on the controller, not on this broker: the broker is not to blame.
        if (lane === 'main') {
          this.#unresponsive.set(
            key,
            `no answer from ${key} within ${this.#timeoutMs} ms earlier in this cycle (broker hung or overloaded?)`,
          );
        }
        // Whatever is queued behind the unanswered request would wait for it: start afresh.
        pool.getEstablishedConnection(broker)?.close(() => undefined);
      }
      // Closed because a request beside it timed out (above): say that, not "Connection closed".
      const failure =
        this.#unresponsive.has(key) && !isTimeout(error)
          ? new UnresponsiveBrokerError(this.#unresponsive.get(key))
          : error;
      // Which version failed, for the log (see failureOf).
      if (failure instanceof Error) Object.assign(failure, { apiVersion: api.version });
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.#pools).map((pool) => pool.close().catch(() => undefined)));
  }
}
