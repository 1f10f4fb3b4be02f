/**
 * What the route handlers call: read the collector's latest state, never Kafka.
 */
import { getStore } from '../collector/runtime';
import type { ClusterState } from '../collector/snapshot';
import { NotFoundError, NotReadyError } from './errors';
import type {
  BrokersResponse,
  ClustersResponse,
  GroupResponse,
  GroupsResponse,
  TopicResponse,
  TopicsResponse,
} from './schemas';
import { brokersView, clusterSummary } from './views/cluster-views';
import { groupsView, groupView } from './views/group-views';
import { topicsView, topicView } from './views/topic-views';

function collectedCluster(clusterId: string): ClusterState {
  const state = getStore().get(clusterId);
  if (!state) throw new NotFoundError(`unknown cluster "${clusterId}"`);
  if (!state.snapshot) {
    throw new NotReadyError(
      state.error
        ? `cluster "${clusterId}" is unreachable: ${state.error}`
        : `cluster "${clusterId}" has not been collected yet`,
    );
  }
  return state;
}

export function readClusters(): ClustersResponse {
  return { clusters: getStore().list().map(clusterSummary) };
}

export function readBrokers(clusterId: string): BrokersResponse {
  return brokersView(collectedCluster(clusterId));
}

export function readTopics(clusterId: string): TopicsResponse {
  return topicsView(collectedCluster(clusterId));
}

export function readTopic(clusterId: string, topicName: string): TopicResponse {
  const state = collectedCluster(clusterId);
  const topic = state.snapshot!.topics.find((t) => t.name === topicName);
  if (!topic) throw new NotFoundError(`unknown topic "${topicName}" in cluster "${clusterId}"`);
  return topicView(state, topic);
}

export function readGroups(clusterId: string): GroupsResponse {
  return groupsView(collectedCluster(clusterId));
}

export function readGroup(clusterId: string, groupId: string): GroupResponse {
  const state = collectedCluster(clusterId);
  const group = state.snapshot!.groups.find((g) => g.groupId === groupId);
  if (!group) throw new NotFoundError(`unknown consumer group "${groupId}" in cluster "${clusterId}"`);
  return groupView(state, group);
}
