import type { ReactNode } from 'react';

/** A list's filter bar: a search landmark that never submits (every control applies at once). */
export function FilterForm({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form className="groups-filters" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

/** The filter bar's text search; the label doubles as the placeholder. */
export function FilterSearch({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <input
      type="search"
      placeholder={label}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * "12 topics", or "3 of 12 topics" while filters hide some; nothing before the list has
 * loaded (a count of 0 would say the cluster has none).
 */
export function filterCountText(shown: number, total: number | null, noun: string): string {
  if (total === null) return '';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}

/** The filter bar's count (filterCountText), read out when it changes. */
export function FilterCount({
  shown,
  total,
  noun,
  testId,
}: {
  shown: number;
  /** Null while the list is loading. */
  total: number | null;
  /** Plural, e.g. "groups". */
  noun: string;
  testId?: string;
}) {
  return (
    <span className="muted" aria-live="polite" data-testid={testId}>
      {filterCountText(shown, total, noun)}
    </span>
  );
}
