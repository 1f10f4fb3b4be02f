import { LagStatusBadge } from './lag-status-badge';
import { LEGEND_ORDER, NO_STATUS_MEANING, STATUS_MEANING, STATUS_SHORT, type AnyLagStatus } from './lag-status-meaning';

/**
 * What the statuses mean, next to where statuses are shown, visible without hovering
 * (titles never show on touch screens): a key of the statuses on the page, a few words
 * each, always shown; and every status in a sentence, in a disclosure a tap opens.
 */
export function LagStatusLegend({ shown }: { shown: (AnyLagStatus | null)[] }) {
  const present = LEGEND_ORDER.filter((status) => shown.includes(status));
  return (
    <div className="status-legend" data-testid="status-legend">
      {present.length > 0 ? (
        <ul className="status-key" aria-label="Statuses shown here" data-testid="status-key">
          {present.map((status) => (
            <li key={status} data-status={status}>
              <LagStatusBadge status={status} /> {STATUS_SHORT[status]}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>What the statuses mean</summary>
        <p className="muted">
          Judged per partition over its last commits (the status window), by the trend of the lag, not its size; a group
          takes its worst partition.
        </p>
        <dl>
          {LEGEND_ORDER.map((status) => (
            <div key={status}>
              <dt>
                <LagStatusBadge status={status} />
              </dt>
              <dd>{STATUS_MEANING[status]}</dd>
            </div>
          ))}
          <div>
            <dt>
              <LagStatusBadge status={null} />
            </dt>
            <dd>{NO_STATUS_MEANING}</dd>
          </div>
        </dl>
      </details>
    </div>
  );
}
