import type { TopicListQuery } from '@/components/tables/topic-list-query';
import { FilterCount, FilterForm, FilterSearch } from './filter-form';

interface TopicFiltersProps {
  query: TopicListQuery;
  onChange: (change: Partial<TopicListQuery>) => void;
  shown: number;
  /** Null while the list is loading. */
  total: number | null;
  /** Internal topics in the cluster: the toggle says how many it hides (null while loading). */
  internalCount: number | null;
}

/** The topic list's search and internal-topic toggle; the view keeps them in the URL. */
export function TopicFilters({ query, onChange, shown, total, internalCount }: TopicFiltersProps) {
  return (
    <FilterForm label="Filter topics">
      <FilterSearch label="Search topics" value={query.text} onChange={(text) => onChange({ text })} />
      <label title="__consumer_offsets and other topics Kafka keeps for itself">
        <input type="checkbox" checked={query.internal} onChange={(e) => onChange({ internal: e.target.checked })} />{' '}
        show internal topics{internalCount === null ? '' : ` (${internalCount})`}
      </label>
      <FilterCount shown={shown} total={total} noun="topics" testId="topics-count" />
    </FilterForm>
  );
}
