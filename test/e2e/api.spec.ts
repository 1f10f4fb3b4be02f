/**
 * The JSON API served by `next start`: contract fields, 404s, and group ids with
 * characters that need URL encoding.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { Kafka, logLevel } from 'kafkajs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HealthResponse } from '@/lib/api/health';
import { ClusterHistoryResponse, GroupHistoryResponse, TopicHistoryResponse } from '@/lib/api/history-schemas';
import { ClustersResponse, GroupResponse, GroupsResponse, TopicResponse } from '@/lib/api/schemas';
import { eventually, LOCAL_BROKERS, uniqueName } from '../helpers/local-cluster';

const api = (path: string) => fetch(`${inject('baseUrl')}${path}`);

/** A GET whose body is kept as sent (fetch would decode it), with its headers. */
function rawGet(path: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(inject('baseUrl'));
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get({ hostname, port, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('the JSON API', () => {
  const kafka = new Kafka({ clientId: 'watermark-tests', brokers: LOCAL_BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const topic = uniqueName('api');
  const oddGroup = `team a/ü.${uniqueName('grp')}`;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true });
    await admin.setOffsets({ groupId: oddGroup, topic, partitions: [{ partition: 0, offset: '0' }] });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lists the default cluster with its counts', async () => {
    const body = ClustersResponse.parse(await (await api('/api/clusters')).json());
    const cluster = body.clusters.find((c) => c.id === 'default');
    expect(cluster?.brokerCount).toBe(3);
    expect(cluster?.collectedAt).toBeGreaterThan(0);
  });

  it('serves a group whose id has a space, a slash and unicode, URL-encoded', async () => {
    const path = `/api/clusters/default/groups/${encodeURIComponent(oddGroup)}`;
    const group = await eventually(
      async () => {
        const response = await api(path);
        const body = response.status === 200 ? GroupResponse.parse(await response.json()) : undefined;
        // kafkajs's setOffsets joins the group for a moment: wait until that member is gone.
        return body && body.members.length === 0 ? body : undefined;
      },
      'the collector to see the new group without members',
      60_000,
    );
    expect(group.groupId).toBe(oddGroup);
    expect(group.partitions).toEqual([expect.objectContaining({ topic, partition: 0, committedOffset: 0, lag: 0 })]);
    const list = GroupsResponse.parse(await (await api('/api/clusters/default/groups')).json());
    expect(list.groups.map((g) => g.groupId)).toContain(oddGroup);
    const detail = TopicResponse.parse(
      await (await api(`/api/clusters/default/topics/${encodeURIComponent(topic)}`)).json(),
    );
    expect(detail.groups).toContain(oddGroup);
  });

  it('serves the history of a group, a topic and the cluster as chart points', async () => {
    const groupPath = `/api/clusters/default/groups/${encodeURIComponent(oddGroup)}/history?range=15m&breakdown=topic`;
    const history = await eventually(
      async () => {
        const response = await api(groupPath);
        const body = response.status === 200 ? GroupHistoryResponse.parse(await response.json()) : undefined;
        return body?.points.some((p) => p.lag === 0) ? body : undefined;
      },
      'a history point for the new group',
      60_000,
    );
    expect(history.range).toBe('15m');
    expect(history.points.length).toBeLessThanOrEqual(180);
    expect(history.topics?.map((t) => t.topic)).toEqual([topic]);
    const topicHistory = TopicHistoryResponse.parse(
      await (await api(`/api/clusters/default/topics/${encodeURIComponent(topic)}/history?range=1h`)).json(),
    );
    expect(topicHistory.points.some((p) => p.retainedMessages === 0)).toBe(true);
    const cluster = ClusterHistoryResponse.parse(await (await api('/api/clusters/default/history?range=6h')).json());
    expect(cluster.points.some((p) => p.lag !== null)).toBe(true);
  });

  it('serves Prometheus metrics that a real text-format parser reads, with the same numbers as the API', async () => {
    const response = await api('/api/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const families = parsePrometheusTextFormat(await response.text());
    const offsets = families.find((f) => f.name === 'kafka_consumergroup_group_offset')?.metrics ?? [];
    const ours = offsets.find((m) => m.labels?.group === oddGroup && m.labels?.topic === topic);
    expect(ours).toMatchObject({ value: '0', labels: { cluster_name: 'default', partition: '0' } });
    const brokersUp = families.find((f) => f.name === 'watermark_broker_up')?.metrics ?? [];
    expect(brokersUp.map((m) => m.labels?.broker).sort()).toEqual(['1', '2', '3']);
  });

  it('sends the lists and the scrape gzipped once (compressed per cycle) to a client that takes gzip, plain to one that does not', async () => {
    const path = '/api/clusters/default/groups';
    const plain = await rawGet(path, {});
    const gzipped = await rawGet(path, { 'Accept-Encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['x-watermark-encoded-with']).toBeUndefined();
    // Decoded once, the same answer: not gzipped twice (Next.js's own compression stays out).
    if (gzipped.headers.etag === plain.headers.etag) {
      expect(zlib.gunzipSync(gzipped.body).toString()).toBe(plain.body.toString());
    }
    GroupsResponse.parse(JSON.parse(zlib.gunzipSync(gzipped.body).toString()));

    const scrape = await rawGet('/api/metrics', { 'Accept-Encoding': 'gzip' });
    expect(scrape.headers['content-encoding']).toBe('gzip');
    // Per-cycle and live parts compressed apart, one gzip stream.
    const families = parsePrometheusTextFormat(zlib.gunzipSync(scrape.body).toString());
    const plainFamilies = parsePrometheusTextFormat((await rawGet('/api/metrics', {})).body.toString());
    expect(families.map((f) => f.name)).toEqual(plainFamilies.map((f) => f.name));
    expect(families.find((f) => f.name === 'watermark_broker_up')?.metrics).toHaveLength(3);
  });

  it('answers readiness with each cluster and liveness with 200', async () => {
    const ready = await api('/api/health');
    const body = HealthResponse.parse(await ready.json());
    expect(ready.status).toBe(body.status === 'ready' ? 200 : 503);
    expect(body.clusters).toEqual([expect.objectContaining({ id: 'default', ready: true, error: null })]);
    expect((await api('/api/health/live')).status).toBe(200);
  });

  it('answers 400 naming the allowed values for an unknown history range', async () => {
    const response = await api('/api/clusters/default/history?range=2w');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/15m, 1h, 6h, 24h, 7d/);
  });

  it('answers 404 with an error for an unknown cluster, topic or group', async () => {
    for (const path of [
      '/api/clusters/nope/topics',
      '/api/clusters/default/topics/no-such-topic',
      '/api/clusters/default/groups/no%20such%20group',
      '/api/clusters/nope/history',
      '/api/clusters/nope/alerts',
      '/api/clusters/default/topics/no-such-topic/history',
      '/api/clusters/default/groups/no%20such%20group/history',
    ]) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/unknown/);
    }
  });
});
