/**
 * Consumer groups: listed by every broker (each lists the groups it coordinates),
 * then described and their committed offsets read in one request per coordinator.
 */
import { describeGroupsV5, listGroupsV5, offsetFetchV8 } from '@platformatic/kafka';
import type { BrokerConnections } from './connection';
import { decodeMemberAssignment } from './consumer-protocol';
import { consumerGroupDescribeV0 } from './protocol/consumer-group-describe';
import { describeError, kafkaErrorName } from './errors';
import type { BrokerNode, GroupDescription, GroupListing, GroupOffsets, PartialFailure, WithFailures } from './types';

/** Share groups (KIP-932) have no committed offsets per partition; they are not consumer groups to us. */
const isShareGroup = (g: GroupListing) => g.groupType === 'share';

function byCoordinator(groups: GroupListing[]): Map<number, GroupListing[]> {
  const map = new Map<number, GroupListing[]>();
  for (const group of groups) map.set(group.coordinator, [...(map.get(group.coordinator) ?? []), group]);
  return map;
}

export async function listGroups(
  connections: BrokerConnections,
  brokers: BrokerNode[],
): Promise<WithFailures<GroupListing[]>> {
  const failures: PartialFailure[] = [];
  const value: GroupListing[] = [];
  await Promise.all(
    brokers.map(async (broker) => {
      try {
        const response = await connections.call(broker, listGroupsV5.api, [], []);
        const error = kafkaErrorName(response.errorCode);
        if (error) failures.push({ operation: 'ListGroups', broker: broker.id, message: error });
        for (const g of response.groups) {
          value.push({
            groupId: g.groupId,
            protocolType: g.protocolType,
            state: g.groupState,
            coordinator: broker.id,
            groupType: g.groupType || null,
          });
        }
      } catch (error) {
        failures.push({ operation: 'ListGroups', broker: broker.id, message: describeError(error) });
      }
    }),
  );
  return { value: value.filter((g) => !isShareGroup(g)), failures };
}

async function describeClassic(
  connections: BrokerConnections,
  broker: BrokerNode,
  groupIds: string[],
): Promise<GroupDescription[]> {
  const response = await connections.call(broker, describeGroupsV5.api, groupIds, false);
  return response.groups.map((g) => ({
    groupId: g.groupId,
    state: g.groupState,
    protocol: 'classic' as const,
    assignor: g.protocolData,
    protocolType: g.protocolType,
    error: kafkaErrorName(g.errorCode),
    // Only the consumer protocol's assignment bytes have a known layout.
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost.replace(/^\//, ''),
      assignment: g.protocolType === 'consumer' ? decodeMemberAssignment(m.memberAssignment) : [],
    })),
  }));
}

async function describeConsumerProtocol(
  connections: BrokerConnections,
  broker: BrokerNode,
  groupIds: string[],
): Promise<GroupDescription[]> {
  const response = await connections.call(broker, consumerGroupDescribeV0, groupIds, false);
  return response.groups.map((g) => ({
    groupId: g.groupId,
    state: g.groupState,
    protocol: 'consumer' as const,
    assignor: g.assignorName,
    protocolType: 'consumer',
    error: kafkaErrorName(g.errorCode),
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost.replace(/^\//, ''),
      assignment: m.assignment
        .map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((a, b) => a - b) }))
        .sort((a, b) => a.topic.localeCompare(b.topic)),
    })),
  }));
}

/** DescribeGroups for classic groups and ConsumerGroupDescribe for KIP-848 groups, batched per coordinator. */
export async function describeGroups(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  groups: GroupListing[],
): Promise<WithFailures<GroupDescription[]>> {
  const failures: PartialFailure[] = [];
  const value: GroupDescription[] = [];
  await Promise.all(
    [...byCoordinator(groups)].map(async ([coordinator, coordinated]) => {
      const broker = brokers.find((b) => b.id === coordinator);
      if (!broker) return;
      const consumerIds = coordinated.filter((g) => g.groupType === 'consumer').map((g) => g.groupId);
      const classicIds = coordinated.filter((g) => g.groupType !== 'consumer').map((g) => g.groupId);
      const parts: [string, () => Promise<GroupDescription[]>][] = [];
      if (classicIds.length > 0) parts.push(['DescribeGroups', () => describeClassic(connections, broker, classicIds)]);
      if (consumerIds.length > 0)
        parts.push(['ConsumerGroupDescribe', () => describeConsumerProtocol(connections, broker, consumerIds)]);
      await Promise.all(
        parts.map(async ([operation, run]) => {
          try {
            value.push(...(await run()));
          } catch (error) {
            failures.push({ operation, broker: coordinator, message: describeError(error) });
          }
        }),
      );
    }),
  );
  return { value, failures };
}

/** OffsetFetch v8 asks for many groups at once; null topics means every committed partition. */
export async function fetchCommittedOffsets(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  groups: GroupListing[],
): Promise<WithFailures<GroupOffsets[]>> {
  const failures: PartialFailure[] = [];
  const value: GroupOffsets[] = [];
  await Promise.all(
    [...byCoordinator(groups)].map(async ([coordinator, coordinated]) => {
      const broker = brokers.find((b) => b.id === coordinator);
      if (!broker) return;
      try {
        const request = coordinated.map((g) => ({ groupId: g.groupId, memberId: null, memberEpoch: -1, topics: null }));
        const response = await connections.call(broker, offsetFetchV8.api, request, false);
        for (const g of response.groups) {
          value.push({
            groupId: g.groupId,
            error: kafkaErrorName(g.errorCode),
            offsets: g.topics.flatMap((t) =>
              t.partitions
                .filter((p) => p.errorCode === 0 && p.committedOffset >= 0n)
                .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset) })),
            ),
          });
        }
      } catch (error) {
        failures.push({ operation: 'OffsetFetch', broker: coordinator, message: describeError(error) });
      }
    }),
  );
  return { value, failures };
}
