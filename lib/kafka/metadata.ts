/**
 * Cluster metadata (brokers, topics, partitions) with per-partition errors kept,
 * and broker reachability with round-trip latency.
 */
import { metadataV10, metadataV11, metadataV12, metadataV9 } from '@platformatic/kafka';
import type { BrokerAddress, BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import { clusterModeOf } from './protocol-versions';
import type { BrokerNode, ClusterMetadata } from './types';

/** The fields we read are the same in v9–v12 (v12 only drops topic authorized operations' use). */
const METADATA = { 12: metadataV12.api, 11: metadataV11.api, 10: metadataV10.api, 9: metadataV9.api } as Record<
  number,
  typeof metadataV12.api
>;

/** Asks each candidate in turn until one answers; throws with every error when none does. */
export async function fetchMetadata(
  connections: BrokerConnections,
  candidates: BrokerAddress[],
): Promise<ClusterMetadata> {
  const errors: string[] = [];
  for (const candidate of candidates) {
    try {
      const version = await connections.version(candidate, 'Metadata');
      // null asks for every topic.
      const response = await connections.call(candidate, METADATA[version], null, false, false);
      return {
        clusterId: response.clusterId ?? null,
        mode: clusterModeOf(await connections.apis(candidate)),
        metadataControllerId: response.controllerId,
        brokers: response.brokers
          .map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null }))
          .sort((a, b) => a.id - b.id),
        topics: response.topics
          .filter((t) => t.name !== null)
          .map((t) => ({
            name: t.name as string,
            internal: t.isInternal,
            partitions: t.partitions
              .map((p) => ({
                partition: p.partitionIndex,
                leader: p.leaderId,
                replicas: p.replicaNodes,
                isr: p.isrNodes,
                offlineReplicas: p.offlineReplicas,
                error: kafkaErrorName(p.errorCode),
              }))
              .sort((a, b) => a.partition - b.partition),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    } catch (error) {
      errors.push(`${candidate.host}:${candidate.port}: ${describeError(error)}`);
    }
  }
  throw new Error(`no broker answered a metadata request (${errors.join('; ')})`);
}

export interface BrokerProbe {
  id: number;
  reachable: boolean;
  latencyMs: number | null;
  error: string | null;
}

/** One small request (ApiVersions) per broker, timed: reachability and request latency. */
export async function probeBrokers(connections: BrokerConnections, brokers: BrokerNode[]): Promise<BrokerProbe[]> {
  return Promise.all(
    brokers.map(async (broker) => {
      const startedAt = performance.now();
      try {
        // Also reads which versions the broker serves, for this cycle's requests.
        await connections.refreshApis(broker);
        return {
          id: broker.id,
          reachable: true,
          latencyMs: Math.round((performance.now() - startedAt) * 10) / 10,
          error: null,
        };
      } catch (error) {
        return { id: broker.id, reachable: false, latencyMs: null, error: describeError(error) };
      }
    }),
  );
}
