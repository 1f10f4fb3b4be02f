/**
 * What the route handlers call: read the collector's latest state, never Kafka.
 */
import { getClusterPolling, getStore } from '../collector/runtime';
import type { ClusterState } from '../collector/snapshot';
import { NotFoundError, NotReadyError } from './errors';
import { unknownClusterMessage, unknownGroupMessage, unknownTopicMessage } from './not-found-messages';
import type { BrokersResponse, ClustersResponse, GroupResponse, TopicResponse } from './schemas';
import { AnswerCache } from './answer-cache';
import type { CachedBody } from './cached-body';
import { brokersView, clusterSummary } from './views/cluster-views';
import { freshness } from './views/freshness';
import { groupsOfCycle, groupView } from './views/group-views';
import { topicsOfCycle, topicView } from './views/topic-views';

/** A configured cluster, collected yet or not. */
function configuredCluster(clusterId: string): ClusterState {
  const state = getStore().get(clusterId);
  if (!state) throw new NotFoundError(unknownClusterMessage(clusterId));
  return state;
}

function collectedCluster(clusterId: string): ClusterState {
  const state = configuredCluster(clusterId);
  if (!state.snapshot) {
    throw new NotReadyError(
      state.error
        ? `cluster "${clusterId}" is unreachable: ${state.error}`
        : `cluster "${clusterId}" has not been collected yet`,
    );
  }
  return state;
}

function findTopic(state: ClusterState, topicName: string) {
  const topic = state.snapshot!.topics.find((t) => t.name === topicName);
  if (!topic) throw new NotFoundError(unknownTopicMessage(state.id, topicName));
  return topic;
}

function findGroup(state: ClusterState, groupId: string) {
  const group = state.snapshot!.groups.find((g) => g.groupId === groupId);
  if (!group) throw new NotFoundError(unknownGroupMessage(state.id, groupId));
  return group;
}

/**
 * For pages, the API's 404 rules: throws the NotFoundError the API would answer for an
 * unknown cluster, topic or group. A configured cluster is known before its first
 * collection; a topic or group is unknown only once the cluster has a snapshot without
 * it (before that the page renders and shows it loading).
 */
export function checkPageSubject(clusterId: string, subject: { topic?: string; group?: string } = {}): void {
  const state = configuredCluster(clusterId);
  if (!state.snapshot) return;
  if (subject.topic !== undefined) findTopic(state, subject.topic);
  if (subject.group !== undefined) findGroup(state, subject.group);
}

/** `visible`: which clusters the asker may see (request-access.ts's clusterFilter). */
export function readClusters(visible: (clusterId: string) => boolean = () => true): ClustersResponse {
  return {
    clusters: getStore()
      .list()
      .filter((state) => visible(state.id))
      .map((state) => {
        const polling = getClusterPolling(state.id);
        return polling ? { ...clusterSummary(state), polling } : clusterSummary(state);
      }),
  };
}

export function readBrokers(clusterId: string): BrokersResponse {
  return brokersView(collectedCluster(clusterId));
}

export function readTopic(clusterId: string, topicName: string): TopicResponse {
  const state = collectedCluster(clusterId);
  return topicView(state, findTopic(state, topicName));
}

const groupsAnswers = new AnswerCache();
const topicsAnswers = new AnswerCache();

/**
 * The lists at scale (1,000 groups, 10,000 partitions) cost tens of milliseconds of CPU
 * to build and serialize, and change only once per cycle: serialized once per cycle of
 * each cluster (its snapshot and analysis), with the freshness made per request.
 */
export function readGroupsBody(clusterId: string): CachedBody {
  const state = collectedCluster(clusterId);
  return groupsAnswers.answer(state.id, [state.snapshot, state.analysis], freshness(state), () => groupsOfCycle(state));
}

export function readTopicsBody(clusterId: string): CachedBody {
  const state = collectedCluster(clusterId);
  return topicsAnswers.answer(state.id, [state.snapshot, state.analysis], freshness(state), () => topicsOfCycle(state));
}

export function readGroup(clusterId: string, groupId: string): GroupResponse {
  const state = collectedCluster(clusterId);
  return groupView(state, findGroup(state, groupId));
}
