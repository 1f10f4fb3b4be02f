/**
 * What a webhook receives when an alert fires or resolves: a generic JSON body, or
 * a Slack-compatible one (incoming webhooks read `text`).
 */
import { formatTimestamp } from '../../format/format-timestamp';
import type { Transition } from '../alert-types';

export type WebhookFormat = 'json' | 'slack';

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
  const link = baseUrl ? ` <${new URL(alert.href, baseUrl).toString()}|Open in Watermark>` : '';
  const said = escapeSlackText(`${alert.subject.cluster}: ${alert.message}`);
  return { text: `${icon} [${state}] ${alert.severity} · ${said} (${alertTimesText(alert)})${link}` };
}

export function webhookBody(format: WebhookFormat, transition: Transition, baseUrl: string | null): unknown {
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
