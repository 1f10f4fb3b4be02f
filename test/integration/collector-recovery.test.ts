/**
 * An unreachable cluster is recorded as such (with the error, keeping the age of
 * the last good data), and collection resumes by itself when it comes back.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterSummary } from '@/lib/api/views/cluster-views';
import { startClusterLoop, type ClusterLoop } from '@/lib/collector/cluster-loop';
import { ClusterStateStore } from '@/lib/collector/state-store';
import { createKafkaClient } from '@/lib/kafka/kafka-client';
import { LOCAL_BROKERS } from '../helpers/local-cluster';

/** A TCP forwarder to the first local broker that can be switched off and on. */
function bootstrapProxy(port: number) {
  const [host, target] = LOCAL_BROKERS[0].split(':');
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  return {
    async start() {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target), host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const close = () => [client, upstream].forEach((s) => s.destroy());
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the collector loop', () => {
  let loop: ClusterLoop | undefined;
  afterEach(async () => {
    await loop?.stop();
  });

  it('reports an unreachable cluster and resumes when it answers again', async () => {
    const port = await freePort();
    const proxy = bootstrapProxy(port);
    const store = new ClusterStateStore();
    store.register('flaky', 'flaky', 1000);
    loop = startClusterLoop({
      clusterId: 'flaky',
      // Only the proxy is known: metadata then points at the real brokers, so switch
      // the proxy off before the first cycle to make the whole cluster unreachable.
      client: createKafkaClient({ brokers: [`127.0.0.1:${port}`], requestTimeoutMs: 1000 }),
      store,
      pollIntervalMs: 1000,
    });

    await loop.nextCycle();
    const down = clusterSummary(store.get('flaky')!);
    expect(down.status).toBe('unreachable');
    expect(down.error).toMatch(/no broker answered/);
    expect(down.collectedAt).toBeNull();

    await proxy.start();
    try {
      await loop.nextCycle();
      await loop.nextCycle();
      const up = clusterSummary(store.get('flaky')!);
      expect(up.status).not.toBe('unreachable');
      expect(up.brokerCount).toBe(3);
      expect(up.error).toBeUndefined();
      expect(up.collectedAt).toBeGreaterThan(0);
    } finally {
      await proxy.stop();
    }
  });

  it('never overlaps cycles, even when the interval is shorter than a cycle', async () => {
    const store = new ClusterStateStore();
    store.register('fast', 'fast', 1);
    const client = createKafkaClient({ brokers: LOCAL_BROKERS, requestTimeoutMs: 5000 });
    let active = 0;
    let maxActive = 0;
    const metadata = client.metadata.bind(client);
    client.metadata = async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        return await metadata();
      } finally {
        active--;
      }
    };
    loop = startClusterLoop({ clusterId: 'fast', client, store, pollIntervalMs: 1 });
    for (let i = 0; i < 3; i++) await loop.nextCycle();
    expect(maxActive).toBe(1);
    expect(store.get('fast')?.snapshot?.brokers).toHaveLength(3);
  });
});
