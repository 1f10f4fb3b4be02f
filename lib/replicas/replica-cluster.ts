/**
 * One cluster on one of several replicas: it either polls the cluster (this replica holds
 * its lease) or follows the replica that does. Polling runs the whole pipeline (the
 * collector thread's reads, each published for the others; history, alerts and webhooks),
 * every write fenced on the lease. Following shows the holder's published cycles, reads
 * the history it writes and the alerts it stores, and writes nothing but silences.
 *
 * Every change of role starts from the shared database: the history's head and the active
 * alerts (with whether each firing was sent) are read back, so a takeover resumes where
 * the previous holder stopped, neither sending a firing again nor losing a resolution.
 */
import { AlertStore } from '../alerts/alert-store';
import type { ClusterAlertSettings } from '../alerts/alert-settings';
import { ClusterAlerts } from '../alerts/cluster-alerts';
import { SilenceStore } from '../alerts/silences';
import type { WebhookNotifier } from '../alerts/notifiers/webhook-notifier';
import { startClusterLoop, type ClusterLoop } from '../collector/cluster-loop';
import { startClusterPipeline } from '../collector/cluster-pipeline';
import type { CollectorThread } from '../collector/collector-thread';
import { CycleStats, type CycleStatsReading } from '../collector/cycle-stats';
import type { ClusterStateStore } from '../collector/state-store';
import type { ClusterConfig } from '../config/schema';
import { ClusterHistory } from '../history/cluster-history';
import type { HistoryRetention } from '../history/compact-history';
import type { SqlDatabase } from '../history/sql-database';
import { describeError } from '../kafka/errors';
import type { RecordAtOffset, RecordAtOffsetRequest } from '../kafka/record-at-offset';
import type { Logger } from '../log/logger';
import type { Lease } from './cluster-leases';
import { FencedDatabase } from './fenced-database';
import { followerCycleReader, LatestCycles } from './latest-cycles';

export type ReplicaRole = 'polls' | 'follows';

/** How often a follower looks for the holder's next cycle: the most its pages lag behind. */
const FOLLOW_CHECK_MS = 1000;
/** How long a polling cycle under way may finish when the lease is lost (its writes are refused anyway). */
const SWITCH_GRACE_MS = 2000;
/** When a role could not be taken up (the database away), how soon it is tried again. */
const RETRY_MS = 5000;

export interface ReplicaClusterOptions {
  cluster: ClusterConfig;
  /** The shared database, unfenced (reads, and silences, which any replica may write). */
  db: SqlDatabase;
  /** This replica's lease on the cluster now; null while it holds none. */
  lease: () => Lease | null;
  store: ClusterStateStore;
  retention: HistoryRetention;
  alertSettings: ClusterAlertSettings;
  thread: CollectorThread;
  notifier: WebhookNotifier;
  log: Logger;
  /** Given the history and alerts the API should read, at every change of role. */
  onParts: (parts: { history: ClusterHistory; alerts: ClusterAlerts }) => void;
}

export class ReplicaCluster implements ClusterLoop {
  #role: ReplicaRole | null = null;
  #wanted: ReplicaRole | null = null;
  #since: number | null = null;
  #loop: ClusterLoop | null = null;
  #parts: { history: ClusterHistory; alerts: ClusterAlerts } | null = null;
  #recordReader: ((request: RecordAtOffsetRequest) => Promise<RecordAtOffset>) | null = null;
  /** Ends a follower's wait for the holder's next cycle, so that a takeover starts at once. */
  #interrupt: (() => Promise<void>) | null = null;
  #switching: Promise<void> = Promise.resolve();
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  /** The polling cycles of every turn this replica polled the cluster (followed cycles are not its own). */
  readonly #stats = new CycleStats();
  #cycleWaiters: (() => void)[] = [];

  constructor(private readonly options: ReplicaClusterOptions) {}

  get id(): string {
    return this.options.cluster.id;
  }

  /** What this replica does with the cluster now, and since when (epoch ms); null before it started. */
  role(): { role: ReplicaRole; since: number } | null {
    return this.#role && this.#since !== null ? { role: this.#role, since: this.#since } : null;
  }

  /** Starts polling (the lease was gained); resolves once the pipeline runs. */
  poll(): Promise<void> {
    return this.#switch('polls');
  }

  /** Starts following (the lease was lost, or never held). */
  follow(): Promise<void> {
    return this.#switch('follows');
  }

  /**
   * The record at an offset, read by the collector thread: with the cycle reader's client when
   * this replica polls the cluster, else with the brokers and topic of the cycle it follows.
   */
  async recordAtOffset(request: RecordAtOffsetRequest): Promise<RecordAtOffset> {
    if (this.#recordReader) return this.#recordReader(request);
    const snapshot = this.options.store.get(this.id)?.snapshot;
    if (!snapshot) return { leader: null, kind: 'error', error: 'the cluster has not been read yet' };
    const topic = snapshot.topics.find((t) => t.name === request.topic);
    if (!topic) return { leader: null, kind: 'error', error: 'UNKNOWN_TOPIC_OR_PARTITION' };
    return this.options.thread.recordWith(this.id, request, snapshot.brokers, topic);
  }

  /** Stores the last sightings and raw samples, when this replica polls the cluster (shutdown). */
  flush(nowMs: number): void {
    if (this.#role !== 'polls' || !this.#parts) return;
    this.#parts.alerts.flush(nowMs);
    this.#parts.history.flush();
  }

  async stop(graceMs = Infinity): Promise<{ abandonedCycle: boolean }> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    await this.#switching;
    await this.#interrupt?.();
    const stopped = (await this.#loop?.stop(graceMs)) ?? { abandonedCycle: false };
    this.#recordReader = null;
    return stopped;
  }

  nextCycle(): Promise<void> {
    return new Promise((resolve) => this.#cycleWaiters.push(resolve));
  }

  stats(): CycleStatsReading {
    return this.#stats.read();
  }

  #switch(role: ReplicaRole): Promise<void> {
    this.#wanted = role;
    // A retry of another role is void now.
    clearTimeout(this.#retry);
    this.#switching = this.#switching.then(async () => {
      if (this.#stopped || this.#wanted !== role || (this.#role === role && this.#loop)) return;
      await this.#interrupt?.();
      this.#interrupt = null;
      await this.#loop?.stop(SWITCH_GRACE_MS);
      this.#loop = null;
      this.#recordReader = null;
      if (this.#stopped) return;
      try {
        this.#loop = role === 'polls' ? this.#startPolling() : this.#startFollowing();
        this.#role = role;
        this.#since = Date.now();
        this.options.log.info(
          { component: 'replicas', cluster: this.id, role },
          role === 'polls'
            ? `cluster ${this.id}: this replica polls it now`
            : `cluster ${this.id}: following the replica that polls it`,
        );
      } catch (failure) {
        const error = describeError(failure);
        // Both roles start by reading the shared database: the pages say it cannot be read.
        this.options.store.recordFailure(this.id, Date.now(), error, 'store-unreadable');
        this.options.log.error(
          { component: 'replicas', cluster: this.id, role, error },
          `cluster ${this.id}: cannot start to ${role === 'polls' ? 'poll' : 'follow'} it: ${error} (trying again in ${RETRY_MS / 1000} s)`,
        );
        this.#retry = setTimeout(() => {
          if (this.#wanted === role) void this.#switch(role);
        }, RETRY_MS);
      }
    });
    return this.#switching;
  }

  #startPolling(): ClusterLoop {
    const { cluster, db, lease, store, thread, notifier, log } = this.options;
    const fenced = new FencedDatabase(db, cluster.id, lease);
    const parts = (this.#parts = this.#openParts(fenced));
    const latest = new LatestCycles(fenced);
    let publishFailing = false;
    const reader = thread.reader(
      cluster.id,
      () => parts.history.reader.latestClusterRow()?.endOffsetSum ?? 0,
      (encoded) => {
        try {
          latest.publishEncoded(cluster.id, encoded, Date.now());
          publishFailing = false;
        } catch (failure) {
          const error = describeError(failure);
          if (!publishFailing)
            log.error(
              { component: 'replicas', cluster: cluster.id, error },
              `cluster ${cluster.id}: cannot publish the cycle to the other replicas: ${error}`,
            );
          publishFailing = true;
        }
      },
    );
    this.#recordReader = (request) => reader.recordAtOffset(request);
    return this.#counted(
      startClusterPipeline({
        cluster,
        reader,
        store,
        history: parts.history,
        alerts: parts.alerts,
        notifier,
        stats: this.#stats,
        log,
      }),
    );
  }

  #startFollowing(): ClusterLoop {
    const { cluster, db, store } = this.options;
    // Writes refused: the replica holding the lease writes this cluster's history and alerts.
    const parts = (this.#parts = this.#openParts(new FencedDatabase(db, cluster.id, () => null)));
    // A write refused while this replica lost the lease is not a failing history.
    store.recordHistoryWrite(cluster.id, Date.now(), null);
    const reader = followerCycleReader(new LatestCycles(db), cluster.id, {
      checkMs: FOLLOW_CHECK_MS,
      waitMs: cluster.pollIntervalMs,
    });
    this.#interrupt = () => reader.close();
    return this.#counted(
      startClusterLoop({
        reader,
        clusterId: cluster.id,
        store,
        pollIntervalMs: cluster.pollIntervalMs,
        log: this.options.log,
        // Waiting for the holder's cycles is not a cycle of this replica's: not counted.
        stats: new CycleStats(),
        onCycle: () => {
          parts.history.follow();
          parts.alerts.reload();
        },
      }),
    );
  }

  /** The history and alerts over `db` (fenced: written only with the lease), read back from it. */
  #openParts(db: SqlDatabase) {
    const { cluster, retention, alertSettings } = this.options;
    const history = new ClusterHistory(db, cluster.id, retention);
    const alerts = new ClusterAlerts(new AlertStore(db, cluster.id, retention.horizonMs), {
      policy: alertSettings.policy,
      lifecycle: alertSettings.lifecycle,
      // Silences are anyone's: set on whichever replica served the page.
      silences: new SilenceStore(this.options.db, cluster.id, alertSettings.silences),
    });
    const parts = { history, alerts };
    this.options.onParts(parts);
    return parts;
  }

  /** Resolves nextCycle() waiters after each cycle of `loop`, whichever role it runs. */
  #counted(loop: ClusterLoop): ClusterLoop {
    const wait = () => {
      loop.nextCycle().then(() => {
        if (this.#loop !== loop) return;
        const done = this.#cycleWaiters;
        this.#cycleWaiters = [];
        done.forEach((resolve) => resolve());
        wait();
      });
    };
    queueMicrotask(wait);
    return loop;
  }
}
