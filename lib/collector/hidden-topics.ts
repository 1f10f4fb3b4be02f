/**
 * Topics the user may not describe. Metadata leaves them out without a word, and so does
 * OffsetFetch with the groups' committed offsets on them; but the brokers' log dirs
 * (DescribeLogDirs, Describe on the cluster) and the groups' member assignments still name
 * them. Said as a refusal of Metadata, so the pages and the log show what is missing. Which of
 * the unlisted topics are refused, and not deleted, Kafka says when asked by name (see
 * collect-cycle.ts); hiddenTopicsFailure is the guess for when it could not be asked.
 */
import { notAuthorisedFailure } from '../kafka/authorization';
import type { PartialFailure } from '../kafka/types';
import type { ClusterSnapshot } from './snapshot';

type Seen = Pick<ClusterSnapshot, 'topics' | 'replicaSizes' | 'groups'>;

/** Topic names in the log dirs or the member assignments that Metadata did not list. */
export function unlistedTopics(snapshot: Seen): Set<string> {
  const listed = new Set(snapshot.topics.map((t) => t.name));
  const named = [
    ...snapshot.replicaSizes.map((r) => r.topic),
    ...snapshot.groups.flatMap((g) => g.members.flatMap((m) => m.assignment.map((a) => a.topic))),
  ];
  return new Set(named.filter((topic) => !listed.has(topic)));
}

/** The Metadata refusal naming `refused` topics; nothing when there are none. */
export function topicsRefusal(refused: string[]): PartialFailure[] {
  return refused.length === 0 ? [] : [notAuthorisedFailure('Metadata', 'Describe', { type: 'topic', names: refused })];
}

/**
 * When the unlisted topics could not be asked about by name: the Metadata refusal for topics
 * unlisted in this cycle and the previous one: a topic created
 * between this cycle's Metadata and DescribeLogDirs is listed by the next, not mistaken for hidden.
 */
export function hiddenTopicsFailure(current: Seen, previous: Seen | null): PartialFailure[] {
  const before = previous ? unlistedTopics(previous) : null;
  const hidden = [...unlistedTopics(current)].filter((topic) => before === null || before.has(topic));
  return topicsRefusal(hidden);
}
