/**
 * Cluster metadata (brokers, topics, partitions) with per-partition errors kept,
 * and broker reachability with round-trip latency.
 */
import { apiVersionsV3, metadataV12 } from '@platformatic/kafka';
import type { BrokerAddress, BrokerConnections } from './connection';
import { describeError, kafkaErrorName } from './errors';
import type { BrokerNode, ClusterMetadata } from './types';

/** Asks each candidate in turn until one answers; throws with every error when none does. */
export async function fetchMetadata(
  connections: BrokerConnections,
  candidates: BrokerAddress[],
): Promise<ClusterMetadata> {
  const errors: string[] = [];
  for (const candidate of candidates) {
    try {
      // null asks for every topic.
      const response = await connections.call(candidate, metadataV12.api, null, false, false);
      return {
        clusterId: response.clusterId ?? null,
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
        await connections.call(broker, apiVersionsV3.api, 'watermark', '0.1.0');
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
