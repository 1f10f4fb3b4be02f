import type { GroupListQuery } from '@/components/tables/group-list-query';
import { FilterCount, FilterForm, FilterSearch } from './filter-form';

interface GroupFiltersProps {
  query: GroupListQuery;
  onChange: (change: Partial<GroupListQuery>) => void;
  shown: number;
  /** Null while the list is loading. */
  total: number | null;
}

/** The group list's filters; the view keeps them in the URL. */
export function GroupFilters({ query, onChange, shown, total }: GroupFiltersProps) {
  return (
    <FilterForm label="Filter consumer groups">
      <label>
        <input type="checkbox" checked={query.notOk} onChange={(e) => onChange({ notOk: e.target.checked })} /> not OK
      </label>
      <label title="lost messages, or retention may delete unread messages within an hour">
        <input type="checkbox" checked={query.atRisk} onChange={(e) => onChange({ atRisk: e.target.checked })} /> at
        risk
      </label>
      <FilterSearch label="Search groups or topics" value={query.text} onChange={(text) => onChange({ text })} />
      <FilterCount shown={shown} total={total} noun="groups" />
    </FilterForm>
  );
}
