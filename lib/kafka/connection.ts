/**
 * Connections to the brokers of one cluster, with a timeout on every request and a
 * count of requests sent (the benchmark reports it). Built on @platformatic/kafka's
 * protocol layer so each request goes to the broker we choose and a partial error
 * (one partition, one group) never hides the rest of an answer.
 */
import { apiVersionsV3, ConnectionPool, type API } from '@platformatic/kafka';
import type { ResolvedConnection } from '../config/connection-options';
import { chooseVersion, NotServedError, notServedMessage, type ApiName, type BrokerApis } from './protocol-versions';

export interface BrokerAddress {
  host: string;
  port: number;
}

export class RequestTimeoutError extends Error {}

export function parseBrokerAddress(hostPort: string): BrokerAddress {
  const index = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, index), port: Number(hostPort.slice(index + 1)) };
}

const addressKey = (broker: BrokerAddress) => `${broker.host}:${broker.port}`;

/** A broker address that may carry its node id, for messages. */
type Broker = BrokerAddress & { id?: number };

export class BrokerConnections {
  readonly #pool: ConnectionPool;
  readonly #timeoutMs: number;
  #requests = 0;
  /** What each broker advertised in ApiVersions on its current connection. */
  readonly #apis = new Map<string, BrokerApis>();

  constructor(connection: ResolvedConnection, clientId = 'watermark') {
    this.#timeoutMs = connection.requestTimeoutMs;
    this.#pool = new ConnectionPool(clientId, {
      connectTimeout: connection.requestTimeoutMs,
      requestTimeout: connection.requestTimeoutMs,
      tls: connection.tls,
      sasl: connection.sasl ? { ...connection.sasl } : undefined,
    });
  }

  /** Requests sent since the last reset. */
  get requestCount(): number {
    return this.#requests;
  }

  resetRequestCount(): void {
    this.#requests = 0;
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
  async call<Args extends unknown[], Response>(
    broker: BrokerAddress,
    api: API<Args, Response>,
    ...args: Args
  ): Promise<Response> {
    this.#requests++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new RequestTimeoutError(`no answer from ${broker.host}:${broker.port} within ${this.#timeoutMs} ms`)),
        this.#timeoutMs + 500,
      );
    });
    try {
      const connection = await Promise.race([this.#pool.get(broker), timeout]);
      return await Promise.race([api.async(connection, ...args), timeout]);
    } catch (error) {
      const response = (error as { response?: Response }).response;
      if (response !== undefined && (error as { code?: string }).code === 'PLT_KFK_RESPONSE') return response;
      // The connection may be gone: read the broker's versions again on the next one.
      this.#apis.delete(addressKey(broker));
      // Which version failed, for the log (see failureOf).
      if (error instanceof Error) Object.assign(error, { apiVersion: api.version });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#pool.close().catch(() => undefined);
  }
}
