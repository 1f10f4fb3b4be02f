/**
 * The collector of this server process: one loop per configured cluster, started
 * once. Kept on globalThis because Next.js may load this module more than once
 * (instrumentation and route bundles, dev reloads) and all must share one store.
 */
import { AlertStore } from '../alerts/alert-store';
import { clusterAlertSettings } from '../alerts/alert-settings';
import { ClusterAlerts } from '../alerts/cluster-alerts';
import { SilenceStore } from '../alerts/silences';
import {
  DEFAULT_NOTIFIER_OPTIONS,
  WebhookNotifier,
  type WebhookTargetStats,
} from '../alerts/notifiers/webhook-notifier';
import { settlesWithin } from '../async/settles-within';
import { setAuthSettings } from '../auth/auth-runtime';
import { authSettings } from '../auth/auth-settings';
import { webhookTargets } from '../config/connection-options';
import { ConnectionSettings } from '../config/connection-settings';
import { configFileOf, loadConfig } from '../config/load-config';
import type { MetricsGranularity, RecordPreviewConfig, WatermarkConfig } from '../config/schema';
import { ClusterHistory, historyRetention } from '../history/cluster-history';
import { dataDirFromEnv, HistoryUnavailableError, openHistoryDatabase } from '../history/database';
import { describeHistoryLocation, historyLocation, openHistory, type OpenedHistory } from '../history/history-location';
import type { RecordAtOffset, RecordAtOffsetRequest } from '../kafka/record-at-offset';
import { log } from '../log/logger';
import type { ClusterLoop } from './cluster-loop';
import { startClusterPipeline } from './cluster-pipeline';
import { CollectorThread } from './collector-thread';
import type { CycleStatsReading } from './cycle-stats';
import { ClusterStateStore } from './state-store';
import { ReplicaCluster } from '../replicas/replica-cluster';
import { replicaId, ReplicaSet, type ClusterPolling, type ReplicaStatus } from '../replicas/replica-set';

interface Runtime {
  config: WatermarkConfig;
  store: ClusterStateStore;
  loops: Map<string, ClusterLoop>;
  histories: Map<string, ClusterHistory>;
  alerts: Map<string, ClusterAlerts>;
  notifiers: Map<string, WebhookNotifier>;
  /** Per cluster, its reader on the collector thread: the one way a route reads Kafka (a record on request). */
  recordReaders: Map<string, RecordReader>;
  /** The history's database (the SQLite file or PostgreSQL), or an in-memory one when history is off. */
  history: OpenedHistory;
  /** Why no history is kept (the database could not be opened and the config allows running on); null normally. */
  historyOff: string | null;
  /** Where every cluster's Kafka requests and analysis run. */
  thread: CollectorThread;
  /** This replica among those sharing `history.postgres`; null with the SQLite file (one process). */
  replicas: ReplicaSet | null;
  /** Per cluster, its part on this replica (replicas only). */
  replicaClusters: Map<string, ReplicaCluster>;
  /** Set once shutdownRuntime() has begun: later calls wait for the same shutdown. */
  stopping?: Promise<ShutdownReport>;
}

/**
 * The history database, or, when it cannot be used and `history.required` is false, an
 * in-memory one for alerts and silences (lost on restart) and the reason history is off.
 */
function openDatabase(
  config: WatermarkConfig,
  env: Record<string, string | undefined>,
): { history: OpenedHistory; historyOff: string | null } {
  const location = historyLocation(config.history, dataDirFromEnv(env), env, configFileOf(env));
  try {
    return { history: openHistory(location), historyOff: null };
  } catch (error) {
    if (!(error instanceof HistoryUnavailableError) || config.history.required) throw error;
    log.error(
      { component: 'history', error: error.message },
      `running WITHOUT history (history.required is false): ${error.message}`,
    );
    const db = openHistoryDatabase(':memory:');
    const history: OpenedHistory = {
      db,
      location,
      close: async () => {
        db.close();
        return null;
      },
    };
    return { history, historyOff: error.message };
  }
}

const KEY = Symbol.for('watermark.runtime');
type GlobalWithRuntime = typeof globalThis & { [KEY]?: Runtime };

/** Starts the collectors once per process; later calls return the running ones. Throws a ConfigError on bad config. */
export function startRuntime(env: Record<string, string | undefined> = process.env): Runtime {
  const global = globalThis as GlobalWithRuntime;
  if (global[KEY]) return global[KEY];
  const config = loadConfig(env);
  setAuthSettings(
    authSettings(
      {
        auth: config.auth,
        metricsToken: config.metrics.bearerToken,
        publicUrl: config.publicUrl,
        configFile: configFileOf(env),
      },
      env,
    ),
  );
  // Every secret is read before anything starts, so a bad one stops the server cleanly (the
  // collector thread reads them again, for its own connections).
  const connections = config.clusters.map((cluster) => {
    new ConnectionSettings(cluster, env);
    return { cluster, webhooks: webhookTargets(cluster, env) };
  });
  const store = new ClusterStateStore();
  const loops = new Map<string, ClusterLoop>();
  const histories = new Map<string, ClusterHistory>();
  const alerts = new Map<string, ClusterAlerts>();
  const notifiers = new Map<string, WebhookNotifier>();
  const recordReaders = new Map<string, RecordReader>();
  const { history: opened, historyOff } = openDatabase(config, env);
  const { db } = opened;
  const replicaMode = opened.location.kind === 'postgres' && !historyOff;
  const thread = new CollectorThread(
    { clusters: config.clusters, env: { ...env }, history: historyOff ? null : opened.location, alerts: config.alerts },
    log,
    { keepAlive: replicaMode },
  );
  if (replicaMode) thread.warm();
  const retention = historyRetention(config.history);
  const location = opened.location;
  const replicaClusters = new Map<string, ReplicaCluster>();
  for (const { cluster, webhooks } of connections) {
    store.register(cluster.id, cluster.name ?? cluster.id, cluster.pollIntervalMs);
    if (historyOff) store.recordHistoryWrite(cluster.id, Date.now(), historyOff);
    const alertSettings = clusterAlertSettings(config, cluster, Date.now());
    const notifier = new WebhookNotifier(webhooks, {
      ...DEFAULT_NOTIFIER_OPTIONS,
      baseUrl: config.publicUrl ?? null,
      log: log.child({ cluster: cluster.id }),
    });
    notifiers.set(cluster.id, notifier);
    if (replicaMode) {
      // One of several replicas: this one polls the cluster only while it holds its lease.
      const replicaCluster = new ReplicaCluster({
        cluster,
        db,
        lease: () => replicas?.lease(cluster.id) ?? null,
        store,
        retention,
        alertSettings,
        thread,
        notifier,
        log,
        onParts: (parts) => {
          histories.set(cluster.id, parts.history);
          alerts.set(cluster.id, parts.alerts);
        },
      });
      replicaClusters.set(cluster.id, replicaCluster);
      loops.set(cluster.id, replicaCluster);
      recordReaders.set(cluster.id, {
        read: (request) => replicaCluster.recordAtOffset(request),
        preview: cluster.recordPreview,
      });
      continue;
    }
    const history = historyOff ? null : new ClusterHistory(db, cluster.id, retention);
    if (history) histories.set(cluster.id, history);
    const clusterAlerts = new ClusterAlerts(new AlertStore(db, cluster.id, retention.horizonMs), {
      policy: alertSettings.policy,
      lifecycle: alertSettings.lifecycle,
      silences: new SilenceStore(db, cluster.id, alertSettings.silences),
    });
    alerts.set(cluster.id, clusterAlerts);
    // The thread's reload carries on the produced total from the newest cluster row, which
    // may be in the writer's head (not yet in the file the thread reads).
    const reader = thread.reader(cluster.id, () =>
      history ? (history.reader.latestClusterRow()?.endOffsetSum ?? 0) : null,
    );
    recordReaders.set(cluster.id, {
      read: (request) => reader.recordAtOffset(request),
      preview: cluster.recordPreview,
    });
    loops.set(cluster.id, startClusterPipeline({ cluster, reader, store, history, alerts: clusterAlerts, notifier }));
  }
  const replicas: ReplicaSet | null =
    replicaMode && location.kind === 'postgres'
      ? new ReplicaSet({
          replica: replicaId(env),
          url: location.url,
          queryTimeoutMs: location.queryTimeoutMs,
          leaseTtlMs: location.leaseTtlMs,
          clusters: replicaClusters,
          log,
        })
      : null;
  replicas?.start();
  global[KEY] = {
    config,
    store,
    loops,
    histories,
    alerts,
    notifiers,
    recordReaders,
    history: opened,
    historyOff,
    thread,
    replicas,
    replicaClusters,
  };
  return global[KEY];
}

/** The running store; the API reads only from here. */
export function getStore(): ClusterStateStore {
  const runtime = (globalThis as GlobalWithRuntime)[KEY];
  if (!runtime) throw new Error('the collector is not running (instrumentation did not start it)');
  return runtime.store;
}

/** Stops the collector, waiting for running cycles, without waiting for webhooks (tests). */
export async function stopRuntime(): Promise<void> {
  await shutdownRuntime({ cycleGraceMs: Infinity, webhookDeadlineMs: 0 });
}

export interface ShutdownReport {
  /** Clusters whose running cycle was abandoned (nothing of it published). */
  abandonedCycles: string[];
  /** The history's last checkpoint, null without one (history off, or it failed: `historyError`). */
  history: { walBytes: number; busy: boolean } | null;
  historyError: string | null;
  /** Webhook notifications still queued when the deadline passed. */
  undeliveredNotifications: number;
}

/**
 * Stops this process's collector for good, in an order that keeps what matters: the
 * cluster loops (a running cycle is waited for up to `cycleGraceMs`, then abandoned),
 * then the history (its WAL checkpointed into the file, then closed; every cycle is
 * its own transaction, so nothing else waits to be written), then the webhooks, given
 * up to `webhookDeadlineMs` to deliver what is queued. Each step is logged.
 */
export function shutdownRuntime(options: {
  cycleGraceMs: number;
  webhookDeadlineMs: number;
}): Promise<ShutdownReport | null> {
  const global = globalThis as GlobalWithRuntime;
  const runtime = global[KEY];
  if (!runtime) return Promise.resolve(null);
  runtime.stopping ??= shutDown(runtime, options).finally(() => {
    if (global[KEY] === runtime) delete global[KEY];
  });
  return runtime.stopping;
}

async function shutDown(
  runtime: Runtime,
  { cycleGraceMs, webhookDeadlineMs }: { cycleGraceMs: number; webhookDeadlineMs: number },
): Promise<ShutdownReport> {
  const shutdownLog = log.child({ component: 'shutdown' });
  const stops = await Promise.all(
    [...runtime.loops].map(async ([cluster, loop]) => ({ cluster, ...(await loop.stop(cycleGraceMs)) })),
  );
  // Ended with the last cluster's reader, unless kept alive for a replica's takeovers.
  await runtime.thread.terminate();
  const abandonedCycles = stops.filter((s) => s.abandonedCycle).map((s) => s.cluster);
  shutdownLog.info(
    { clusters: stops.length, abandonedCycles },
    `collection stopped on ${stops.length} cluster${stops.length === 1 ? '' : 's'}` +
      (abandonedCycles.length ? `; abandoned the running cycle of ${abandonedCycles.join(', ')}` : ''),
  );
  const { history, historyError } = await closeHistory(runtime, shutdownLog);
  const undeliveredNotifications = await drainWebhooks([...runtime.notifiers.values()], webhookDeadlineMs, shutdownLog);
  return { abandonedCycles, history, historyError, undeliveredNotifications };
}

async function closeHistory(runtime: Runtime, shutdownLog: typeof log) {
  if (runtime.replicas) {
    await flushReplicaClusters(runtime, shutdownLog);
    return closeDatabase(runtime, shutdownLog);
  }
  for (const [cluster, clusterAlerts] of runtime.alerts) {
    try {
      clusterAlerts.flush(Date.now());
    } catch (failure) {
      // Stored within the last minute already: a restart resolves a cleared alert up to a minute early.
      const error = (failure as Error).message;
      shutdownLog.error({ cluster, error }, `could not store the last sighting of ${cluster}'s alerts: ${error}`);
    }
  }
  for (const [cluster, clusterHistory] of runtime.histories) {
    try {
      clusterHistory.flush();
    } catch (failure) {
      // Its aggregates are stored already (pending_aggregates); only the last raw samples are lost.
      const error = (failure as Error).message;
      shutdownLog.error({ cluster, error }, `could not store the last raw samples of ${cluster}: ${error}`);
    }
  }
  return closeDatabase(runtime, shutdownLog);
}

/**
 * The clusters this replica polls store their last sightings and samples while it still
 * holds their leases; then the leases are given up, for the other replicas to take at once.
 */
async function flushReplicaClusters(runtime: Runtime, shutdownLog: typeof log) {
  for (const [cluster, replicaCluster] of runtime.replicaClusters) {
    try {
      replicaCluster.flush(Date.now());
    } catch (failure) {
      const error = (failure as Error).message;
      shutdownLog.error({ cluster, error }, `could not store the last sightings and samples of ${cluster}: ${error}`);
    }
  }
  await runtime.replicas?.leave();
  shutdownLog.info({ replica: runtime.replicas?.replica }, 'cluster leases given up for the other replicas');
}

async function closeDatabase(runtime: Runtime, shutdownLog: typeof log) {
  try {
    const history = await runtime.history.close();
    const where = describeHistoryLocation(runtime.history.location);
    if (history) {
      shutdownLog.info(
        { walBytes: history.walBytes, busy: history.busy, dataDir: where },
        `history checkpointed (${history.walBytes} WAL bytes into the file) and closed`,
      );
    } else if (runtime.history.location.kind === 'postgres' && !runtime.historyOff) {
      shutdownLog.info({ history: where }, `history connection to ${where} closed`);
    }
    return { history, historyError: null };
  } catch (failure) {
    const error = (failure as Error).message;
    shutdownLog.error({ error }, `could not checkpoint and close the history: ${error}`);
    return { history: null, historyError: error };
  }
}

/** Waits up to `deadlineMs` for every queued notification to be delivered; returns how many were not. */
async function drainWebhooks(notifiers: WebhookNotifier[], deadlineMs: number, shutdownLog: typeof log) {
  const pending = () => notifiers.reduce((sum, n) => sum + n.pending(), 0);
  const queued = pending();
  if (queued === 0) return 0;
  await settlesWithin(Promise.all(notifiers.map((n) => n.idle())), deadlineMs);
  const undelivered = pending();
  if (undelivered === 0)
    shutdownLog.info({ delivered: queued }, `webhooks: delivered the ${queued} queued notifications`);
  else {
    shutdownLog.warn(
      { queued, undelivered, deadlineMs },
      `webhooks: ${undelivered} of ${queued} queued notifications not delivered within ${deadlineMs} ms`,
    );
  }
  return undelivered;
}

/** What /api/metrics reports per partition (config `metrics.granularity`); `partition` when not running. */
export function getMetricsGranularity(): MetricsGranularity {
  return (globalThis as GlobalWithRuntime)[KEY]?.config.metrics.granularity ?? 'partition';
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

/** Per cluster: its cycles and its webhooks' deliveries so far, for Watermark's own metrics. */
export function getServiceStats(): { cluster: string; cycles: CycleStatsReading; webhooks: WebhookTargetStats[] }[] {
  const runtime = (globalThis as GlobalWithRuntime)[KEY];
  if (!runtime) return [];
  return [...runtime.loops].map(([cluster, loop]) => ({
    cluster,
    cycles: loop.stats(),
    webhooks: runtime.notifiers.get(cluster)?.stats() ?? [],
  }));
}

/** How a cluster's records are read on request, and its preview settings (none: metadata only). */
export interface RecordReader {
  read(request: RecordAtOffsetRequest): Promise<RecordAtOffset>;
  preview: RecordPreviewConfig | undefined;
}

export function getRecordReader(clusterId: string): RecordReader | undefined {
  return (globalThis as GlobalWithRuntime)[KEY]?.recordReaders.get(clusterId);
}

/** A cluster's history, for the API's history readers. */
export function getHistory(clusterId: string): ClusterHistory | undefined {
  return (globalThis as GlobalWithRuntime)[KEY]?.histories.get(clusterId);
}

/** Which replica polls which cluster (several replicas on PostgreSQL); null for a single process. */
export function getReplicaStatus(): ReplicaStatus | null {
  return (globalThis as GlobalWithRuntime)[KEY]?.replicas?.status() ?? null;
}

/** With several replicas, who polls the cluster and since when; undefined for a single process. */
export function getClusterPolling(clusterId: string): ClusterPolling | undefined {
  return (globalThis as GlobalWithRuntime)[KEY]?.replicas?.polling(clusterId);
}
