import type { ReactNode } from 'react';
import type { HistoryRange } from '@/lib/api/history-schemas';
import { HistoryRangePicker } from './history-range-picker';

interface HistoryPanelProps {
  /** The heading's id, which also labels the panel. */
  headingId: string;
  title: string;
  range: HistoryRange;
  onRangeChange: (range: HistoryRange) => void;
  /** The charts, or what stands in for them while the history loads. */
  children: ReactNode;
}

/** A page's charts over time, under a heading with the range picker beside it. */
export function HistoryPanel({ headingId, title, range, onRangeChange, children }: HistoryPanelProps) {
  return (
    <section className="group-panel" aria-labelledby={headingId}>
      <header className="group-panel-header">
        <h2 id={headingId}>{title}</h2>
        <HistoryRangePicker value={range} onChange={onRangeChange} />
      </header>
      {children}
    </section>
  );
}

/** What stands in for a topic's or group's charts until their history has loaded: the error, or a loading line. */
export function HistoryFallback({ error }: { error: Error | null }) {
  if (error) {
    return (
      <p className="banner banner-err" role="alert">
        Could not load the history: {error.message}
      </p>
    );
  }
  return <p className="muted group-chart-loading">Loading history…</p>;
}
