/**
 * One collection cycle: metadata first (without it there is nothing to ask), then
 * everything else in parallel. A failing part is recorded and the rest completes.
 */
import type { KafkaClient } from '../kafka/kafka-client';
import type {
  BrokerNode,
  GroupDescription,
  GroupListing,
  GroupOffsets,
  PartialFailure,
  WithFailures,
} from '../kafka/types';
import { hiddenTopicsFailure, topicsRefusal, unlistedTopics } from './hidden-topics';
import { mergeBrokers } from './known-brokers';
import type { ClusterSnapshot, GroupState } from './snapshot';

/** Looked up by id: with a `find` per listed group, 1,000 groups cost a million comparisons a cycle. */
function mergeGroups(listed: GroupListing[], described: GroupDescription[], committed: GroupOffsets[]): GroupState[] {
  const descriptions = firstById(described);
  const committedOffsets = firstById(committed);
  return listed.map((listing) => {
    const description = descriptions.get(listing.groupId);
    const offsets = committedOffsets.get(listing.groupId);
    return {
      groupId: listing.groupId,
      state: description && !description.error ? description.state : listing.state,
      protocol: description?.protocol ?? (listing.groupType === 'consumer' ? 'consumer' : 'classic'),
      protocolType: listing.protocolType,
      coordinator: listing.coordinator,
      members: description?.members ?? [],
      offsets: offsets?.offsets ?? [],
      error: description?.error ?? offsets?.error ?? null,
    } satisfies GroupState;
  });
}

/** By group id, the first entry of each (as `find` would pick). */
function firstById<T extends { groupId: string }>(entries: T[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const entry of entries) if (!byId.has(entry.groupId)) byId.set(entry.groupId, entry);
  return byId;
}

/**
 * Groups are listed by their coordinators: when one does not answer ListGroups, its groups
 * would vanish from the page for the length of the outage. They stay, from the previous
 * snapshot, without offsets and with the reason, until a coordinator lists them again.
 */
function unlistedGroups(previous: GroupState[], listed: GroupListing[], failures: PartialFailure[]): GroupState[] {
  const silent = new Map(failures.map((f) => [f.broker, f.message]));
  const names = new Set(listed.map((g) => g.groupId));
  return previous
    .filter((g) => silent.has(g.coordinator) && !names.has(g.groupId))
    .map((g) => ({
      ...g,
      offsets: [],
      error: `its coordinator, broker ${g.coordinator}, did not answer ListGroups: ${silent.get(g.coordinator)}`,
    }));
}

export async function collectCycle(
  client: KafkaClient,
  previous: ClusterSnapshot | null,
  now: () => number = Date.now,
): Promise<ClusterSnapshot> {
  const startedAt = now();
  client.beginCycle();
  const metadata = await client.metadata();
  const metadataAt = now();
  const live = metadata.brokers;
  const at: Partial<ClusterSnapshot['partCollectedAt']> = { metadata: metadataAt };
  const timed = async <T>(part: keyof ClusterSnapshot['partCollectedAt'], work: Promise<T>): Promise<T> => {
    const value = await work;
    at[part] = now();
    return value;
  };
  const listed = client.listGroups(live);
  const described = listed.then((l) => client.describeGroups(live, l.value));
  // Committed offsets are read between log start and end offsets (see OffsetsOptions).
  let committed: Promise<WithFailures<GroupOffsets[]>> | undefined;
  const readCommitted = async () => {
    committed = listed.then((l) => client.committedOffsets(live, l.value));
    await committed;
  };
  const readGroups = async () => ({
    listed: await listed,
    described: await described,
    // Normally read by the offsets part; read here if it never got that far.
    committed: await (committed ?? listed.then((l) => client.committedOffsets(live, l.value))),
  });

  const [probes, controller, offsets, configs, logDirs] = await Promise.all([
    client.probeBrokers(live),
    timed('controller', client.activeController(live, metadata)),
    timed('offsets', client.partitionOffsets(live, metadata.topics, { betweenStartAndEnd: readCommitted })),
    timed(
      'configs',
      client.topicConfigs(
        live,
        metadata.topics.map((t) => t.name),
      ),
    ),
    timed('logDirs', client.logDirs(live)),
  ]);
  const groups = await timed('groups', readGroups());

  const collectedAt = now();
  const snapshot: ClusterSnapshot = {
    clusterId: metadata.clusterId,
    mode: metadata.mode,
    startedAt,
    collectedAt,
    durationMs: collectedAt - startedAt,
    requestCount: client.requestCount,
    controllerId: controller.value,
    brokers: mergeBrokers(live, probes, previous?.brokers ?? [], metadata.topics),
    topics: metadata.topics,
    offsets: offsets.value,
    topicConfigs: configs.value,
    replicaSizes: logDirs.value.replicas,
    logDirs: logDirs.value.dirs,
    groups: [
      ...mergeGroups(groups.listed.value, groups.described.value, groups.committed.value),
      ...unlistedGroups(previous?.groups ?? [], groups.listed.value, groups.listed.failures),
    ].sort((a, b) => a.groupId.localeCompare(b.groupId)),
    partCollectedAt: at as ClusterSnapshot['partCollectedAt'],
    failures: [
      ...probes
        .filter((p) => !p.reachable)
        .map((p) => ({ operation: 'ApiVersions', broker: p.id, message: p.error ?? 'unreachable' })),
      ...controller.failures,
      ...offsets.failures,
      ...configs.failures,
      ...logDirs.failures,
      ...groups.listed.failures,
      ...groups.described.failures,
      ...groups.committed.failures,
    ],
  };
  // Topics the user may not describe are left out of Metadata without a word: say so.
  return { ...snapshot, failures: [...snapshot.failures, ...(await hiddenTopics(client, live, snapshot, previous))] };
}

/**
 * Topics the log dirs or member assignments name but Metadata did not list are asked about by
 * name: refused ones are hidden, the rest were deleted or created meanwhile. A deleted topic
 * still in a group's assignment is not "not authorised" (it was, for a user allowed everything).
 */
async function hiddenTopics(
  client: KafkaClient,
  live: BrokerNode[],
  snapshot: ClusterSnapshot,
  previous: ClusterSnapshot | null,
): Promise<PartialFailure[]> {
  const unlisted = [...unlistedTopics(snapshot)];
  if (unlisted.length === 0) return [];
  try {
    return topicsRefusal(await client.refusedTopics(live, unlisted));
  } catch {
    // Not answered: judged from what this cycle and the previous one saw.
    return hiddenTopicsFailure(snapshot, previous);
  }
}
