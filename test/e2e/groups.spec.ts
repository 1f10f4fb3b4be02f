/**
 * The consumer group pages against real traffic made here: a slow group whose lag
 * grows, a stopped group on a short-retention topic that loses messages, the list's
 * URL filters, and an unknown group.
 */
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupResponse } from '@/lib/api/schemas';
import { launchBrowser, screenshot, screenshotsInBothThemes, pageErrors } from '../helpers/browser';
import { eventually, sleep, testKafka, uniqueName } from '../helpers/local-cluster';
import { startSteadyProducer, type SteadyProducer } from '../helpers/test-pipeline';

const slowTopic = uniqueName('e2e-groups-slow');
const lossTopic = uniqueName('e2e-groups-loss');
const slowGroup = uniqueName('e2e-slow-group');
const stoppedGroup = uniqueName('e2e-stopped-group');

const groupPath = (group: string) => `/clusters/default/groups/${encodeURIComponent(group)}`;

async function apiGroup(group: string): Promise<GroupResponse | undefined> {
  const response = await fetch(`${inject('baseUrl')}/api${groupPath(group)}`);
  return response.status === 200 ? GroupResponse.parse(await response.json()) : undefined;
}

async function chartLags(page: Page): Promise<number[]> {
  const values = await page.getByTestId('chart-lag-vs-rates').getAttribute('data-lag-values');
  return values ? values.split(',').map(Number) : [];
}

async function tableLag(page: Page): Promise<number> {
  const lags = await page
    .getByTestId('partition-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lag')));
  return lags.reduce((sum, lag) => sum + Number(lag), 0);
}

describe('the consumer group pages', () => {
  let browser: Browser;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let slowWriter: SteadyProducer;
  let lossWriter: SteadyProducer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    await admin.createTopics({
      topics: [
        { topic: slowTopic, numPartitions: 3, replicationFactor: 3 },
        {
          topic: lossTopic,
          numPartitions: 2,
          replicationFactor: 3,
          // The brokers check retention every 5 s; 1 s segments let whole segments expire within seconds.
          configEntries: [
            { name: 'retention.ms', value: '6000' },
            { name: 'segment.ms', value: '1000' },
          ],
        },
      ],
      waitForLeaders: true,
    });
    // Stopped before it read anything: committed at 0, no members.
    await admin.setOffsets({
      groupId: stoppedGroup,
      topic: lossTopic,
      partitions: [0, 1].map((partition) => ({ partition, offset: '0' })),
    });
    lossWriter = startSteadyProducer(producer, lossTopic, { messagesPerSecond: 20, partitions: [0, 1] });
    slowWriter = startSteadyProducer(producer, slowTopic, { messagesPerSecond: 30, partitions: [0, 1, 2] });
    // Two members on three partitions (an uneven split), each at most ~4 msg/s per partition against 10 produced.
    await Promise.all(
      [1, 2].map(async (i) => {
        const consumer = kafka.consumer({ groupId: slowGroup, maxBytesPerPartition: 2048 });
        consumers.push(consumer);
        await consumer.connect();
        await consumer.subscribe({ topic: slowTopic, fromBeginning: true });
        await consumer.run({
          autoCommitInterval: 1000,
          partitionsConsumedConcurrently: 3,
          eachMessage: async () => {
            await sleep(250 + i);
          },
        });
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await slowWriter?.stop().catch(() => undefined);
    await lossWriter?.stop().catch(() => undefined);
    await producer?.disconnect();
    await admin?.deleteGroups([slowGroup, stoppedGroup]).catch(() => undefined);
    await admin?.deleteTopics({ topics: [slowTopic, lossTopic] }).catch(() => undefined);
    await admin?.disconnect();
    await browser?.close();
  });

  it('shows "Consumer group not found" with a way back for an unknown group', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const unknown = uniqueName('no-such-group');
    // The page itself answers 404: the browser logs that, nothing else may be logged.
    const errors = pageErrors(page, (url) => url.pathname === groupPath(unknown), '/clusters/default/groups');
    const response = await page.goto(`${inject('baseUrl')}${groupPath(unknown)}`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Consumer group not found' }).waitFor({ timeout: 30_000 });
    const back = page.getByRole('link', { name: 'All consumer groups' });
    await expect(back.getAttribute('href')).resolves.toBe('/clusters/default/groups');
    await screenshot(page, 'group-not-found');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('says how many messages a stopped group lost, the same number as the API', async () => {
    await eventually(
      async () => {
        const offsets = await admin.fetchTopicOffsets(lossTopic);
        return offsets.every((o) => Number(o.low) > 0) ? true : undefined;
      },
      'retention to delete messages the stopped group has not read',
      90_000,
    );
    const sent = await lossWriter.stop();
    await eventually(async () => ((await apiGroup(stoppedGroup))?.lostMessages ?? 0) > 0 || undefined, 'lost messages');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, undefined, '/clusters/default/groups');
    await page.goto(`${inject('baseUrl')}${groupPath(stoppedGroup)}`);
    const banner = page.getByTestId('retention-banner');
    await banner.waitFor({ timeout: 30_000 });
    // Retention keeps deleting for a few seconds after the producer stops: compare once page and API agree.
    const { shown, api } = await eventually(
      async () => {
        const text = (await banner.textContent()) ?? '';
        const shown = Number(/Lost ([\d,]+) messages/.exec(text)?.[1].replaceAll(',', ''));
        const api = (await apiGroup(stoppedGroup))?.lostMessages;
        return shown === api ? { shown, api } : undefined;
      },
      'the banner to show the API lostMessages',
      45_000,
    );
    console.log(`stopped group: banner says lost ${shown}, API lostMessages ${api}, ${sent} messages produced`);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(sent);
    await expect(banner.textContent()).resolves.toContain(
      `Lost ${shown.toLocaleString('en-US')} messages: retention deleted them before this group read them`,
    );
    await expect(banner.getAttribute('data-tone')).resolves.toBe('err');
    // Retention deletes partition by partition: every row the API says lost messages says so too.
    await eventually(
      async () => {
        const rows = await page.getByTestId('partition-row').allTextContents();
        const lost = (await apiGroup(stoppedGroup))?.partitions.map((p) => p.retention.lostMessages > 0) ?? [];
        const agree = lost.length === rows.length && lost.every((l, i) => l === /lost \d/.test(rows[i]));
        return agree && lost.some(Boolean) ? true : undefined;
      },
      'the rows to show the partitions that lost messages',
      30_000,
    );
    // The lag counts from offset 0, before the log start: the headline splits it into what is
    // still there to read and what retention deleted, as the API counts them.
    const split = page.getByTestId('group-total-lag').getByTestId('lag-split');
    const parts = await eventually(
      async () => {
        const g = await apiGroup(stoppedGroup);
        if (!g || g.totalLag === null || (await split.count()) === 0) return undefined;
        const readable = Number(await split.getAttribute('data-readable'));
        const lost = Number(await split.getAttribute('data-lost'));
        return lost === g.lostMessages && readable === g.totalLag - g.lostMessages ? { readable, lost } : undefined;
      },
      'the headline to split the lag into readable and lost as the API counts them',
      30_000,
    );
    console.log(`stopped group: lag split into ${parts.readable} readable and ${parts.lost} lost`);
    expect(parts.lost).toBeGreaterThan(0);
    await expect(page.getByTestId('group-total-lag').textContent()).resolves.toMatch(
      /^[\d.]+k? readable \+ [\d.]+k? lost$/,
    );
    await expect(page.getByText('No active members').isVisible()).resolves.toBe(true);
    await screenshotsInBothThemes(page, 'group-stopped');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('charts the lag of a slow group rising and says it is falling behind', async () => {
    const group = await eventually(
      async () => {
        const group = await apiGroup(slowGroup);
        const behind = (group?.fallingBehindBy ?? 0) > 0 && group?.status !== 'OK' && group?.members.length === 2;
        return behind ? group : undefined;
      },
      'the slow group to be WARN or ERR and falling behind',
      120_000,
    );
    console.log(`slow group: status ${group.status}, falling behind by ${group.fallingBehindBy} msg/s`);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, undefined, '/clusters/default/groups');
    await page.goto(`${inject('baseUrl')}${groupPath(slowGroup)}?range=15m`);
    await page.locator('[data-testid="chart-lag-vs-rates"] .recharts-area').waitFor({ timeout: 30_000 });
    const first = await eventually(async () => {
      const lags = await chartLags(page);
      return lags.length >= 3 ? lags : undefined;
    }, 'three lag points on the chart');
    const firstTableLag = await tableLag(page);
    expect(first[first.length - 1]).toBeGreaterThan(first[0]);
    await expect(page.getByTestId('group-catch-up').textContent()).resolves.toMatch(
      /^falling behind by [\d.]+k? msg\/s$/,
    );
    await expect(
      page.getByText('3 partitions over 2 members is not a multiple: uneven load').isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByTestId('member-row').count()).resolves.toBe(2);
    await expect(page.getByRole('button', { name: '15m' }).getAttribute('aria-pressed')).resolves.toBe('true');

    // The next poll (every 10 s) adds a higher point and a larger lag in the table.
    const later = await eventually(
      async () => {
        const lags = await chartLags(page);
        const total = await tableLag(page);
        return lags[lags.length - 1] > first[first.length - 1] && total > firstTableLag ? { lags, total } : undefined;
      },
      'the lag to grow on the page',
      45_000,
    );
    console.log(
      `slow group: chart lags ${first.join(',')} → ${later.lags.join(',')}; table ${firstTableLag} → ${later.total}`,
    );
    await screenshotsInBothThemes(page, 'group-slow');

    await page.getByRole('button', { name: '1h' }).click();
    await page.waitForURL(/range=1h/);
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('lists the slow group under "not OK", keeps filters and sort in the URL and links to the group', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, undefined, '/clusters/default/groups');
    const row = (group: string) => page.locator(`[data-testid="group-row"][data-group="${group}"]`);
    await page.goto(`${inject('baseUrl')}/clusters/default/groups?status=not-ok`);
    await row(slowGroup).waitFor({ timeout: 30_000 });
    await expect(page.getByLabel('not OK').isChecked()).resolves.toBe(true);
    const statuses = await page
      .locator('[data-testid="group-row"] [data-status]')
      .evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 'WARN' || s === 'ERR')).toBe(true);
    await screenshotsInBothThemes(page, 'groups-not-ok');

    await page.getByRole('searchbox', { name: 'Search groups or topics' }).fill(slowGroup);
    await page.waitForURL((url) => url.searchParams.get('q') === slowGroup);
    // The URL follows each keystroke at once; the rows follow when React has rendered the filter.
    await expect.poll(() => page.getByTestId('group-row').count(), { timeout: 10_000 }).toBe(1);

    // The slow group reads a 7-day topic: not at risk; the stopped one lost messages.
    await page.getByRole('searchbox', { name: 'Search groups or topics' }).fill('e2e-');
    await page.getByLabel('at risk').check();
    await page.waitForURL((url) => url.searchParams.get('risk') === '1');
    await row(stoppedGroup).waitFor();
    await expect.poll(() => row(slowGroup).count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'Lag', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'lag' && url.searchParams.get('dir') === 'desc');
    // As with the search box, the URL changes before React has rendered the new order.
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Lag', exact: true }).getAttribute('aria-sort'), {
        timeout: 10_000,
      })
      .toBe('descending');

    // A shared link restores the same view.
    await page.reload();
    await row(stoppedGroup).waitFor({ timeout: 30_000 });
    await expect(page.getByLabel('at risk').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('searchbox', { name: 'Search groups or topics' }).inputValue()).resolves.toBe('e2e-');

    await row(stoppedGroup).getByRole('link', { name: stoppedGroup }).click();
    await page.waitForURL((url) => url.pathname === groupPath(stoppedGroup));
    await page.getByTestId('retention-banner').waitFor({ timeout: 30_000 });
    expect(errors()).toEqual([]);
    await page.close();
  });
});
