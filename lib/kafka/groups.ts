/**
 * Consumer groups: listed by every broker (each lists the groups it coordinates),
 * then described and their committed offsets read in one request per coordinator.
 */
import { describeGroupsV5, listGroupsV4, listGroupsV5, offsetFetchV8 } from '@platformatic/kafka';
import {
  GROUP_AUTHORIZATION_FAILED,
  notAuthorisedFailure,
  notAuthorisedMessage,
  TOPIC_AUTHORIZATION_FAILED,
} from './authorization';
import type { BrokerConnections } from './connection';
import { decodeMemberAssignment } from './consumer-protocol';
import { consumerGroupDescribeV0 } from './protocol/consumer-group-describe';
import { offsetFetchV7 } from './protocol/offset-fetch-v7';
import { failureOf, kafkaErrorName } from './errors';
import type { BrokerNode, GroupDescription, GroupListing, GroupOffsets, PartialFailure, WithFailures } from './types';

/** Share groups (KIP-932) have no committed offsets per partition; they are not consumer groups to us. */
const isShareGroup = (g: GroupListing) => g.groupType === 'share';

/** v4 has no type filter and no group type in the answer: every group is listed, typed null. */
const LIST_GROUPS = { 5: listGroupsV5.api, 4: listGroupsV4.api } as unknown as Record<number, typeof listGroupsV5.api>;

/** OffsetFetch v7 asks for one group per request: this many at once per coordinator. */
const SINGLE_GROUP_CONCURRENCY = 16;

/** A group's error as the user reads it: a refusal says which permission is missing. */
function groupError(groupId: string, errorCode: number): string | null {
  if (errorCode === GROUP_AUTHORIZATION_FAILED) {
    return notAuthorisedMessage('Describe', { type: 'group', names: [groupId] });
  }
  // A KIP-848 group is refused as a whole when one of its topics cannot be described.
  if (errorCode === TOPIC_AUTHORIZATION_FAILED) {
    return notAuthorisedMessage('Describe', { type: 'topics of group', names: [groupId] });
  }
  return kafkaErrorName(errorCode);
}

/** A coordinator's answers: the descriptions, and each group's error code (refusals are reported for all coordinators at once). */
interface Described {
  value: GroupDescription[];
  codes: { groupId: string; errorCode: number }[];
}

/** One not-authorised failure per refused request and kind, naming the groups refused on every coordinator. */
function refusals(operation: string, groups: { groupId: string; errorCode: number }[]): PartialFailure[] {
  const refused = (code: number) => groups.filter((g) => g.errorCode === code).map((g) => g.groupId);
  const byGroup = refused(GROUP_AUTHORIZATION_FAILED);
  const byTopic = refused(TOPIC_AUTHORIZATION_FAILED);
  return [
    ...(byGroup.length > 0 ? [notAuthorisedFailure(operation, 'Describe', { type: 'group', names: byGroup })] : []),
    ...(byTopic.length > 0
      ? [notAuthorisedFailure(operation, 'Describe', { type: 'topics of group', names: byTopic })]
      : []),
  ];
}

function byCoordinator(groups: GroupListing[]): Map<number, GroupListing[]> {
  const map = new Map<number, GroupListing[]>();
  // Appended in place: copying the list per group was quadratic in the groups of a coordinator.
  for (const group of groups) {
    const coordinated = map.get(group.coordinator);
    if (coordinated) coordinated.push(group);
    else map.set(group.coordinator, [group]);
  }
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
        const version = await connections.version(broker, 'ListGroups');
        const response = await connections.call(broker, LIST_GROUPS[version], [], []);
        const error = kafkaErrorName(response.errorCode);
        if (error) failures.push({ operation: 'ListGroups', broker: broker.id, message: error });
        for (const g of response.groups) {
          value.push({
            groupId: g.groupId,
            protocolType: g.protocolType,
            state: g.groupState,
            coordinator: broker.id,
            groupType: version >= 5 ? g.groupType || null : null,
          });
        }
      } catch (error) {
        failures.push(failureOf('ListGroups', broker.id, error));
      }
    }),
  );
  return { value: value.filter((g) => !isShareGroup(g)), failures };
}

async function describeClassic(
  connections: BrokerConnections,
  broker: BrokerNode,
  groupIds: string[],
): Promise<Described> {
  await connections.version(broker, 'DescribeGroups');
  const response = await connections.call(broker, describeGroupsV5.api, groupIds, false);
  const value = response.groups.map((g) => ({
    groupId: g.groupId,
    state: g.groupState,
    protocol: 'classic' as const,
    assignor: g.protocolData,
    protocolType: g.protocolType,
    error: groupError(g.groupId, g.errorCode),
    // Only the consumer protocol's assignment bytes have a known layout.
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost.replace(/^\//, ''),
      assignment: g.protocolType === 'consumer' ? decodeMemberAssignment(m.memberAssignment) : [],
    })),
  }));
  return { value, codes: response.groups };
}

async function describeConsumerProtocol(
  connections: BrokerConnections,
  broker: BrokerNode,
  groupIds: string[],
): Promise<Described> {
  await connections.version(broker, 'ConsumerGroupDescribe');
  const response = await connections.call(broker, consumerGroupDescribeV0, groupIds, false);
  const value = response.groups.map((g) => ({
    groupId: g.groupId,
    state: g.groupState,
    protocol: 'consumer' as const,
    assignor: g.assignorName,
    protocolType: 'consumer',
    error: groupError(g.groupId, g.errorCode),
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost.replace(/^\//, ''),
      assignment: m.assignment
        .map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((a, b) => a - b) }))
        .sort((a, b) => a.topic.localeCompare(b.topic)),
    })),
  }));
  return { value, codes: response.groups };
}

type Operation = 'DescribeGroups' | 'ConsumerGroupDescribe';

/** DescribeGroups for classic groups and ConsumerGroupDescribe for KIP-848 groups, batched per coordinator. */
export async function describeGroups(
  connections: BrokerConnections,
  brokers: BrokerNode[],
  groups: GroupListing[],
): Promise<WithFailures<GroupDescription[]>> {
  const failures: PartialFailure[] = [];
  const value: GroupDescription[] = [];
  const codes: Record<Operation, Described['codes']> = { DescribeGroups: [], ConsumerGroupDescribe: [] };
  await Promise.all(
    [...byCoordinator(groups)].map(async ([coordinator, coordinated]) => {
      const broker = brokers.find((b) => b.id === coordinator);
      if (!broker) return;
      const consumerIds = coordinated.filter((g) => g.groupType === 'consumer').map((g) => g.groupId);
      const classicIds = coordinated.filter((g) => g.groupType !== 'consumer').map((g) => g.groupId);
      const parts: [Operation, () => Promise<Described>][] = [];
      if (classicIds.length > 0) parts.push(['DescribeGroups', () => describeClassic(connections, broker, classicIds)]);
      if (consumerIds.length > 0)
        parts.push(['ConsumerGroupDescribe', () => describeConsumerProtocol(connections, broker, consumerIds)]);
      await Promise.all(
        parts.map(async ([operation, run]) => {
          try {
            const described = await run();
            value.push(...described.value);
            codes[operation].push(...described.codes);
          } catch (error) {
            failures.push(failureOf(operation, coordinator, error));
          }
        }),
      );
    }),
  );
  failures.push(...refusals('DescribeGroups', codes.DescribeGroups));
  failures.push(...refusals('ConsumerGroupDescribe', codes.ConsumerGroupDescribe));
  return { value, failures };
}

type CommittedPartitions = {
  name: string;
  partitions: { partitionIndex: number; committedOffset: bigint; errorCode: number }[];
}[];

/**
 * A group's committed offsets. Asked for every topic, Kafka leaves out the topics the user
 * may not describe (see lib/collector/hidden-topics.ts); a topic it names as refused instead
 * makes the group's error, unless the group itself was refused.
 */
function committedOffsets(groupId: string, errorCode: number, topics: CommittedPartitions): GroupOffsets {
  const refused = topics
    .filter((t) => t.partitions.some((p) => p.errorCode === TOPIC_AUTHORIZATION_FAILED))
    .map((t) => t.name);
  const topicsRefused = refused.length > 0 ? notAuthorisedMessage('Describe', { type: 'topic', names: refused }) : null;
  return {
    groupId,
    // A refused group is the same refusal as DescribeGroups', which reports it as a failure.
    error: groupError(groupId, errorCode) ?? topicsRefused,
    offsets: topics.flatMap((t) =>
      t.partitions
        .filter((p) => p.errorCode === 0 && p.committedOffset >= 0n)
        .map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset) })),
    ),
  };
}

/** OffsetFetch v8: every group of a coordinator in one request; null topics means every committed partition. */
async function fetchMany(connections: BrokerConnections, broker: BrokerNode, groups: GroupListing[]) {
  const request = groups.map((g) => ({ groupId: g.groupId, memberId: null, memberEpoch: -1, topics: null }));
  const response = await connections.call(broker, offsetFetchV8.api, request, false);
  return response.groups.map((g) => committedOffsets(g.groupId, g.errorCode, g.topics));
}

/** OffsetFetch v7 (before Kafka 3.0): one request per group, a few at a time. */
async function fetchOneByOne(connections: BrokerConnections, broker: BrokerNode, groups: GroupListing[]) {
  const out: GroupOffsets[] = [];
  for (let i = 0; i < groups.length; i += SINGLE_GROUP_CONCURRENCY) {
    const batch = groups.slice(i, i + SINGLE_GROUP_CONCURRENCY);
    const answers = await Promise.all(batch.map((g) => connections.call(broker, offsetFetchV7, g.groupId, false)));
    answers.forEach((a, j) => out.push(committedOffsets(batch[j].groupId, a.errorCode, a.topics)));
  }
  return out;
}

/** Committed offsets of every group, asked of its coordinator at the best version it serves. */
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
        const version = await connections.version(broker, 'OffsetFetch');
        const fetch = version >= 8 ? fetchMany : fetchOneByOne;
        value.push(...(await fetch(connections, broker, coordinated)));
      } catch (error) {
        failures.push(failureOf('OffsetFetch', coordinator, error));
      }
    }),
  );
  return { value, failures };
}
