import { BreakableName } from '@/components/ui/breakable-name';
import type { SortDirection } from './sort-order';

interface SortableHeaderProps<K extends string> {
  column: K;
  label: string;
  /** Right-aligned, like the numbers in the column. */
  numeric: boolean;
  title?: string;
  sort: K;
  dir: SortDirection;
  onSort: (column: K) => void;
}

/** A column header that sorts by its column when clicked and says (aria-sort, arrow) when it does. */
export function SortableHeader<K extends string>({
  column,
  label,
  numeric,
  title,
  sort,
  dir,
  onSort,
}: SortableHeaderProps<K>) {
  const active = sort === column;
  return (
    <th
      className={numeric ? 'num' : undefined}
      title={title}
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="groups-sort" onClick={() => onSort(column)}>
        <BreakableName name={label} />
        <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}
