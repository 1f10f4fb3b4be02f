/**
 * The topic pages against topics made here: a 4-partition topic written for ~30 s with one
 * key taking most of the messages (a hot partition) and read by a consumer group, a
 * compacted neighbour, the list's search and sort in the URL, and an unknown topic.
 */
import type { Consumer, Producer } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupsResponse, TopicResponse, TopicsResponse } from '@/lib/api/schemas';
import { launchBrowser, screenshot, screenshotsInBothThemes, pageErrors } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, sleep, uniqueName } from '../helpers/local-cluster';

const TRAFFIC_MS = 30_000;
const MESSAGES_PER_SECOND = 40;
const topicsPath = '/clusters/default/topics';
const topicPath = (topic: string) => `${topicsPath}/${encodeURIComponent(topic)}`;

async function api<T>(path: string, schema: { parse(body: unknown): T }): Promise<T | undefined> {
  const response = await fetch(`${inject('baseUrl')}/api${path}`);
  return response.status === 200 ? schema.parse(await response.json()) : undefined;
}

/** Four messages in five carry the same key, so the default partitioner puts them on one partition. */
function startSkewedProducer(producer: Producer, topic: string): { stop(): Promise<number> } {
  const startedAt = Date.now();
  let sent = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * MESSAGES_PER_SECOND) - sent;
      if (due > 0) {
        const messages = Array.from({ length: due }, (_, i) => {
          const n = sent + i;
          return { key: n % 5 === 0 ? `key-${n}` : 'hot-key', value: `message-${n}` };
        });
        await sendWithRetry(producer, { topic, messages });
        sent += due;
      }
      await sleep(100);
    }
  })();
  loop.catch(() => undefined);
  return {
    async stop() {
      stopped = true;
      await loop;
      return sent;
    },
  };
}

const rowNames = (page: Page) =>
  page.getByTestId('topic-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-topic')));

/** The list renders a keystroke's result when React has time (a deferred value): wait for it. */
async function expectRows(page: Page, names: string[]): Promise<void> {
  const expected = names.join();
  await eventually(
    async () => ((await rowNames(page)).join() === expected ? true : undefined),
    `rows ${expected}`,
    10_000,
  );
}

const endOffsets = (page: Page) =>
  page
    .getByTestId('topic-partition-row')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-end-offset'))));

describe('the topic pages', () => {
  // A prefix of this run's own: the list's search finds this run's topics and nothing else.
  const runPrefix = uniqueName('e2e-topics');
  const fixture = useKafkaFixture(runPrefix);
  const groupId = uniqueName('e2e-topics-group');
  let browser: Browser;
  let hotTopic: string;
  let compactTopic: string;
  let consumer: Consumer;
  let writer: { stop(): Promise<number> };
  let trafficStartedAt: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    hotTopic = await fixture.createTopic(4, { 'retention.ms': '3600000' });
    compactTopic = await fixture.createTopic(1, { 'cleanup.policy': 'compact' });
    consumer = fixture.kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic: hotTopic, fromBeginning: true });
    await consumer.run({ autoCommitInterval: 1000, eachMessage: async () => undefined });
    trafficStartedAt = Date.now();
    writer = startSkewedProducer(fixture.producer, hotTopic);
  });

  afterAll(async () => {
    await writer?.stop().catch(() => undefined);
    await consumer?.disconnect().catch(() => undefined);
    await fixture.admin.deleteGroups([groupId]).catch(() => undefined);
    await browser?.close();
  });

  it('shows "Topic not found" with a way back for an unknown topic', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const unknown = uniqueName('no-such-topic');
    // The page itself answers 404: the browser logs that, nothing else may be logged.
    const errors = pageErrors(page, (url) => url.pathname === topicPath(unknown), topicsPath);
    const response = await page.goto(`${inject('baseUrl')}${topicPath(unknown)}`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Topic not found' }).waitFor({ timeout: 30_000 });
    await expect(page.getByText(`unknown topic "${unknown}"`).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'All topics' }).getAttribute('href')).resolves.toBe(topicsPath);
    await screenshot(page, 'topic-not-found');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('finds the topics by search, sorts by name, keeps both in the URL and links to the topic', async () => {
    await eventually(async () => {
      const topics = (await api('/clusters/default/topics', TopicsResponse))?.topics ?? [];
      const names = new Set(topics.map((t) => t.name));
      return names.has(hotTopic) && names.has(compactTopic) ? true : undefined;
    }, 'the API to list both topics');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, undefined, topicsPath);
    await page.goto(`${inject('baseUrl')}${topicsPath}`);
    await page.getByTestId('topic-row').first().waitFor({ timeout: 30_000 });
    await screenshotsInBothThemes(page, 'topics-list');

    const search = page.getByRole('searchbox', { name: 'Search topics' });
    await search.fill(hotTopic);
    await page.waitForURL((url) => url.searchParams.get('q') === hotTopic);
    await expectRows(page, [hotTopic]);
    const hotRow = page.locator(`[data-testid="topic-row"][data-topic="${hotTopic}"]`);
    // Topic, partitions, RF, rate, size, retention.ms, retention.bytes, ...: read as the API lists them.
    const cells = await hotRow.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual([hotTopic, '4', '3']);
    expect(cells.slice(5, 7)).toEqual(['1h', '∞']);
    // The consuming group shows up once the collector has seen its first commit.
    await eventually(
      async () => ((await hotRow.locator('td').last().textContent()) === '1' ? true : undefined),
      'one group',
    );

    await search.fill(runPrefix);
    await page.waitForURL((url) => url.searchParams.get('q') === runPrefix);
    const ascending = [hotTopic, compactTopic].sort(new Intl.Collator('en', { numeric: true }).compare);
    await expectRows(page, ascending);
    const compactCells = await page.locator(`[data-topic="${compactTopic}"] td`).allTextContents();
    expect(compactCells.slice(5, 7)).toEqual(['compact', 'compact']);

    await page.getByRole('button', { name: 'Topic', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'name' && url.searchParams.get('dir') === 'desc');
    await expectRows(page, [...ascending].reverse());
    console.log(`topics list: "${runPrefix}" → ${ascending.length} rows, sorted Z→A: ${[...ascending].reverse()}`);
    // Rows are read with the keyboard: the arrow keys move between the row links.
    await page.getByRole('link', { name: ascending[1] }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(ascending[0]);

    // A shared link restores the same view.
    await page.reload();
    await page.getByTestId('topic-row').first().waitFor({ timeout: 30_000 });
    await expect(search.inputValue()).resolves.toBe(runPrefix);
    await expect(page.getByRole('columnheader', { name: 'Topic' }).getAttribute('aria-sort')).resolves.toBe(
      'descending',
    );
    await expectRows(page, [...ascending].reverse());

    // Internal topics only with the toggle.
    await search.fill('__consumer_offsets');
    await page.getByText('No topics match').waitFor();
    await page.getByLabel(/show internal topics/).check();
    await page.waitForURL((url) => url.searchParams.get('internal') === '1');
    await expectRows(page, ['__consumer_offsets']);

    await search.fill(hotTopic);
    await page.getByRole('link', { name: hotTopic }).click();
    await page.waitForURL((url) => url.pathname === topicPath(hotTopic));
    await page.getByTestId('topic-partition-row').first().waitFor({ timeout: 30_000 });
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('shows the partitions with the end offsets Kafka reports, the hot partition and the consuming group', async () => {
    const hot = await eventually(
      async () => {
        const topic = await api(topicPath(hotTopic), TopicResponse);
        return topic && topic.hotPartitions.length > 0 ? topic.hotPartitions : undefined;
      },
      'the API to find a hot partition',
      60_000,
    );
    await sleep(Math.max(0, trafficStartedAt + TRAFFIC_MS - Date.now()));
    const sent = await writer.stop();
    const kafkaEnds = (await fixture.admin.fetchTopicOffsets(hotTopic))
      .sort((a, b) => a.partition - b.partition)
      .map((o) => Number(o.high));
    expect(kafkaEnds.reduce((sum, end) => sum + end, 0)).toBe(sent);
    // The key's partition took 4 messages in 5: the one with the largest end offset.
    const keyPartition = kafkaEnds.indexOf(Math.max(...kafkaEnds));
    expect(hot).toEqual([keyPartition]);
    await eventually(async () => {
      const topic = await api(topicPath(hotTopic), TopicResponse);
      return topic?.partitions.map((p) => p.highWatermark).join() === kafkaEnds.join() ? true : undefined;
    }, 'the collector to see the final end offsets');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, undefined, topicsPath);
    await page.goto(`${inject('baseUrl')}${topicPath(hotTopic)}?range=15m`);
    await page.getByTestId('topic-partition-row').first().waitFor({ timeout: 30_000 });
    const shown = await eventually(async () => {
      const ends = await endOffsets(page);
      return ends.join() === kafkaEnds.join() ? ends : undefined;
    }, 'the page to show the final end offsets');
    const apiEnds = (await api(topicPath(hotTopic), TopicResponse))?.partitions.map((p) => p.highWatermark);
    expect(shown).toEqual(apiEnds);
    console.log(`hot topic: ${sent} sent; end offsets page ${shown}, API ${apiEnds}, Kafka ${kafkaEnds}`);

    const marked = await page
      .locator('[data-testid="topic-partition-row"][data-hot="true"]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-partition'))));
    expect(marked).toEqual([keyPartition]);
    await expect(page.getByTestId('hot-partition').count()).resolves.toBe(1);
    await expect(page.getByTestId('topic-hot-partitions').textContent()).resolves.toBe(`▲ partition ${keyPartition}`);

    const groupRow = page.locator(`[data-testid="topic-group-row"][data-group="${groupId}"]`);
    await groupRow.waitFor({ timeout: 30_000 });
    const { shownLag, apiLag } = await eventually(async () => {
      const shownLag = await groupRow.getAttribute('data-lag');
      const groups = await api('/clusters/default/groups', GroupsResponse);
      const apiLag = groups?.groups.find((g) => g.groupId === groupId)?.totalLag;
      return shownLag !== '' && Number(shownLag) === apiLag ? { shownLag, apiLag } : undefined;
    }, 'the group lag on the page to match the API');
    await expect(groupRow.locator('[data-status]').getAttribute('data-status')).resolves.toMatch(/^(OK|WARN|ERR)$/);
    console.log(`group ${groupId}: lag on page ${shownLag}, API ${apiLag}`);

    await page.locator('[data-testid="chart-topic-rates"] .recharts-area').waitFor({ timeout: 30_000 });
    const produced = (await page.getByTestId('chart-topic-rates').getAttribute('data-produce-values')) ?? '';
    expect(Math.max(...produced.split(',').map(Number))).toBeGreaterThan(0);
    await expect(page.getByTestId('retention-Time').textContent()).resolves.toContain('of 1h (retention.ms)');
    await expect(page.getByTestId('retention-Size').textContent()).resolves.toContain('No size limit');
    await expect(page.getByRole('button', { name: '15m' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshotsInBothThemes(page, 'topic-hot');

    await page.goto(`${inject('baseUrl')}${topicPath(compactTopic)}`);
    await page.getByTestId('retention-Time').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('retention-Time').textContent()).resolves.toContain('Compaction only');
    expect(errors()).toEqual([]);
    await page.close();
  });
});
