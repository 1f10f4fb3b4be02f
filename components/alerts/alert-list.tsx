'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { AlertView } from '@/lib/api/alert-schemas';
import { alertLinkText, alertSubjectText, alertValueText } from './alert-text';
import { alertTree, causedByText } from './alert-tree';
import { RelativeTime } from './relative-time';
import { SeverityBadge } from './severity-badge';
import { SilenceForm } from './silence-form';

interface AlertListOptions {
  /** Offer "Silence…" on each row (active alerts). */
  silenceable?: boolean;
  /** Name the cluster and the status on each row (pages listing several clusters or statuses). */
  showContext?: boolean;
}

function AlertTimes({ alert }: { alert: AlertView }) {
  return (
    <>
      <li>
        <RelativeTime at={alert.since} label="started" />
      </li>
      {alert.firedAt !== null ? (
        <li>
          <RelativeTime at={alert.firedAt} label="fired" />
        </li>
      ) : null}
      {alert.resolvedAt !== null ? (
        <li>
          <RelativeTime at={alert.resolvedAt} label="resolved" />
        </li>
      ) : null}
    </>
  );
}

/** The alerts a cause explains, collapsed under it: they send nothing while it lasts. */
function CausedAlerts({ cause, caused, ...options }: { cause: AlertView; caused: AlertView[] } & AlertListOptions) {
  return (
    <details className="alert-caused" data-testid="alert-caused">
      <summary>
        {caused.length === 1 ? '1 alert' : `${caused.length} alerts`} caused by this, not notified while it lasts
      </summary>
      <ul className="alert-list" aria-label={`Alerts caused by ${cause.rule}`}>
        {caused.map((alert) => (
          <AlertRow key={`${alert.key}@${alert.since}`} alert={alert} cause={cause} caused={[]} {...options} />
        ))}
      </ul>
    </details>
  );
}

function AlertRow({
  alert,
  cause,
  caused,
  silenceable,
  showContext,
}: { alert: AlertView; cause?: AlertView; caused: AlertView[] } & AlertListOptions) {
  const [silencing, setSilencing] = useState(false);
  const value = alertValueText(alert);
  return (
    <li
      className="alert-row"
      data-testid="alert-row"
      data-rule={alert.rule}
      data-status={alert.status}
      data-group={alert.subject.group}
      data-silenced={alert.silencedBy !== null}
      data-inhibited-by={alert.inhibitedBy ?? undefined}
    >
      <SeverityBadge severity={alert.severity} />
      <div className="alert-body">
        <p className="alert-message">{alert.message}</p>
        <ul className="alert-meta">
          {showContext ? <li className="alert-status">{alert.status}</li> : null}
          <li>
            <code>{alert.rule}</code>
          </li>
          <li className="alert-subject">{alertSubjectText(alert.subject, showContext)}</li>
          {value !== null ? <li>{value}</li> : null}
          <AlertTimes alert={alert} />
          {alert.inhibitedBy !== null ? (
            <li className="alert-caused-by">{causedByText(alert.inhibitedBy, cause)}</li>
          ) : null}
          {alert.silencedBy !== null ? (
            <li>
              <span className="badge badge-none" title={`Silence ${alert.silencedBy} mutes its notifications`}>
                <span aria-hidden="true">◌ </span>Silenced
              </span>
            </li>
          ) : null}
        </ul>
      </div>
      <div className="alert-actions">
        <Link href={alert.href}>{alertLinkText(alert.href)}</Link>
        {silenceable ? (
          <button
            type="button"
            className="alert-button"
            aria-expanded={silencing}
            onClick={() => setSilencing((open) => !open)}
          >
            Silence…
          </button>
        ) : null}
      </div>
      {silenceable && silencing ? <SilenceForm alert={alert} onClose={() => setSilencing(false)} /> : null}
      {caused.length > 0 ? (
        <CausedAlerts cause={alert} caused={caused} silenceable={silenceable} showContext={showContext} />
      ) : null}
    </li>
  );
}

/**
 * Alerts worst first, as the API orders them, each alert another one causes collapsed
 * under its cause; `empty` says what an empty list means.
 */
export function AlertList({
  alerts,
  label,
  empty,
  ...options
}: { alerts: AlertView[]; label: string; empty: string } & AlertListOptions) {
  if (alerts.length === 0) return <p className="alerts-empty">{empty}</p>;
  return (
    <ul className="alert-list" aria-label={label}>
      {alertTree(alerts).map(({ alert, caused }) => (
        // A resolved alert's key comes back if the same thing goes wrong again.
        <AlertRow key={`${alert.key}@${alert.since}`} alert={alert} caused={caused} {...options} />
      ))}
    </ul>
  );
}
