/** One string key per topic-partition, for maps (NUL cannot appear in a topic name). */
export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The topic and partition number of a partitionKey. */
export function splitPartitionKey(key: string): { topic: string; partition: number } {
  const at = key.lastIndexOf('\u0000');
  return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) };
}

/** The partitionKeys a live member of the group is assigned. */
export function ownedPartitions(group: {
  members: { assignment: { topic: string; partitions: number[] }[] }[];
}): Set<string> {
  return new Set(
    group.members.flatMap((m) => m.assignment.flatMap((a) => a.partitions.map((p) => partitionKey(a.topic, p)))),
  );
}

/** The member each partition is assigned to, by partitionKey. */
export function partitionOwners<M extends { assignment: { topic: string; partitions: number[] }[] }>(group: {
  members: M[];
}): Map<string, M> {
  const owners = new Map<string, M>();
  for (const member of group.members) {
    for (const a of member.assignment) for (const p of a.partitions) owners.set(partitionKey(a.topic, p), member);
  }
  return owners;
}
