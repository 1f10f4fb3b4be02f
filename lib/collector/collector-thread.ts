/**
 * The server's collector thread: the Kafka part of every cluster's cycle (the requests,
 * decoding their answers, the analysis) runs in one worker thread, so that the web
 * server's event loop only publishes what it gets back, writes the history and evaluates
 * the alerts. At 10,000 partitions decoding one cycle's answers alone held the event loop
 * for up to 660 ms; requests waited behind it.
 *
 * Each cluster's loop (cluster-loop.ts) keeps its timing, stopping and publishing here and
 * asks the thread for a cycle through a CycleReader. Should the thread die (a bug, memory),
 * the reads waiting fail as failed cycles and the next read starts a new thread, which
 * reloads each cluster's memory from the history as a restart would.
 */
import { Worker } from 'node:worker_threads';
import { sourceThreadCode } from '../async/source-thread';
import type { ClusterConfig, WatermarkConfig } from '../config/schema';
import type { Env } from '../config/config-inputs';
import type { HistoryLocation } from '../history/history-location';
import type { Logger } from '../log/logger';
import type { RecordAtOffset, RecordAtOffsetRequest } from '../kafka/record-at-offset';
import type { BrokerNode, TopicMetadata } from '../kafka/types';
import type { CycleReader } from './cycle-reader';
import { decodeCycleRead } from './cycle-wire';

/** What the thread is started with: the clusters as configured, the environment their secrets come from. */
export interface ThreadData {
  clusters: ClusterConfig[];
  env: Env;
  /** The history's directory, to reload from; null without history. */
  /** Where the history is, to reload the analysis's memory at start; null when history is off. */
  history: HistoryLocation | null;
  /** The config's top-level alert settings (each cluster's own are in `clusters`): the group rules run on the thread. */
  alerts: WatermarkConfig['alerts'];
}

export type ThreadRequest = { id: number; clusterId: string } & (
  | {
      type: 'start';
      /** The cluster's produced total so far (its newest cluster row); null: no history to reload. */
      producedTotal: number | null;
    }
  | { type: 'read' }
  | { type: 'record'; request: RecordAtOffsetRequest }
  | {
      /** A record of a cluster another replica polls: read with the brokers and topic of its published cycle. */
      type: 'record-with';
      request: RecordAtOffsetRequest;
      brokers: BrokerNode[];
      topic: TopicMetadata;
    }
  | { type: 'close' }
);

export interface ThreadReply {
  id: number;
  /** A read's cycle, encoded (cycle-wire.ts); null for the other requests. */
  value: string | null;
  error?: string;
}

class ThreadStoppedError extends Error {}

function ignoreStopped(error: unknown): void {
  if (!(error instanceof ThreadStoppedError)) throw error;
}

type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

export class CollectorThread {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #waiting = new Map<number, { resolve: (value: string | null) => void; reject: (error: Error) => void }>();
  /** Per started cluster, how it is started again in a new thread. */
  readonly #starts = new Map<string, () => number | null>();
  /** Per cluster, when its start on the current thread was answered (or failed). */
  readonly #ready = new Map<string, Promise<void>>();

  constructor(
    private readonly data: ThreadData,
    private readonly log: Logger,
    /**
     * Keep the thread running with no cluster started on it: a replica that follows every
     * cluster for now starts polling one without waiting for a new thread.
     */
    private readonly options: { keepAlive?: boolean } = {},
  ) {}

  /** Starts the thread now rather than at the first read (see keepAlive). */
  warm(): void {
    if (!this.#worker) this.#spawn();
  }

  /**
   * A reader of `clusterId`'s cycles on the thread. `producedTotal` is asked when the
   * cluster starts on a thread (again after a new thread): null when there is no history.
   */
  reader(
    clusterId: string,
    producedTotal: () => number | null,
    /** Given each read's cycle as the thread encoded it (cycle-wire.ts), before it is decoded. */
    onEncoded?: (encoded: string) => void,
  ): CycleReader {
    this.#starts.set(clusterId, producedTotal);
    if (this.#worker) this.#start(clusterId);
    return {
      ready: async () => {
        if (!this.#worker) this.#spawn();
        await this.#ready.get(clusterId);
      },
      read: async () => {
        const read = await this.#call({ type: 'read', clusterId });
        if (read === null) throw new Error('the collector thread read nothing');
        onEncoded?.(read);
        return decodeCycleRead(read);
      },
      recordAtOffset: async (request) => {
        if (!this.#worker) this.#spawn();
        await this.#ready.get(clusterId);
        const answer = await this.#call({ type: 'record', clusterId, request });
        if (answer === null) throw new Error('the collector thread read no record');
        return decodeRecordAtOffset(answer);
      },
      close: async () => {
        this.#starts.delete(clusterId);
        // A thread that stopped meanwhile closed its connections with it.
        if (this.#worker) await this.#call({ type: 'close', clusterId }).catch(ignoreStopped);
        // The last cluster out ends the thread, once no other call waits on it.
        if (this.#starts.size === 0 && this.#waiting.size === 0 && !this.options.keepAlive) await this.terminate();
      },
    };
  }

  /**
   * The record at one offset of a cluster not started here (another replica polls it), read
   * with the brokers and topic of the cycle that replica published: one Fetch to the leader.
   */
  async recordWith(
    clusterId: string,
    request: RecordAtOffsetRequest,
    brokers: BrokerNode[],
    topic: TopicMetadata,
  ): Promise<RecordAtOffset> {
    const answer = await this.#call({ type: 'record-with', clusterId, request, brokers, topic });
    if (answer === null) throw new Error('the collector thread read no record');
    return decodeRecordAtOffset(answer);
  }

  /** Ends the thread; reads still waiting fail. */
  async terminate(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  /** Starts a cluster on the current thread; a failure shows at its first read. */
  #start(clusterId: string): void {
    const producedTotal = this.#starts.get(clusterId)?.() ?? null;
    const started = this.#call({ type: 'start', clusterId, producedTotal });
    this.#ready.set(
      clusterId,
      started.then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  #call(request: Request): Promise<string | null> {
    return new Promise((resolve, reject) => {
      const id = this.#post(request);
      this.#waiting.set(id, { resolve, reject });
    });
  }

  #post(request: Request): number {
    const worker = this.#worker ?? this.#spawn();
    const id = this.#nextId++;
    worker.postMessage({ ...request, id });
    return id;
  }

  #spawn(): Worker {
    const options = { workerData: this.data };
    // Next.js bundles the entry as JavaScript. Run from the TypeScript sources (tests, scripts
    // run by tsx), the thread loads it through tsx: Node 20 applies no --import loader to a
    // worker's entry.
    const worker = process.env.NEXT_RUNTIME
      ? new Worker(new URL('./collector-thread-entry.ts', import.meta.url), options)
      : new Worker(sourceThreadCode(import.meta.url, 'collector-thread-entry.ts'), { ...options, eval: true });
    this.#worker = worker;
    worker.on('message', (reply: ThreadReply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.error === undefined) waiting?.resolve(reply.value);
      else if (waiting) waiting.reject(new Error(reply.error));
      else this.log.error({ component: 'collector', error: reply.error }, `collector thread: ${reply.error}`);
    });
    worker.on('error', (error) => {
      this.log.error({ component: 'collector', error: error.message }, `the collector thread failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = null;
      const waiting = [...this.#waiting.values()];
      this.#waiting.clear();
      for (const { reject } of waiting)
        reject(new ThreadStoppedError(`the collector thread stopped (exit code ${code})`));
    });
    for (const clusterId of this.#starts.keys()) this.#start(clusterId);
    return worker;
  }
}

/** A record read, as the thread sends it: JSON, with the preview's bytes (if asked for) in base64. */
export function encodeRecordAtOffset(read: RecordAtOffset): string {
  if (!('bytes' in read) || !read.bytes) return JSON.stringify(read);
  const { key, value } = read.bytes;
  return JSON.stringify({
    ...read,
    bytes: { key: key?.toString('base64') ?? null, value: value?.toString('base64') ?? null },
  });
}

export function decodeRecordAtOffset(text: string): RecordAtOffset {
  const read = JSON.parse(text) as RecordAtOffset;
  if (!('bytes' in read) || !read.bytes) return read;
  const { key, value } = read.bytes as unknown as { key: string | null; value: string | null };
  return {
    ...read,
    bytes: {
      key: key === null ? null : Buffer.from(key, 'base64'),
      value: value === null ? null : Buffer.from(value, 'base64'),
    },
  };
}
