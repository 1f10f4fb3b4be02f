'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { AlertView } from '@/lib/api/alert-schemas';
import { alertLinkText, alertSubjectText, alertValueText } from './alert-text';
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

function AlertRow({ alert, silenceable, showContext }: { alert: AlertView } & AlertListOptions) {
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
    </li>
  );
}

/** Alerts worst first, as the API orders them; `empty` says what an empty list means. */
export function AlertList({
  alerts,
  label,
  empty,
  ...options
}: { alerts: AlertView[]; label: string; empty: string } & AlertListOptions) {
  if (alerts.length === 0) return <p className="alerts-empty">{empty}</p>;
  return (
    <ul className="alert-list" aria-label={label}>
      {alerts.map((alert) => (
        // A resolved alert's key comes back if the same thing goes wrong again.
        <AlertRow key={`${alert.key}@${alert.since}`} alert={alert} {...options} />
      ))}
    </ul>
  );
}
