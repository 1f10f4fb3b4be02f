/**
 * Connections to the brokers of one cluster, with a timeout on every request and a
 * count of requests sent (the benchmark reports it). Built on @platformatic/kafka's
 * protocol layer so each request goes to the broker we choose and a partial error
 * (one partition, one group) never hides the rest of an answer.
 */
import { ConnectionPool, type API } from '@platformatic/kafka';
import type { ResolvedConnection } from '../config/connection-options';

export interface BrokerAddress {
  host: string;
  port: number;
}

export class RequestTimeoutError extends Error {}

export function parseBrokerAddress(hostPort: string): BrokerAddress {
  const index = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, index), port: Number(hostPort.slice(index + 1)) };
}

export class BrokerConnections {
  readonly #pool: ConnectionPool;
  readonly #timeoutMs: number;
  #requests = 0;

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
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#pool.close().catch(() => undefined);
  }
}
