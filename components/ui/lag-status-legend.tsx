import { LagStatusBadge } from './lag-status-badge';
import { LEGEND_ORDER, NO_STATUS_MEANING, STATUS_MEANING } from './lag-status-meaning';

/**
 * "What the statuses mean", one line each, next to where statuses are shown: a
 * disclosure that works on touch screens, where the badges' titles never show.
 */
export function LagStatusLegend() {
  return (
    <details className="status-legend" data-testid="status-legend">
      <summary>What the statuses mean</summary>
      <p className="muted">
        Judged per partition over its last commits (the status window); a group takes its worst partition.
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
  );
}
