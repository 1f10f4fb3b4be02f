/**
 * The collector of this server process: one loop per configured cluster, started
 * once. Kept on globalThis because Next.js may load this module more than once
 * (instrumentation and route bundles, dev reloads) and all must share one store.
 */
import { AlertStore } from '../alerts/alert-store';
import { clusterAlertSettings } from '../alerts/alert-settings';
import { ClusterAlerts } from '../alerts/cluster-alerts';
import { SilenceStore } from '../alerts/silences';
import { DEFAULT_NOTIFIER_OPTIONS, WebhookNotifier } from '../alerts/notifiers/webhook-notifier';
import { resolveConnection, webhookTargets } from '../config/connection-options';
import { loadConfig } from '../config/load-config';
import type { WatermarkConfig } from '../config/schema';
import { createKafkaClient } from '../kafka/kafka-client';
import { ClusterHistory, historyRetention } from '../history/cluster-history';
import {
  dataDirFromEnv,
  HistoryUnavailableError,
  openHistoryDatabase,
  type HistoryDatabase,
} from '../history/database';
import type { ClusterLoop } from './cluster-loop';
import { startClusterPipeline } from './cluster-pipeline';
import { ClusterStateStore } from './state-store';

interface Runtime {
  config: WatermarkConfig;
  store: ClusterStateStore;
  loops: Map<string, ClusterLoop>;
  histories: Map<string, ClusterHistory>;
  alerts: Map<string, ClusterAlerts>;
  db: HistoryDatabase;
  /** Why no history is kept (the database could not be opened and the config allows running on); null normally. */
  historyOff: string | null;
}

/**
 * The history database, or, when it cannot be used and `history.required` is false, an
 * in-memory one for alerts and silences (lost on restart) and the reason history is off.
 */
function openDatabase(config: WatermarkConfig, env: Record<string, string | undefined>) {
  try {
    return { db: openHistoryDatabase(dataDirFromEnv(env)), historyOff: null };
  } catch (error) {
    if (!(error instanceof HistoryUnavailableError) || config.history.required) throw error;
    console.error(`[watermark] running WITHOUT history (history.required is false): ${error.message}`);
    return { db: openHistoryDatabase(':memory:'), historyOff: error.message };
  }
}

const KEY = Symbol.for('watermark.runtime');
type GlobalWithRuntime = typeof globalThis & { [KEY]?: Runtime };

/** Starts the collectors once per process; later calls return the running ones. Throws a ConfigError on bad config. */
export function startRuntime(env: Record<string, string | undefined> = process.env): Runtime {
  const global = globalThis as GlobalWithRuntime;
  if (global[KEY]) return global[KEY];
  const config = loadConfig(env);
  // Every secret is read before anything starts, so a bad one stops the server cleanly.
  const connections = config.clusters.map((cluster) => ({
    cluster,
    connection: resolveConnection(cluster, env),
    webhooks: webhookTargets(cluster, env),
  }));
  const store = new ClusterStateStore();
  const loops = new Map<string, ClusterLoop>();
  const histories = new Map<string, ClusterHistory>();
  const alerts = new Map<string, ClusterAlerts>();
  const { db, historyOff } = openDatabase(config, env);
  for (const { cluster, connection, webhooks } of connections) {
    store.register(cluster.id, cluster.name ?? cluster.id, cluster.pollIntervalMs);
    if (historyOff) store.recordHistoryWrite(cluster.id, Date.now(), historyOff);
    const retention = historyRetention(config.history);
    const history = historyOff ? null : new ClusterHistory(db, cluster.id, retention);
    if (history) histories.set(cluster.id, history);
    const settings = clusterAlertSettings(config, cluster, Date.now());
    const clusterAlerts = new ClusterAlerts(new AlertStore(db, cluster.id, retention.horizonMs), {
      policy: settings.policy,
      lifecycle: settings.lifecycle,
      silences: new SilenceStore(db, cluster.id, settings.silences),
    });
    alerts.set(cluster.id, clusterAlerts);
    const client = createKafkaClient(connection);
    const notifier = new WebhookNotifier(webhooks, {
      ...DEFAULT_NOTIFIER_OPTIONS,
      baseUrl: config.publicUrl ?? null,
    });
    loops.set(cluster.id, startClusterPipeline({ cluster, client, store, history, alerts: clusterAlerts, notifier }));
  }
  global[KEY] = { config, store, loops, histories, alerts, db, historyOff };
  return global[KEY];
}

/** The running store; the API reads only from here. */
export function getStore(): ClusterStateStore {
  const runtime = (globalThis as GlobalWithRuntime)[KEY];
  if (!runtime) throw new Error('the collector is not running (instrumentation did not start it)');
  return runtime.store;
}

export async function stopRuntime(): Promise<void> {
  const global = globalThis as GlobalWithRuntime;
  const runtime = global[KEY];
  if (!runtime) return;
  delete global[KEY];
  await Promise.all([...runtime.loops.values()].map((loop) => loop.stop()));
  runtime.db.close();
}

/** Every configured cluster's id and name, in config order. */
export function getClusterIds(): { id: string; name: string }[] {
  const runtime = (globalThis as GlobalWithRuntime)[KEY];
  return runtime ? runtime.config.clusters.map((c) => ({ id: c.id, name: c.name ?? c.id })) : [];
}

/** A cluster's alerts, for the API. */
export function getAlerts(clusterId: string): ClusterAlerts | undefined {
  return (globalThis as GlobalWithRuntime)[KEY]?.alerts.get(clusterId);
}

/** Why no history is kept, or null when it is. */
export function getHistoryOff(): string | null {
  return (globalThis as GlobalWithRuntime)[KEY]?.historyOff ?? null;
}

/** A cluster's history, for the API's history readers. */
export function getHistory(clusterId: string): ClusterHistory | undefined {
  return (globalThis as GlobalWithRuntime)[KEY]?.histories.get(clusterId);
}
