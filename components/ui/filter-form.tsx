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

/** "12 topics", or "3 of 12 topics" while filters hide some; read out when it changes. */
export function FilterCount({
  shown,
  total,
  noun,
  testId,
}: {
  shown: number;
  total: number;
  /** Plural, e.g. "groups". */
  noun: string;
  testId?: string;
}) {
  return (
    <span className="muted" aria-live="polite" data-testid={testId}>
      {shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`}
    </span>
  );
}
