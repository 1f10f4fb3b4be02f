/**
 * What a webhook receives when an alert fires or resolves: a generic JSON body, a
 * Slack-compatible one (incoming webhooks read `text`), or Prometheus Alertmanager's
 * v2 alerts list.
 */
import { formatTimestamp } from '../../format/format-timestamp';
import { publicPageUrl } from '../../http/base-path';
import type { AlertState, Transition } from '../alert-types';

export type WebhookFormat = 'json' | 'slack' | 'alertmanager';

/**
 * How long Alertmanager keeps a firing alert it is not told about again: Watermark sends
 * the firing ones again every ALERTMANAGER_REFRESH_MS, so an alert whose sender stopped
 * resolves there after this, as with Prometheus (which uses 4 evaluation intervals).
 */
export const ALERTMANAGER_REFRESH_MS = 60_000;
export const ALERTMANAGER_HOLD_MS = 4 * ALERTMANAGER_REFRESH_MS;

/** One alert as Alertmanager's `POST /api/v2/alerts` takes it. */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/**
 * Labels identify the alert in Alertmanager (its fingerprint): the rule and subject,
 * never the value, which changes every cycle. `alertname` is the rule, as routes expect.
 */
export function alertmanagerAlert(alert: AlertState, nowMs: number, baseUrl: string | null): AlertmanagerAlert {
  const { subject } = alert;
  const labels: Record<string, string> = {
    alertname: alert.rule,
    rule: alert.rule,
    severity: alert.severity,
    cluster: subject.cluster,
  };
  if (subject.group !== undefined) labels.group = subject.group;
  if (subject.topic !== undefined) labels.topic = subject.topic;
  if (subject.partition !== undefined) labels.partition = String(subject.partition);
  if (subject.broker !== undefined) labels.broker = String(subject.broker);
  const endsAt = alert.resolvedAt ?? nowMs + ALERTMANAGER_HOLD_MS;
  return {
    labels,
    annotations: { summary: alert.message, value: String(alert.value), threshold: String(alert.threshold) },
    startsAt: new Date(alert.firedAt ?? alert.since).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    ...(baseUrl ? { generatorURL: publicPageUrl(baseUrl, alert.href) } : {}),
  };
}

export interface JsonPayload {
  version: 1;
  event: Transition['kind'];
  alert: Omit<Transition['alert'], 'lastSeenAt'>;
}

export function jsonPayload(transition: Transition): JsonPayload {
  const { key, rule, severity, status, subject, value, threshold, message, href, since, firedAt, resolvedAt } =
    transition.alert;
  const alert = { key, rule, severity, status, subject, value, threshold, message, href, since, firedAt, resolvedAt };
  return { version: 1, event: transition.kind, alert };
}

const ICON = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' } as const;

/**
 * Slack reads `<…>` in text as a mention or link (`<!channel>`, `<https://x|label>`) and
 * `&` as an entity: group and topic names are anyone's to choose, so every piece of
 * text we did not write ourselves is escaped (Slack's own three escapes).
 */
export const escapeSlackText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * When it started and, once over, when it resolved, in UTC: the channel keeps the text long
 * after "3m ago" would have meant anything, and its readers sit in several time zones.
 */
export function alertTimesText(alert: Pick<Transition['alert'], 'since' | 'resolvedAt'>): string {
  const started = `started ${formatTimestamp(alert.since, 'UTC')}`;
  return alert.resolvedAt === null ? started : `${started}, resolved ${formatTimestamp(alert.resolvedAt, 'UTC')}`;
}

/** One line: state, severity, cluster, message, times, and a link when the dashboard's base URL is known. */
export function slackPayload(transition: Transition, baseUrl: string | null): { text: string } {
  const { alert } = transition;
  const icon = transition.kind === 'resolved' ? ':white_check_mark:' : ICON[alert.severity];
  const state = transition.kind === 'resolved' ? 'RESOLVED' : 'FIRING';
  // The href's names are %-encoded, so `|` and `>` cannot end the link early.
  const link = baseUrl ? ` <${publicPageUrl(baseUrl, alert.href)}|Open in Watermark>` : '';
  const said = escapeSlackText(`${alert.subject.cluster}: ${alert.message}`);
  return { text: `${icon} [${state}] ${alert.severity} · ${said} (${alertTimesText(alert)})${link}` };
}

export function webhookBody(
  format: WebhookFormat,
  transition: Transition,
  baseUrl: string | null,
  nowMs: number,
): unknown {
  if (format === 'alertmanager') return [alertmanagerAlert(transition.alert, nowMs, baseUrl)];
  return format === 'slack' ? slackPayload(transition, baseUrl) : jsonPayload(transition);
}

/** Webhook URLs carry secrets in their path or query (Slack's do): logs show the origin only. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}
