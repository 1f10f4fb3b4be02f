/**
 * The collector thread (see collector-thread.ts): per cluster a Kafka client and the
 * analysis's memory, reading a cycle whenever the web server's loop asks for one. At a
 * cluster's start the memory is reloaded from the history, here too, so a restart's
 * replay of the raw frames does not hold the web server's event loop either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { clusterAlertSettings } from '../alerts/alert-settings';
import { ConnectionSettings } from '../config/connection-settings';
import type { ClusterConfig } from '../config/schema';
import { openHistoryForReading } from '../history/history-location';
import { HistoryReader } from '../history/history-reader';
import { describeError } from '../kafka/errors';
import type { KafkaClient } from '../kafka/kafka-client';
import { log } from '../log/logger';
import { createClusterClient } from './cluster-client';
import { createAnalyzer, seedAnalyzer } from './cluster-pipeline';
import { encodeRecordAtOffset, type ThreadData, type ThreadReply, type ThreadRequest } from './collector-thread';
import { kafkaCycleReader, type CycleReader } from './cycle-reader';
import { encodeCycleRead } from './cycle-wire';

const { clusters, env, history, alerts } = workerData as ThreadData;
const readers = new Map<string, CycleReader>();
/** Per cluster another replica polls, a client for the records asked for on request (no cycles). */
const recordClients = new Map<string, KafkaClient>();

// A promise the Kafka client leaves rejected would end the thread (and every cluster's
// memory with it); on the web server's thread Next.js logs such a rejection and goes on.
process.on('unhandledRejection', (reason) => {
  const error = describeError(reason);
  log.error({ component: 'collector', error }, `collector thread: unhandled rejection: ${error}`);
});

function start(cluster: ClusterConfig, producedTotal: number | null): CycleReader {
  const client = createClusterClient(cluster.id, new ConnectionSettings(cluster, env), log);
  const analyzer = createAnalyzer({ cluster, client });
  if (producedTotal !== null && history !== null) {
    let opened;
    try {
      opened = openHistoryForReading(history);
      seedAnalyzer(analyzer, new HistoryReader(opened.db, cluster.id), {
        clusterId: cluster.id,
        now: Date.now(),
        producedTotal,
        log,
      });
    } catch (failure) {
      const error = describeError(failure);
      log.error(
        { component: 'collector', cluster: cluster.id, error },
        `cluster ${cluster.id}: could not reload history: ${error}`,
      );
    } finally {
      void opened?.close();
    }
  }
  const { policy } = clusterAlertSettings({ alerts }, cluster, Date.now());
  return kafkaCycleReader(client, (snapshot) => analyzer.analyze(snapshot), Date.now, {
    clusterId: cluster.id,
    policy,
  });
}

function recordClient(clusterId: string): KafkaClient {
  const cluster = clusters.find((c) => c.id === clusterId);
  if (!cluster) throw new Error(`cluster ${clusterId} is not configured`);
  const client = createClusterClient(cluster.id, new ConnectionSettings(cluster, env), log);
  recordClients.set(clusterId, client);
  return client;
}

function readerOf(clusterId: string): CycleReader {
  const reader = readers.get(clusterId);
  if (!reader) throw new Error(`cluster ${clusterId} was not started on the collector thread`);
  return reader;
}

async function answer(request: ThreadRequest): Promise<ThreadReply['value']> {
  switch (request.type) {
    case 'start': {
      const cluster = clusters.find((c) => c.id === request.clusterId);
      if (!cluster) throw new Error(`cluster ${request.clusterId} is not configured`);
      // Started again (a replica that polls the cluster again): the memory is reloaded.
      await readers.get(cluster.id)?.close();
      readers.set(cluster.id, start(cluster, request.producedTotal));
      return null;
    }
    case 'read':
      return encodeCycleRead(await readerOf(request.clusterId).read());
    case 'record':
      return encodeRecordAtOffset(await readerOf(request.clusterId).recordAtOffset(request.request));
    case 'record-with': {
      const client = recordClients.get(request.clusterId) ?? recordClient(request.clusterId);
      return encodeRecordAtOffset(await client.recordAtOffset(request.brokers, [request.topic], request.request));
    }
    case 'close': {
      const reader = readers.get(request.clusterId);
      readers.delete(request.clusterId);
      await reader?.close();
      return null;
    }
  }
}

parentPort!.on('message', (request: ThreadRequest) => {
  answer(request).then(
    (value) => parentPort!.postMessage({ id: request.id, value } satisfies ThreadReply),
    (failure) =>
      parentPort!.postMessage({ id: request.id, value: null, error: describeError(failure) } satisfies ThreadReply),
  );
});
