import { HistoryRange } from '@/lib/api/history-schemas';

/** The chart ranges the history API serves, as a row of toggle buttons. */
export function HistoryRangePicker({
  value,
  onChange,
}: {
  value: HistoryRange;
  onChange: (range: HistoryRange) => void;
}) {
  return (
    <div className="groups-range-picker" role="group" aria-label="Chart range">
      {HistoryRange.options.map((range) => (
        <button key={range} type="button" aria-pressed={range === value} onClick={() => onChange(range)}>
          {range}
        </button>
      ))}
    </div>
  );
}
