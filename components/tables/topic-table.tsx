'use client';
import type { TopicSummary } from '@/lib/api/schemas';
import { SortableHeader } from './sortable-header';
import type { SortDirection } from './sort-order';
import type { TopicSortKey } from './topic-list-query';
import { TopicRow } from './topic-row';
import { useRowWindow } from './use-row-window';

/** Every row is exactly this tall (globals.css, .topics-row): the windowing depends on it. */
export const TOPIC_ROW_PX = 37;
const OVERSCAN_ROWS = 10;

const COLUMNS: { key: TopicSortKey; label: string; widthPx?: number; title?: string }[] = [
  { key: 'name', label: 'Topic' },
  { key: 'partitions', label: 'Partitions', widthPx: 88 },
  { key: 'rf', label: 'RF', widthPx: 52, title: 'replication factor' },
  { key: 'produceRate', label: 'Produce rate', widthPx: 116 },
  {
    key: 'size',
    label: 'Size (leaders)',
    widthPx: 112,
    title: "bytes on each partition's leader: one copy, not the replicas (the brokers page counts those)",
  },
  { key: 'retentionMs', label: 'retention.ms', widthPx: 122 },
  { key: 'retentionBytes', label: 'retention.bytes', widthPx: 138 },
  { key: 'oldest', label: 'Oldest message', widthPx: 104, title: 'age of the oldest retained message' },
  {
    key: 'usage',
    label: 'Retention used',
    widthPx: 118,
    title: 'the larger of age / retention.ms and size / retention.bytes',
  },
  {
    key: 'underReplicated',
    label: 'Replication',
    widthPx: 132,
    title: 'partitions offline (no leader) or under-replicated (fewer in-sync replicas than replicas)',
  },
  { key: 'groups', label: 'Groups', widthPx: 74, title: 'consumer groups reading the topic' },
];

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
  const { start, end, scrollRef, headerRef, onScroll, onKeyDown } = useRowWindow({
    count: topics.length,
    rowPx: TOPIC_ROW_PX,
    overscan: OVERSCAN_ROWS,
    resetKey,
  });
  const base = `/clusters/${encodeURIComponent(cluster)}/topics/`;
  const topPx = start * TOPIC_ROW_PX;
  const bottomPx = (topics.length - end) * TOPIC_ROW_PX;
  return (
    <div className="topics-scroll" ref={scrollRef} onScroll={onScroll} data-testid="topics-scroll">
      <table aria-label="Topics" aria-rowcount={topics.length + 1} className="topics-table">
        <colgroup>
          {COLUMNS.map((column) => (
            <col key={column.key} style={column.widthPx ? { width: column.widthPx } : undefined} />
          ))}
        </colgroup>
        <thead ref={headerRef}>
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
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {topPx > 0 ? (
            <tr className="topics-spacer" aria-hidden="true" style={{ height: topPx }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
          {topics.slice(start, end).map((topic, i) => (
            <TopicRow
              key={topic.name}
              topic={topic}
              index={start + i}
              href={`${base}${encodeURIComponent(topic.name)}`}
              groupCount={groupCounts === null ? undefined : (groupCounts.get(topic.name) ?? 0)}
            />
          ))}
          {bottomPx > 0 ? (
            <tr className="topics-spacer" aria-hidden="true" style={{ height: bottomPx }}>
              <td colSpan={COLUMNS.length} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
