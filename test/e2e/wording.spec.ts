/**
 * Pages that read right the first time: every place a lag status is shown has its meaning
 * in words a phone shows (no hover), a group page says what its status means, a fresh
 * install's charts start at the first sample and say so, columns say what they count, and
 * a hygiene alert says what it found, with its time in text.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { chartWindow, historySinceText } from '@/components/charts/chart-data';
import { groupStatusExplanation, STATUS_SHORT, type AnyLagStatus } from '@/components/ui/lag-status-meaning';
import { AlertsResponse } from '@/lib/api/alert-schemas';
import { ClusterHistoryResponse } from '@/lib/api/history-schemas';
import { GroupResponse, TopicsResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';
import { startSteadyProducer } from '../helpers/test-pipeline';

const cluster = '/clusters/default';
const url = (path: string) => `${inject('baseUrl')}${path}`;

async function api<T>(path: string, schema: { parse: (value: unknown) => T }): Promise<T | undefined> {
  const response = await fetch(url(`/api${path}`));
  return response.status === 200 ? schema.parse(await response.json()) : undefined;
}

/** The statuses of the badges inside `scope` (the legend's own left out), each once, sorted. */
async function badgeStatuses(scope: Locator): Promise<string[]> {
  const statuses = await scope
    .locator('.badge[data-status]')
    .evaluateAll((badges) =>
      badges.filter((b) => !b.closest('[data-testid="status-legend"]')).map((b) => b.getAttribute('data-status')),
    );
  return [...new Set(statuses.filter((s): s is string => s !== null))].sort();
}

/**
 * The legend's key is on screen without a tap and lists exactly the statuses `shown` shows
 * (a table, or the whole page), each with its few words; the full meanings sit in a disclosure.
 */
async function expectKeyFor(page: Page, shown: Locator): Promise<void> {
  const legend = page.getByTestId('status-legend');
  await eventually(async () => {
    const statuses = await badgeStatuses(shown);
    const keyed = (await legend
      .locator('[data-testid="status-key"] li')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-status')))) as string[];
    return statuses.length > 0 && statuses.join() === [...keyed].sort().join() ? true : undefined;
  }, 'the key to list the statuses the table shows');
  const items = legend.getByTestId('status-key').locator('li');
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    const status = (await item.getAttribute('data-status')) as AnyLagStatus;
    await expect(item.isVisible()).resolves.toBe(true);
    await expect(item.textContent()).resolves.toContain(`${status} ${STATUS_SHORT[status]}`);
  }
  await expect(legend.locator('details').getAttribute('open')).resolves.toBeNull();
}

describe('pages that say what they show', () => {
  const prefix = uniqueName('e2e-wording');
  const fixture = useKafkaFixture(prefix);
  const group = `${prefix}-group`;
  let topic: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    topic = await fixture.createTopic(2);
    await sendWithRetry(fixture.producer, {
      topic,
      messages: Array.from({ length: 20 }, (_, i) => ({ value: `m${i}`, partition: i % 2 })),
    });
    // Five messages behind on each partition, and nobody consuming.
    await fixture.admin.setOffsets({
      groupId: group,
      topic,
      partitions: [0, 1].map((partition) => ({ partition, offset: '5' })),
    });
    await eventually(
      async () =>
        ((await api(`${cluster}/groups/${encodeURIComponent(group)}`, GroupResponse))?.status ?? null) !== null ||
        undefined,
      'the group to have a status',
    );
  });

  afterAll(async () => {
    await fixture.admin.deleteGroups([group]).catch(() => undefined);
    await browser?.close();
  });

  it('keys the statuses in words on the group list, the group page, the topic page and the overview, at 390 px', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const errors = pageErrors(page, undefined, cluster);
    await page.goto(url(`${cluster}/groups?q=${encodeURIComponent(prefix)}`));
    await page.locator(`[data-testid="group-row"][data-group="${group}"]`).waitFor({ timeout: 30_000 });
    await expectKeyFor(page, page.getByRole('table', { name: 'Consumer groups' }));
    await expect(page.getByRole('columnheader', { name: /Time until loss \/ lost/ }).count()).resolves.toBe(1);
    await screenshot(page, 'wording-groups-key-390');

    await page.goto(url(`${cluster}/groups/${encodeURIComponent(group)}`));
    await page.getByTestId('partition-row').first().waitFor({ timeout: 30_000 });
    // The headline's group status and the partition rows' statuses.
    await expectKeyFor(page, page.locator('body'));
    // The group's own status, in a sentence under the headline: the one the API gives it.
    const meaning = page.getByTestId('group-status-meaning');
    await expect(meaning.isVisible()).resolves.toBe(true);
    await eventually(async () => {
      const g = await api(`${cluster}/groups/${encodeURIComponent(group)}`, GroupResponse);
      const expected =
        g &&
        groupStatusExplanation(
          g.status,
          g.partitions.map((p) => p.status),
        );
      return expected && (await meaning.textContent()) === expected ? true : undefined;
    }, "the page to explain the group's status as the API gives it");
    await screenshot(page, 'wording-group-key-390');

    await page.goto(url(`${cluster}/topics/${encodeURIComponent(topic)}`));
    await page.locator(`[data-testid="topic-group-row"][data-group="${group}"]`).waitFor({ timeout: 30_000 });
    await expectKeyFor(page, page.getByRole('table', { name: 'Consumer groups' }));

    await page.goto(url(cluster));
    const worst = page.getByRole('table', { name: 'Groups to look at first' });
    await worst.waitFor({ timeout: 30_000 });
    await expectKeyFor(page, worst);
    await screenshot(page, 'wording-overview-key-390');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it("starts a fresh install's chart at its first sample and says since when", async () => {
    // This server's history began when the suite started it: shorter than the hour, unless the suite ran past it.
    let range = '1h';
    let history = await api(`${cluster}/history?range=1h`, ClusterHistoryResponse);
    if (history && history.historyStartMs !== null && history.historyStartMs <= history.from) {
      range = '24h';
      history = await api(`${cluster}/history?range=24h`, ClusterHistoryResponse);
    }
    expect(history?.historyStartMs).toBeGreaterThan(history!.from);
    const since = history!.historyStartMs!;

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = pageErrors(page, undefined, cluster);
    await page.goto(url(`${cluster}?range=${range}`));
    const chart = page.getByTestId('chart-lag-vs-rates');
    await chart.locator('.recharts-area-curve').waitFor({ timeout: 30_000 });
    const caption = chart.getByTestId('history-since');
    await expect(caption.getAttribute('data-since')).resolves.toBe(String(since));
    const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect(caption.textContent()).resolves.toBe(` · ${historySinceText(since, Date.now(), timeZone)}`);

    // The lag starts where its first point falls on an axis that begins at the first sample
    // (on the whole range it would sit near the right end).
    const placed = await eventually(async () => {
      const now = await api(`${cluster}/history?range=${range}`, ClusterHistoryResponse);
      const first = now?.points.find((p) => p.lag !== null);
      if (!now || !first) return undefined;
      const window = chartWindow(now.from, now.to, now.historyStartMs);
      const expected = (first.t - window.fromMs) / (window.toMs - window.fromMs);
      const onRange = (first.t - now.from) / (now.to - now.from);
      const measured = await chart.evaluate((figure) => {
        const path = figure.querySelector('.recharts-area-curve')?.getAttribute('d') ?? '';
        const axis = figure.querySelector('.recharts-xAxis .recharts-cartesian-axis-line');
        const [x1, x2] = [Number(axis?.getAttribute('x1')), Number(axis?.getAttribute('x2'))];
        return (Number(/^M\s*([\d.]+)/.exec(path)?.[1]) - x1) / (x2 - x1);
      });
      return Math.abs(measured - expected) < 0.08 ? { expected, measured, onRange } : undefined;
    }, "the lag's first point where the first-sample axis puts it");
    console.log(
      `history since ${new Date(since).toISOString()}, range ${range}: first lag point at ${placed.measured.toFixed(3)} of the axis (expected ${placed.expected.toFixed(3)}; ${placed.onRange.toFixed(3)} on the whole range)`,
    );
    expect(placed.onRange - placed.measured).toBeGreaterThan(0.2);
    await screenshot(page, 'wording-first-hour-1400');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('says what the brokers, topics and topic sizes count', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = pageErrors(page, undefined, cluster);
    await page.goto(url(`${cluster}/brokers`));
    await page.getByRole('table', { name: 'Brokers' }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('columnheader', { name: 'Round trip' }).count()).resolves.toBe(1);
    await expect(page.getByRole('columnheader', { name: 'Bytes (all replicas)' }).count()).resolves.toBe(1);
    const notes = page.getByTestId('broker-table-notes');
    await expect(notes.isVisible()).resolves.toBe(true);
    await expect(notes.textContent()).resolves.toMatch(/ApiVersions request from Watermark to the broker and back/);
    await expect(notes.textContent()).resolves.toMatch(
      /leader and follower alike; a topic's size counts its leaders only/,
    );
    await screenshot(page, 'wording-brokers-1400');

    await page.goto(url(`${cluster}/topics?q=${encodeURIComponent(topic)}`));
    await page.locator(`[data-testid="topic-row"][data-topic="${topic}"]`).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('columnheader', { name: /^Size \(leaders\)/ }).count()).resolves.toBe(1);

    await page.goto(url(`${cluster}/topics/${encodeURIComponent(topic)}`));
    await page.getByText('size (leaders, one copy)').waitFor({ timeout: 30_000 });
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('explains a retention use over 100% where it is shown: the overview, the topic list and the topic page', async () => {
    // A segment goes only once its newest message is past retention.ms: with messages arriving
    // all the time into one (week-long) segment, nothing is deleted, and the oldest message
    // outlives a 3 s limit many times over.
    const over = await fixture.createTopic(1, { 'retention.ms': '3000' });
    const writer = startSteadyProducer(fixture.producer, over, { messagesPerSecond: 5, partitions: [0] });
    onTestFinished(() => writer.stop().then(() => undefined));
    await eventually(async () => {
      const topics = await api(`${cluster}/topics`, TopicsResponse);
      return (topics?.topics.find((t) => t.name === over)?.retentionUsage.age ?? 0) > 2 || undefined;
    }, 'the topic to be over twice its retention.ms');
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const errors = pageErrors(page, undefined, cluster);
    const note = page.getByTestId('retention-over-note');
    const explains = /Kafka deletes whole segments, and a segment only once its newest message is past retention\.ms/;

    await page.goto(url(cluster));
    await note.waitFor({ timeout: 30_000 });
    await expect(note.textContent()).resolves.toMatch(explains);
    await page.goto(url(`${cluster}/topics?q=${encodeURIComponent(over)}`));
    await note.waitFor({ timeout: 30_000 });
    await expect(note.textContent()).resolves.toMatch(explains);
    // And not where nothing is over: the list narrowed to the page's other, fresh topic.
    await page.goto(url(`${cluster}/topics?q=${encodeURIComponent(topic)}`));
    await page.locator(`[data-testid="topic-row"][data-topic="${topic}"]`).waitFor({ timeout: 30_000 });
    await expect(note.count()).resolves.toBe(0);
    await page.goto(url(`${cluster}/topics/${encodeURIComponent(over)}`));
    await page.getByText(explains).waitFor({ timeout: 30_000 });
    await screenshot(page, 'wording-retention-over-390');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('says what a hygiene alert found, and when, in words', async () => {
    // A topic with one replica: the hygiene rule finds it at once (alerts fire without delay here).
    await fixture.createTopicWith({ numPartitions: 1, replicationFactor: 1 });
    const key = 'hygiene:default:replication-factor-below-2';
    const alert = await eventually(
      async () => (await api(`${cluster}/alerts`, AlertsResponse))?.active.find((a) => a.key === key),
      'the hygiene alert for a single-replica topic',
      60_000,
    );
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const errors = pageErrors(page, undefined, cluster);
    await page.goto(url(`${cluster}/alerts`));
    const row = page.locator('[data-testid="alert-row"][data-rule="hygiene"]', { hasText: 'single replica' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.textContent()) ?? '';
    expect(text).toMatch(/\d+ topics? with a single replica/);
    expect(text).not.toMatch(/count \d+, threshold/);
    expect(text).toMatch(/started .+ \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC([+-]\d\d:\d\d)?\)/);
    console.log(`hygiene alert (value ${alert.value}): ${await row.locator('.alert-meta').textContent()}`);
    await screenshot(page, 'wording-hygiene-alert-390');
    expect(errors()).toEqual([]);
    await page.close();
  });
});
