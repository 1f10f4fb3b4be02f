/**
 * The collector of this server process: one loop per configured cluster, started
 * once. Kept on globalThis because Next.js may load this module more than once
 * (instrumentation and route bundles, dev reloads) and all must share one store.
 */
import { resolveConnection } from '../config/connection-options';
import { loadConfig } from '../config/load-config';
import type { WatermarkConfig } from '../config/schema';
import { createKafkaClient } from '../kafka/kafka-client';
import { startClusterLoop, type ClusterLoop } from './cluster-loop';
import { ClusterStateStore } from './state-store';

interface Runtime {
  config: WatermarkConfig;
  store: ClusterStateStore;
  loops: Map<string, ClusterLoop>;
}

const KEY = Symbol.for('watermark.runtime');
type GlobalWithRuntime = typeof globalThis & { [KEY]?: Runtime };

/** Starts the collectors once per process; later calls return the running ones. Throws a ConfigError on bad config. */
export function startRuntime(env: Record<string, string | undefined> = process.env): Runtime {
  const global = globalThis as GlobalWithRuntime;
  if (global[KEY]) return global[KEY];
  const config = loadConfig(env);
  const connections = config.clusters.map((cluster) => ({ cluster, connection: resolveConnection(cluster, env) }));
  const store = new ClusterStateStore();
  const loops = new Map<string, ClusterLoop>();
  for (const { cluster, connection } of connections) {
    store.register(cluster.id, cluster.name ?? cluster.id, cluster.pollIntervalMs);
    loops.set(
      cluster.id,
      startClusterLoop({
        clusterId: cluster.id,
        client: createKafkaClient(connection),
        store,
        pollIntervalMs: cluster.pollIntervalMs,
      }),
    );
  }
  global[KEY] = { config, store, loops };
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
}
