/**
 * The answers built once per cycle, through the real runtime and route handlers against
 * the local cluster: within one cycle the groups and topics lists keep their ETag and a
 * request naming it gets a 304 without a body; after the next cycle (new offsets produced)
 * the ETag changes and the body has the offsets Kafka reports. /api/metrics, made from
 * segments rendered once per cycle, agrees with rendering it at once.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getGroupsRoute } from '@/app/api/clusters/[cluster]/groups/route';
import { GET as getTopicsRoute } from '@/app/api/clusters/[cluster]/topics/route';
import { GET as getMetricsRoute } from '@/app/api/metrics/route';
import { GroupsResponse, TopicsResponse } from '@/lib/api/schemas';
import { getStore, startRuntime, stopRuntime } from '@/lib/collector/runtime';
import { metricsText } from '@/lib/metrics/read-metrics';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, LOCAL_BROKERS, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { withTempDir } from '../helpers/temp-dir';

const CLUSTER = uniqueName('cached');
const params = { params: Promise.resolve({ cluster: CLUSTER }) };

function request(headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/', { headers });
}

const currentSnapshot = () => getStore().get(CLUSTER)?.snapshot ?? null;

/** What `ask` got within one cycle: asked again when a cycle ended meanwhile. */
async function inOneCycle<T>(ask: () => Promise<T>): Promise<T> {
  return eventually(async () => {
    const before = currentSnapshot();
    const result = await ask();
    return currentSnapshot() === before ? result : undefined;
  }, 'requests within one cycle');
}

type Route = typeof getGroupsRoute;

describe('answers built once per cycle', { timeout: 180_000 }, () => {
  const fixture = useKafkaFixture('cached');
  const temp = withTempDir('watermark-cached-answers');
  const groupId = uniqueName('cached-group');
  let topic: string;

  const produce = (count: number) =>
    sendWithRetry(fixture.producer, {
      topic,
      messages: Array.from({ length: count }, (_, i) => ({ partition: i % 2, value: `m${i}` })),
    });
  const groups = () => getGroupsRoute(request(), params);
  /** Messages in the topic and the group's lag, as Kafka reports them. */
  async function fromKafka() {
    const ends = await fixture.admin.fetchTopicOffsets(topic);
    const messages = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    const [committed] = await fixture.admin.fetchOffsets({ groupId, topics: [topic] });
    const lag = ends.reduce((sum, p) => {
      const offset = committed.partitions.find((c) => c.partition === p.partition)!.offset;
      return sum + Number(p.high) - Number(offset);
    }, 0);
    return { messages, lag };
  }

  beforeAll(async () => {
    topic = await fixture.createTopic(2);
    await produce(10);
    await fixture.admin.setOffsets({
      groupId,
      topic,
      partitions: [
        { partition: 0, offset: '1' },
        { partition: 1, offset: '1' },
      ],
    });
    const config = { clusters: [{ id: CLUSTER, brokers: LOCAL_BROKERS, pollIntervalMs: 2000 }] };
    startRuntime({
      WATERMARK_CONFIG: temp.write('watermark.json', JSON.stringify(config)),
      WATERMARK_DATA_DIR: temp.pathOf('data'),
    });
    const expected = await fromKafka();
    await eventually(async () => {
      const response = await groups();
      if (response.status !== 200) return undefined;
      const group = GroupsResponse.parse(await response.json()).groups.find((g) => g.groupId === groupId);
      return group?.totalLag === expected.lag ? true : undefined;
    }, 'the collector to see the group with its lag');
  });

  afterAll(async () => {
    await stopRuntime();
  });

  it('gives the same ETag twice in one cycle, and a 304 without a body to a request naming it', async () => {
    for (const route of [getGroupsRoute, getTopicsRoute] as Route[]) {
      const [first, second, notModified] = await inOneCycle(async () => {
        const one = await route(request(), params);
        const two = await route(request(), params);
        const three = await route(request({ 'if-none-match': one.headers.get('etag') ?? '' }), params);
        return [one, two, three];
      });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/".+"$/);
      expect(second.headers.get('etag')).toBe(etag);
      expect(await second.text()).toBe(await first.text());
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('etag')).toBe(etag);
      expect(await notModified.text()).toBe('');
    }
  });

  it('changes the ETag after the next cycle, with the new offsets in the body', async () => {
    const before = await groups();
    const etag = before.headers.get('etag')!;
    const topicsEtag = (await getTopicsRoute(request(), params)).headers.get('etag')!;
    await produce(6);
    const expected = await fromKafka();
    const body = await eventually(async () => {
      const response = await getGroupsRoute(request({ 'if-none-match': etag }), params);
      if (response.status === 304) return undefined;
      expect(response.headers.get('etag')).not.toBe(etag);
      const group = GroupsResponse.parse(await response.json()).groups.find((g) => g.groupId === groupId);
      return group?.totalLag === expected.lag ? group : undefined;
    }, 'the groups list of a later cycle with the new lag');
    expect(body.totalLag).toBe(expected.lag);
    const topicsAfter = await getTopicsRoute(request({ 'if-none-match': topicsEtag }), params);
    expect(topicsAfter.status).toBe(200);
    expect(topicsAfter.headers.get('etag')).not.toBe(topicsEtag);
    const summary = TopicsResponse.parse(await topicsAfter.json()).topics.find((t) => t.name === topic);
    expect(summary?.messageCount).toBe(expected.messages);
  });

  it('serves /api/metrics from per-cycle segments, agreeing with rendering it at once', async () => {
    const pick = (text: string) =>
      parsePrometheusTextFormat(text).filter(
        (f) => f.name.startsWith('kafka_') || f.name === 'watermark_consumergroup_status',
      );
    const { first, second, direct } = await inOneCycle(async () => ({
      first: await (await getMetricsRoute(new Request('http://127.0.0.1/api/metrics'))).text(),
      second: await (await getMetricsRoute(new Request('http://127.0.0.1/api/metrics'))).text(),
      direct: metricsText(getStore().list()),
    }));
    expect(pick(first)).toEqual(pick(direct));
    expect(pick(second)).toEqual(pick(direct));
    const plain = first;
    const ends = await fixture.admin.fetchTopicOffsets(topic);
    const latest = pick(plain)
      .find((f) => f.name === 'kafka_partition_latest_offset')!
      .metrics.filter((m) => m.labels?.cluster_name === CLUSTER && m.labels?.topic === topic)
      .map((m) => [m.labels?.partition, m.value]);
    expect(latest.sort()).toEqual(ends.map((p) => [String(p.partition), p.high]).sort());
  });
});
