'use client';
/**
 * "What is it stuck on?": the record at the group's committed offset on one partition,
 * read from Kafka when the panel opens on a STALL or STOP partition (the one furthest
 * behind when first seen, kept while it stays stuck) or when one is chosen; never polled.
 * The choice is kept in the URL (?record=).
 */
import { useMemo, useState } from 'react';
import { useNow } from '@/components/ui/data-age';
import { QueryError } from '@/components/ui/query-status';
import { replaceSearchParam } from '@/components/ui/replace-search';
import { useGroupRecord } from '@/lib/api/client/hooks';
import { choiceKey, parseChoice, type PartitionChoice } from '@/lib/api/search-params';
import type { GroupPartitionView } from '@/lib/api/schemas';
import { formatExact } from '@/lib/format/format-number';
import { RecordDetails } from './record-details';

const STUCK = new Set(['STALL', 'STOP']);

/** The stuck partition furthest behind, if any: what the panel reads without being asked. */
export function stuckChoice(partitions: GroupPartitionView[]): PartitionChoice | null {
  const stuck = partitions
    .filter((p) => p.status !== null && STUCK.has(p.status) && p.committedOffset !== null)
    .sort((a, b) => (b.lag ?? 0) - (a.lag ?? 0));
  return stuck[0] ? { topic: stuck[0].topic, partition: stuck[0].partition } : null;
}

/**
 * The partition to read by itself, across the page's polls: the one read before while it
 * is still stuck, so that two stuck partitions whose lags overtake each other do not swap
 * (each swap is another Fetch and another record on screen); else the one furthest behind.
 */
export function keepStuckChoice(
  previous: PartitionChoice | null,
  partitions: GroupPartitionView[],
): PartitionChoice | null {
  const stillStuck =
    previous &&
    partitions.some(
      (p) =>
        p.topic === previous.topic &&
        p.partition === previous.partition &&
        p.status !== null &&
        STUCK.has(p.status) &&
        p.committedOffset !== null,
    );
  return stillStuck ? previous : stuckChoice(partitions);
}

interface StuckRecordPanelProps {
  cluster: string;
  group: string;
  partitions: GroupPartitionView[];
  /** The partition chosen in the URL; undefined: none chosen (the stuck one, if any, is read). */
  chosen: PartitionChoice | null | undefined;
  onChoose: (choice: PartitionChoice | null) => void;
}

export function StuckRecordPanel({ cluster, group, partitions, chosen, onChoose }: StuckRecordPanelProps) {
  const readable = useMemo(() => partitions.filter((p) => p.committedOffset !== null), [partitions]);
  // Kept from one poll to the next (set during render, as React does for state derived from props).
  const [pinned, setPinned] = useState<PartitionChoice | null>(null);
  const automatic = keepStuckChoice(pinned, partitions);
  if (automatic !== pinned) setPinned(automatic);
  const choice = chosen === undefined ? automatic : chosen;
  const { data, error, isFetching, refetch } = useGroupRecord(cluster, group, choice);
  const zone = useNow() === null ? 'UTC' : undefined;
  if (readable.length === 0) return null;
  const answer = data && choice && data.topic === choice.topic && data.partition === choice.partition ? data : null;
  return (
    <section className="group-panel" aria-labelledby="stuck-record-heading" data-testid="stuck-record">
      <h2 id="stuck-record-heading">The record at the committed offset</h2>
      <div className="record-chooser">
        <label htmlFor="record-partition">Partition</label>
        <select
          id="record-partition"
          value={choice ? choiceKey(choice) : ''}
          onChange={(event) => onChoose(parseChoice(event.target.value))}
        >
          <option value="">choose a partition…</option>
          {readable.map((p) => (
            <option key={choiceKey(p)} value={choiceKey(p)}>
              {p.topic}-{p.partition}: offset {formatExact(p.committedOffset)}
              {p.status ? ` (${p.status})` : ''}
            </option>
          ))}
        </select>
        {choice ? (
          <button type="button" className="link-button" onClick={() => refetch()} disabled={isFetching}>
            {isFetching ? 'Reading…' : 'Read again'}
          </button>
        ) : null}
      </div>
      {choice === null ? (
        <p className="muted" data-testid="no-record-chosen">
          {automatic
            ? `No partition chosen; ${automatic.topic}-${automatic.partition} is stuck.`
            : 'No partition is STALL or STOP.'}{' '}
          Choose one to read the record its consumer gets next (one read-only Fetch).
        </p>
      ) : null}
      {choice !== null && chosen === undefined ? (
        <p className="muted">
          {choice.topic}-{choice.partition} is stuck: read by itself, as the stuck partition furthest behind when it was
          first seen.
        </p>
      ) : null}
      {choice && isFetching && !answer ? <p className="muted">Reading the record from Kafka…</p> : null}
      <QueryError error={error} hasData={answer !== null} what="the record" />
      {answer ? <RecordDetails answer={answer} zone={zone} /> : null}
    </section>
  );
}

/** Writes the choice to the URL (?record=topic:partition; empty: none, not even a stuck one). */
export function rememberChoice(choice: PartitionChoice | null): void {
  replaceSearchParam('record', choice ? choiceKey(choice) : '');
}
