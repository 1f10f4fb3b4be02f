/**
 * Three `next start` replicas sharing one real PostgreSQL, watching two clusters (both on the
 * local Kafka, under two ids): each cluster is polled by exactly one replica and every
 * replica serves both; a replica killed, or stopped past its lease, is replaced within two
 * poll intervals, without a second firing or a lost resolution; one that wakes after losing
 * its lease writes nothing; while PostgreSQL is down the pages say who polls is not known and the
 * cycles cannot be read; its return is recovered from without losing what was stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthResponse, type ReplicaHealth } from '@/lib/api/health';
import { collectErrors, launchBrowser, screenshot } from '../helpers/browser';
import { ClustersResponse } from '@/lib/api/schemas';
import { startPostgres, type RunningPostgres } from '../../scripts/local-postgres';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer, type NextServer } from '../helpers/next-server';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const PG_PORT = 17439;
/**
 * The longest hole a takeover leaves is a poll interval (the killed owner's cycle was just
 * before it died) plus the lease's TTL and a renewal round (a third of it) plus starting
 * to poll: under two intervals when the TTL is well under one, as by default (10 s and 5 s).
 */
const POLL_MS = 5000;
const LEASE_TTL_MS = 2000;
const A = uniqueName('replica-a');
const B = uniqueName('replica-b');
/** Groups named so lag past 1 s of time on cluster A: an alert at once. */
const SLOW = uniqueName('replica-slow');
const REPLICAS = ['r1', 'r2', 'r3'] as const;
type ReplicaName = (typeof REPLICAS)[number];

/** A JSON webhook (only cluster A sends any). */
interface WebhookBody {
  event: string;
  alert: { key: string };
}

describe('several replicas on one PostgreSQL', { timeout: 300_000 }, () => {
  const fixture = useKafkaFixture('replicas');
  let postgres: RunningPostgres;
  let receiver: WebhookReceiver;
  let db: pg.Pool;
  let dir = '';
  const servers = new Map<ReplicaName, NextServer>();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watermark-e2e-replicas-'));
    [postgres, receiver] = await Promise.all([startPostgres(PG_PORT), startWebhookReceiver()]);
    db = new pg.Pool({ connectionString: postgres.url, max: 1 });
    // Its idle connection is cut by the restart below: the next query opens another.
    db.on('error', () => undefined);
    const configFile = path.join(dir, 'watermark.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        clusters: [
          {
            id: A,
            brokers: LOCAL_BROKERS,
            pollIntervalMs: POLL_MS,
            webhooks: [{ url: receiver.url }],
            alerts: { forSeconds: 0, resolveAfterSeconds: 2, overrides: [{ group: `${SLOW}*`, timeLagSeconds: 1 }] },
          },
          { id: B, brokers: LOCAL_BROKERS, pollIntervalMs: POLL_MS },
        ],
        history: { postgres: { url: { env: 'HISTORY_URL' }, leaseTtlMs: LEASE_TTL_MS } },
      }),
    );
    REPLICAS.forEach((name, index) => {
      const server = spawnNextServer(E2E_PORT + 10 + index, {
        WATERMARK_CONFIG: configFile,
        WATERMARK_DATA_DIR: path.join(dir, name),
        WATERMARK_REPLICA_ID: name,
        HISTORY_URL: postgres.url,
        LOG_LEVEL: 'info',
      });
      servers.set(name, server);
    });
    await Promise.all([...servers.values()].map((server) => waitForNextServer(server, 120_000)));
  });

  afterAll(async () => {
    for (const server of servers.values()) server.child.kill('SIGCONT');
    await Promise.all([...servers.values()].map((server) => server.stop()));
    await db?.end();
    await Promise.all([postgres?.stop(), receiver?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const alive = () => [...servers].filter(([, s]) => s.child.exitCode === null && s.child.signalCode === null);

  async function replicasOf(name: ReplicaName): Promise<ReplicaHealth> {
    const response = await fetch(`${servers.get(name)!.url}/api/health`);
    const body = HealthResponse.parse(await response.json());
    expect(body.replicas?.replica).toBe(name);
    return body.replicas!;
  }

  /** Per cluster, the replica every live replica names as its owner; undefined until they all agree. */
  async function agreedOwners(among = alive().map(([name]) => name)): Promise<Map<string, string> | undefined> {
    const views = await Promise.all(among.map((name) => replicasOf(name)));
    const owners = new Map<string, string>();
    for (const cluster of [A, B]) {
      const named = new Set(views.map((v) => v.clusters.find((c) => c.id === cluster)?.owner ?? null));
      const [owner] = named;
      if (named.size !== 1 || !owner) return undefined;
      // The owner itself says it polls; every other replica says it follows.
      for (const view of views) {
        const role = view.clusters.find((c) => c.id === cluster)?.role;
        if (role !== (view.replica === owner ? 'polls' : 'follows')) return undefined;
      }
      owners.set(cluster, owner);
    }
    return owners;
  }

  async function requestsSent(name: ReplicaName, cluster: string): Promise<number> {
    const text = await (await fetch(`${servers.get(name)!.url}/api/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`watermark_collector_requests_total{cluster_name="${cluster}"`));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** The cycles of `cluster` stored in PostgreSQL (epoch ms), oldest first. */
  async function storedCycles(cluster: string): Promise<number[]> {
    const { rows } = await db.query<{ t: string }>('SELECT t FROM pending_aggregates WHERE cluster = $1 ORDER BY t', [
      cluster,
    ]);
    return rows.map((row) => Number(row.t));
  }

  const webhooks = () => receiver.bodies as WebhookBody[];
  const sent = (key: string, event: string) =>
    webhooks().filter((b) => b.alert?.key === key && b.event === event).length;

  it('polls each cluster on exactly one replica and serves both from all three, with the same collectedAt', async () => {
    // Two clusters over three replicas: a fair share is one each (the first replica up takes both, then gives one up).
    const owners = await eventually(
      async () => {
        const agreed = await agreedOwners();
        return agreed && agreed.get(A) !== agreed.get(B) ? agreed : undefined;
      },
      'every replica to agree on one owner per cluster, a different one for each',
      90_000,
    );

    // Over a few cycles, only a cluster's owner sends Kafka requests for it.
    const before = new Map<string, number>();
    for (const name of REPLICAS) for (const c of [A, B]) before.set(`${name}/${c}`, await requestsSent(name, c));
    await sleep(2 * POLL_MS);
    for (const name of REPLICAS) {
      for (const cluster of [A, B]) {
        const sentMeanwhile = (await requestsSent(name, cluster)) - before.get(`${name}/${cluster}`)!;
        if (owners.get(cluster) === name) expect(sentMeanwhile, `${name} polls ${cluster}`).toBeGreaterThan(0);
        else expect(sentMeanwhile, `${name} follows ${cluster}`).toBe(0);
      }
    }

    // Each replica answers for both clusters with the owner's latest cycle.
    await eventually(async () => {
      const seen = await Promise.all(
        REPLICAS.map(async (name) => {
          const body = ClustersResponse.parse(await (await fetch(`${servers.get(name)!.url}/api/clusters`)).json());
          return body.clusters.map((c) => `${c.id}@${c.collectedAt}`).join(' ');
        }),
      );
      return new Set(seen).size === 1 && !seen[0].includes('@null') ? seen : undefined;
    }, 'the three replicas to show the same cycle of both clusters');
  });

  it('says on the clusters page which replica polls each cluster, for how long, and which one served it', async () => {
    const owners = await eventually(() => agreedOwners(), 'every replica to agree on the owners');
    const browser = await launchBrowser();
    try {
      for (const width of [1400, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const errors = collectErrors(page);
        const served: ReplicaName = owners.get(A) === 'r1' ? 'r2' : 'r1';
        await page.goto(servers.get(served)!.url);
        const cardA = page.getByTestId(`cluster-${A}`).getByTestId('cluster-polling');
        const cardB = page.getByTestId(`cluster-${B}`).getByTestId('cluster-polling');
        for (const [card, cluster] of [
          [cardA, A],
          [cardB, B],
        ] as const) {
          const owner = owners.get(cluster)!;
          await card.waitFor();
          const text = await card.innerText();
          expect(text).toMatch(
            new RegExp(`^Polled by replica ${owner}${owner === served ? ' \\(this one\\)' : ''} for \\d+ (s|min)`),
          );
          if (owner !== served) expect(text).toContain(`served by replica ${served}`);
        }
        const box = await cardA.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        await screenshot(page, `replicas-home-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it('replaces a killed owner within two poll intervals, without a second firing or a lost resolution', async () => {
    const topic = await fixture.createTopic(1);
    const group = `${SLOW}-killed`;
    await sendWithRetry(fixture.producer, { topic, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] });
    const key = await eventually(async () => {
      const fired = webhooks().find((b) => b.event === 'fired' && b.alert?.key.includes(group));
      return fired?.alert.key;
    }, 'the lagging group’s alert to fire');

    const owners = await eventually(() => agreedOwners(), 'every live replica to agree on the owners');
    const victim = owners.get(A) as ReplicaName;

    // A replica that follows cluster A reads the record the group sits on too (one Fetch, on request).
    const follower = REPLICAS.find((name) => name !== victim)!;
    const recordUrl = `${servers.get(follower)!.url}/api/clusters/${A}/groups/${group}/record?topic=${topic}&partition=0`;
    const record = await (await fetch(recordUrl)).json();
    expect(record).toMatchObject({ group, topic, partition: 0, committedOffset: 0, record: { offset: 0 } });

    const killedAt = Date.now();
    servers.get(victim)!.child.kill('SIGKILL');
    // The group catches up while nobody polls: the resolution falls to the replica taking over.
    await fixture.admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '3' }] });

    const survivors = REPLICAS.filter((name) => name !== victim);
    const after = await eventually(async () => {
      const agreed = await agreedOwners(survivors);
      return agreed && survivors.includes(agreed.get(A) as ReplicaName) ? agreed : undefined;
    }, 'a surviving replica to own cluster A');
    const successor = after.get(A) as ReplicaName;
    const view = await replicasOf(successor);
    const takeoverMs = view.clusters.find((c) => c.id === A)!.ownerSince! - killedAt;
    console.log(`takeover after SIGKILL: ${takeoverMs} ms (lease TTL ${LEASE_TTL_MS} ms, poll ${POLL_MS} ms)`);
    expect(takeoverMs).toBeLessThanOrEqual(2 * POLL_MS);

    await eventually(async () => (sent(key, 'resolved') > 0 ? true : undefined), 'the resolution to be sent');
    // Two more cycles: nothing is sent again.
    await sleep(2 * POLL_MS);
    expect(sent(key, 'fired')).toBe(1);
    expect(sent(key, 'resolved')).toBe(1);

    // The charts: no hole between the killed owner's last cycle and the successor's first longer than two intervals.
    const cycles = await eventually(async () => {
      const stored = await storedCycles(A);
      return stored.some((t) => t > killedAt + 2 * POLL_MS) ? stored : undefined;
    }, 'the successor’s cycles in the history');
    const lastBefore = cycles.filter((t) => t <= killedAt).at(-1)!;
    const firstAfter = cycles.find((t) => t > killedAt)!;
    console.log(`chart gap across the takeover: ${firstAfter - lastBefore} ms`);
    expect(firstAfter - lastBefore).toBeLessThanOrEqual(2 * POLL_MS);
  });

  it('replaces an owner stopped past its lease, and the stopped one writes nothing when it wakes', async () => {
    const owners = await eventually(() => agreedOwners(), 'every live replica to agree on the owners');
    const sleeper = owners.get(B) as ReplicaName;
    const others = alive()
      .map(([name]) => name)
      .filter((name) => name !== sleeper);
    const server = servers.get(sleeper)!;
    const logBefore = server.output().length;
    const stoppedAt = Date.now();
    server.child.kill('SIGSTOP');
    try {
      const after = await eventually(async () => {
        const agreed = await agreedOwners(others);
        return agreed && agreed.get(B) !== sleeper ? agreed : undefined;
      }, 'another replica to own cluster B');
      const view = await replicasOf(after.get(B) as ReplicaName);
      const takeoverMs = view.clusters.find((c) => c.id === B)!.ownerSince! - stoppedAt;
      console.log(`takeover after SIGSTOP: ${takeoverMs} ms`);
      expect(takeoverMs).toBeLessThanOrEqual(2 * POLL_MS);
      await sleep(LEASE_TTL_MS);
    } finally {
      server.child.kill('SIGCONT');
    }
    const wokeAt = Date.now();
    // Awake, it first gives B up: it may take B again only later, as a new claim (the
    // replicas share the clusters out again once it is back).
    await eventually(() => agreedOwners(), 'all live replicas to agree again');
    const woke = server.output().slice(logBefore);
    const followed = woke.indexOf(`cluster ${B}: following the replica that polls it`);
    expect(followed).toBeGreaterThanOrEqual(0);
    const polledAgain = woke.indexOf(`cluster ${B}: this replica polls it now`);
    if (polledAgain >= 0) expect(polledAgain).toBeGreaterThan(followed);
    await sleep(2 * POLL_MS);
    // One writer at a time: B's cycles since the wake come about one poll interval apart, never two at once.
    const since = (await storedCycles(B)).filter((t) => t >= wokeAt - POLL_MS);
    const gaps = since.slice(1).map((t, i) => t - since[i]);
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(POLL_MS / 2);
  });

  it('says while PostgreSQL is down that the owners are not current and the data cannot be read, then recovers by itself keeping every cycle stored before', async () => {
    const before = new Map([
      [A, await storedCycles(A)],
      [B, await storedCycles(B)],
    ]);
    await postgres.down();
    // Past the lease's TTL nobody polls: every replica follows, and can read nothing.
    const [name] = alive()[0];
    const during = await eventually(async () => {
      const response = await fetch(`${servers.get(name)!.url}/api/clusters`);
      const { clusters } = ClustersResponse.parse(await response.json());
      const ours = clusters.filter((c) => c.id === A || c.id === B);
      const unknown = ours.every((c) => c.polling?.leasesError && c.errorKind === 'store-unreadable');
      return ours.length === 2 && unknown ? ours : undefined;
    }, 'a replica to say the leases and the cycles cannot be read');
    for (const cluster of during) {
      expect(cluster.collectedAt, 'the last cycle is still shown, with its age').not.toBeNull();
      expect(cluster.error).toMatch(/ECONNREFUSED|connect|terminat/i);
    }
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(servers.get(name)!.url);
      const line = await page.getByTestId(`cluster-${A}`).getByTestId('cluster-polling').innerText();
      expect(line).toMatch(
        /^(Polled by replica r\d when last read, \d+ s ago|Not known which replica polls it): the cluster leases cannot be read \(/,
      );
      expect(await page.getByTestId(`cluster-${A}`).innerText()).toContain("Watermark's database cannot be read");
      await screenshot(page, 'replicas-home-postgres-down');
      await page.close();
    } finally {
      await browser.close();
    }
    await postgres.up();
    const restartedAt = Date.now();
    await eventually(async () => {
      const [a, b] = await Promise.all([storedCycles(A), storedCycles(B)]);
      return a.some((t) => t > restartedAt) && b.some((t) => t > restartedAt) ? true : undefined;
    }, 'new cycles of both clusters stored after the restart');
    await eventually(() => agreedOwners(), 'every live replica to agree on the owners again');
    await eventually(async () => {
      const response = await fetch(`${servers.get(name)!.url}/api/clusters`);
      const { clusters } = ClustersResponse.parse(await response.json());
      const ours = clusters.filter((c) => c.id === A || c.id === B);
      return ours.every((c) => c.polling?.leasesError === null && !c.errorKind) || undefined;
    }, 'the replica to read the leases and the cycles again');
    for (const cluster of [A, B]) {
      expect(await storedCycles(cluster)).toEqual(expect.arrayContaining(before.get(cluster)!));
    }
  });
});
