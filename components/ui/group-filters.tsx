import type { GroupListQuery } from '@/components/tables/group-list-query';

interface GroupFiltersProps {
  query: GroupListQuery;
  onChange: (change: Partial<GroupListQuery>) => void;
  shown: number;
  total: number;
}

/** The group list's filters; the view keeps them in the URL. */
export function GroupFilters({ query, onChange, shown, total }: GroupFiltersProps) {
  return (
    <form
      className="groups-filters"
      role="search"
      aria-label="Filter consumer groups"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        <input type="checkbox" checked={query.notOk} onChange={(e) => onChange({ notOk: e.target.checked })} /> not OK
      </label>
      <label title="lost messages, or retention may delete unread messages within an hour">
        <input type="checkbox" checked={query.atRisk} onChange={(e) => onChange({ atRisk: e.target.checked })} /> at
        risk
      </label>
      <input
        type="search"
        placeholder="Search groups or topics"
        aria-label="Search groups or topics"
        value={query.text}
        onChange={(e) => onChange({ text: e.target.value })}
      />
      <span className="muted" aria-live="polite">
        {shown === total ? `${total} groups` : `${shown} of ${total} groups`}
      </span>
    </form>
  );
}
