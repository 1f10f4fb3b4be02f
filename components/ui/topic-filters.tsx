import type { TopicListQuery } from '@/components/tables/topic-list-query';

interface TopicFiltersProps {
  query: TopicListQuery;
  onChange: (change: Partial<TopicListQuery>) => void;
  shown: number;
  total: number;
  /** Internal topics in the cluster: the toggle says how many it hides. */
  internalCount: number;
}

/** The topic list's search and internal-topic toggle; the view keeps them in the URL. */
export function TopicFilters({ query, onChange, shown, total, internalCount }: TopicFiltersProps) {
  return (
    <form className="groups-filters" role="search" aria-label="Filter topics" onSubmit={(e) => e.preventDefault()}>
      <input
        type="search"
        placeholder="Search topics"
        aria-label="Search topics"
        value={query.text}
        onChange={(e) => onChange({ text: e.target.value })}
      />
      <label title="__consumer_offsets and other topics Kafka keeps for itself">
        <input type="checkbox" checked={query.internal} onChange={(e) => onChange({ internal: e.target.checked })} />{' '}
        show internal topics ({internalCount})
      </label>
      <span className="muted" aria-live="polite" data-testid="topics-count">
        {shown === total ? `${total} topics` : `${shown} of ${total} topics`}
      </span>
    </form>
  );
}
