/**
 * Alert states as metrics: one `watermark_alert` sample per pending or firing alert
 * (like Prometheus' own ALERTS series), and firing counts per severity, zeros included,
 * so a dashboard can graph them and alert on a count.
 */
import type { AlertState, Severity } from '../alerts/alert-types';
import type { MetricFamily } from './prometheus-text';

export interface ClusterAlertStates {
  cluster: string;
  active: AlertState[];
  isSilenced: (alert: AlertState) => boolean;
}

const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

export function alertFamilies(clusters: ClusterAlertStates[]): MetricFamily[] {
  const alert: MetricFamily = {
    name: 'watermark_alert',
    help: 'A pending or firing alert: 1 while it lasts. alertname is the rule; silenced and inhibited alerts (explained by another, inhibited_by its key) send no notifications.',
    type: 'gauge',
    samples: [],
  };
  const firing: MetricFamily = {
    name: 'watermark_alerts_firing',
    help: 'Firing alerts per severity, silenced and inhibited ones included.',
    type: 'gauge',
    samples: [],
  };
  for (const { cluster, active, isSilenced } of clusters) {
    for (const a of active) {
      const { subject } = a;
      alert.samples.push({
        labels: {
          cluster_name: cluster,
          alertname: a.rule,
          alertstate: a.status,
          severity: a.severity,
          ...(subject.group === undefined ? {} : { group: subject.group }),
          ...(subject.topic === undefined ? {} : { topic: subject.topic }),
          ...(subject.broker === undefined ? {} : { broker: String(subject.broker) }),
          key: a.key,
          silenced: String(isSilenced(a)),
          inhibited_by: a.inhibitedBy ?? '',
        },
        value: 1,
      });
    }
    for (const severity of SEVERITIES) {
      firing.samples.push({
        labels: { cluster_name: cluster, severity },
        value: active.filter((a) => a.status === 'firing' && a.severity === severity).length,
      });
    }
  }
  return [alert, firing];
}
