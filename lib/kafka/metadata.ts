/**
 * Cluster metadata (brokers, topics, partitions) with per-partition errors kept,
 * and broker reachability with round-trip latency.
 */
import { metadataV10, metadataV11, metadataV12, metadataV9 } from '@platformatic/kafka';
import type { BrokerAddress, BrokerConnections } from './connection';
import { clusterConnectionError } from './connection-failure';
import { TOPIC_AUTHORIZATION_FAILED } from './authorization';
import { describeError, kafkaErrorName } from './errors';
import { clusterModeOf } from './protocol-versions';
import type { BrokerNode, ClusterMetadata } from './types';

/** The fields we read are the same in v9–v12 (v12 only drops topic authorized operations' use). */
const METADATA = { 12: metadataV12.api, 11: metadataV11.api, 10: metadataV10.api, 9: metadataV9.api } as Record<
  number,
  typeof metadataV12.api
>;

/**
 * Asks the candidates in turn for the first answer. A candidate that has not answered
 * after `hedgeMs` (a hung broker takes the whole request timeout) gets company: the next
 * one is asked too, and whichever answers first wins. One that fails hands over at once.
 * Rejects with every candidate's error, in candidate order, when none answers.
 */
export function firstAnswer<C, T>(candidates: C[], ask: (candidate: C) => Promise<T>, hedgeMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const errors: unknown[] = [];
    let started = 0;
    let failed = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const askNext = () => {
      clearTimeout(timer);
      if (settled || started >= candidates.length) return;
      const index = started++;
      ask(candidates[index]).then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          errors[index] = error;
          failed++;
          if (settled) return;
          if (failed === candidates.length) {
            settled = true;
            reject(errors);
          } else if (failed === started) askNext();
        },
      );
      if (started < candidates.length) timer = setTimeout(askNext, hedgeMs);
    };
    if (candidates.length === 0) reject(errors);
    else askNext();
  });
}

/** How long a metadata request waits for an answer before the next broker is asked too. */
const METADATA_HEDGE_MS = 1000;

/**
 * Metadata from the first candidate to answer (see firstAnswer); brokers that did not
 * answer in time last cycle are asked last. Throws with every error when none answers.
 */
export async function fetchMetadata(
  connections: BrokerConnections,
  candidates: BrokerAddress[],
): Promise<ClusterMetadata> {
  const seen = new Set<string>();
  const unique = candidates.filter((c) => {
    const key = `${c.host}:${c.port}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const ordered = [
    ...unique.filter((c) => !connections.wasUnresponsive(c)),
    ...unique.filter((c) => connections.wasUnresponsive(c)),
  ];
  const ask = async (candidate: BrokerAddress): Promise<ClusterMetadata> => {
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
  };
  try {
    return await firstAnswer(ordered, ask, METADATA_HEDGE_MS);
  } catch (errors) {
    throw clusterConnectionError(
      ordered.map((c, i) => {
        const error = (errors as unknown[])[i];
        return { address: `${c.host}:${c.port}`, error, message: describeError(error) };
      }),
    );
  }
}

/**
 * Of `names` (topics other answers named but Metadata did not list), those this user may not
 * describe: asked by name, a topic it may not see answers TOPIC_AUTHORIZATION_FAILED, one
 * deleted meanwhile UNKNOWN_TOPIC_OR_PARTITION, and one created meanwhile its metadata.
 * Never creates a topic.
 */
export async function fetchRefusedTopics(connections: BrokerConnections, brokers: BrokerNode[], names: string[]) {
  if (names.length === 0) return [];
  const ask = async (broker: BrokerNode): Promise<string[]> => {
    const version = await connections.version(broker, 'Metadata');
    const response = await connections.call(broker, METADATA[version], names, false, false);
    return response.topics
      .filter((t) => t.errorCode === TOPIC_AUTHORIZATION_FAILED && t.name !== null)
      .map((t) => t.name as string);
  };
  return firstAnswer(brokers, ask, METADATA_HEDGE_MS);
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
