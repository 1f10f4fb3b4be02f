/**
 * Alerts grouped by cause: an inhibited alert is listed under the alert that causes
 * it (its `inhibitedBy`), the way an on-call engineer reads an outage: one cause, and
 * what follows from it. Pure.
 */
import type { AlertView } from '@/lib/api/alert-schemas';
import { alertSubjectText } from './alert-text';

export interface AlertNode {
  alert: AlertView;
  /** The alerts it causes, in the order given. */
  caused: AlertView[];
}

/**
 * One node per alert that no listed alert causes, in the order given; an inhibited
 * alert whose cause is not in the list stands on its own (its "caused by" still says why).
 */
export function alertTree(alerts: AlertView[]): AlertNode[] {
  const keys = new Set(alerts.map((a) => a.key));
  const underCause = (a: AlertView) => a.inhibitedBy !== null && a.inhibitedBy !== a.key && keys.has(a.inhibitedBy);
  return alerts
    .filter((a) => !underCause(a))
    .map((alert) => ({ alert, caused: alerts.filter((a) => underCause(a) && a.inhibitedBy === alert.key) }));
}

/**
 * The active alerts a section of `status` shows: those of that status no other alert
 * causes, each followed by the alerts it causes, whatever their status.
 */
export function alertsOfCauseStatus(active: AlertView[], status: AlertView['status']): AlertView[] {
  return alertTree(active)
    .filter((node) => node.alert.status === status)
    .flatMap((node) => [node.alert, ...node.caused]);
}

/** "caused by broker-unreachable (broker 3)", or by the bare key when the cause is not listed. */
export function causedByText(inhibitedBy: string, cause: AlertView | undefined): string {
  return cause ? `caused by ${cause.rule} (${alertSubjectText(cause.subject)})` : `caused by ${inhibitedBy}`;
}
