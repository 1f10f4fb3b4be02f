import { historySinceText, type ChartWindow } from './chart-data';

/**
 * After a chart's caption, when its axis starts at the first sample rather than at the
 * range's start: "· History since 10:42", so a short axis is not read as the whole hour.
 */
export function HistorySince({ window }: { window: ChartWindow }) {
  if (!window.startsLate || window.historyStartMs === null) return null;
  return (
    <span className="muted chart-since" data-testid="history-since" data-since={window.historyStartMs}>
      {' '}
      · {historySinceText(window.historyStartMs, window.toMs)}
    </span>
  );
}
