'use client';
import type { TopicSummary } from '@/lib/api/schemas';
import { SortableHeader } from './sortable-header';
import type { SortDirection } from './sort-order';
import type { TopicSortKey } from './topic-list-query';
import { TopicRow } from './topic-row';
import { WindowedTable } from './windowed-table';

/**
 * A row's height at the default font size (globals.css, .windowed-row: 37/14 em), until the
 * windowing has measured one; rows are all as tall as each other, and grow with the font.
 */
export const TOPIC_ROW_ESTIMATE_PX = 37;
const OVERSCAN_ROWS = 10;

/**
 * Widths in rem, so that they grow with the reader's font size; the Topic column takes what
 * is left, at least TOPIC_MIN_REM (the table scrolls sideways in its box when that is short).
 * Replication fits "123 under-replicated"; the retention.* headers wrap after their dot.
 */
const COLUMNS: { key: TopicSortKey; label: string; widthRem?: number; title?: string }[] = [
  { key: 'name', label: 'Topic' },
  { key: 'partitions', label: 'Partitions', widthRem: 6.5 },
  { key: 'rf', label: 'RF', widthRem: 3.25, title: 'replication factor' },
  { key: 'produceRate', label: 'Produce rate', widthRem: 7.25 },
  {
    key: 'size',
    label: 'Size (leaders)',
    widthRem: 7,
    title: "bytes on each partition's leader: one copy, not the replicas (the brokers page counts those)",
  },
  { key: 'retentionMs', label: 'retention.ms', widthRem: 6.25 },
  { key: 'retentionBytes', label: 'retention.bytes', widthRem: 6.25 },
  { key: 'oldest', label: 'Oldest message', widthRem: 6.5, title: 'age of the oldest retained message' },
  {
    key: 'usage',
    label: 'Retention used',
    widthRem: 7.375,
    title: 'the larger of age / retention.ms and size / retention.bytes',
  },
  {
    key: 'underReplicated',
    label: 'Replication',
    widthRem: 11,
    title: 'partitions offline (no leader) or under-replicated (fewer in-sync replicas than replicas)',
  },
  { key: 'groups', label: 'Groups', widthRem: 4.625, title: 'consumer groups reading the topic' },
];

/** The Topic column never gets narrower than this: on a phone the numbers scroll instead. */
const TOPIC_MIN_REM = 10;
const TABLE_MIN_WIDTH = `${TOPIC_MIN_REM + COLUMNS.reduce((sum, c) => sum + (c.widthRem ?? 0), 0)}rem`;

interface TopicTableProps {
  cluster: string;
  topics: TopicSummary[];
  /** Groups per topic; null while the group list loads. */
  groupCounts: ReadonlyMap<string, number> | null;
  sort: TopicSortKey;
  dir: SortDirection;
  onSort: (key: TopicSortKey) => void;
  /** Changes with the search, sort or filter: the list then scrolls back to its top. */
  resetKey: string;
}

/**
 * The topics as a real table whose body is windowed: only the rows in view (and a few around)
 * are in the DOM, with spacer rows standing in for the rest, so thousands of topics scroll and
 * sort smoothly. Headers sort; each name links to the topic; arrow keys move between rows.
 */
export function TopicTable({ cluster, topics, groupCounts, sort, dir, onSort, resetKey }: TopicTableProps) {
  const base = `/clusters/${encodeURIComponent(cluster)}/topics/`;
  return (
    <WindowedTable
      label="Topics"
      testId="topics-scroll"
      className="topics-table"
      columnWidthsRem={COLUMNS.map((column) => column.widthRem)}
      minWidth={TABLE_MIN_WIDTH}
      count={topics.length}
      estimatedRowPx={TOPIC_ROW_ESTIMATE_PX}
      overscan={OVERSCAN_ROWS}
      resetKey={resetKey}
      header={
        <tr aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <SortableHeader
              key={column.key}
              column={column.key}
              label={column.label}
              numeric={column.key !== 'name'}
              title={column.title}
              sort={sort}
              dir={dir}
              onSort={onSort}
            />
          ))}
        </tr>
      }
      renderRows={(start, end) =>
        topics
          .slice(start, end)
          .map((topic, i) => (
            <TopicRow
              key={topic.name}
              topic={topic}
              index={start + i}
              href={`${base}${encodeURIComponent(topic.name)}`}
              groupCount={groupCounts === null ? undefined : (groupCounts.get(topic.name) ?? 0)}
            />
          ))
      }
    />
  );
}
