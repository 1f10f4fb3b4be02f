/**
 * Every page on a phone (360-430 px): the page never scrolls sideways, the topics list shows
 * the topic's name, names wrap after their separators, not inside words. At 150 % font size
 * the topics list grows its rows instead of cutting numbers; Tab goes from the skip link
 * through the page to the tables without stopping in a chart; the home card's counts have
 * the overview tiles' colours. Against topics and groups made here, with long dotted names:
 * a consuming group (members) and a stopped one that lost messages to a deleted log start.
 */
import type { Consumer } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshotsInBothThemes } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { cutCells, focusStop, sidewaysOverflow, wrappedLines, type FocusStop } from '../helpers/layout-probes';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';

const root = '/clusters/default';
const url = (path: string) => `${inject('baseUrl')}${path}`;
const SEPARATOR_END = /[.\-_ ]$/;

async function apiGroup(group: string): Promise<GroupResponse | undefined> {
  const response = await fetch(url(`/api${root}/groups/${encodeURIComponent(group)}`));
  return response.status === 200 ? GroupResponse.parse(await response.json()) : undefined;
}

interface PageCase {
  name: string;
  path: string;
  /** Shown once the page has its data (and its charts). */
  ready: string;
  notFound?: boolean;
  /** Waits until the server has what the page needs (the API's view), before the page opens. */
  before?: () => Promise<unknown>;
}

describe('pages on a phone, at a large font and by keyboard', () => {
  // Long names with separators, as real ones are: they must wrap after . - _ only.
  const prefix = uniqueName('e2e-phone.clickstream-archiver');
  const fixture = useKafkaFixture(prefix);
  const readingGroup = `${prefix}.reader-group`;
  // e2e-lagging-*: the test server alerts on it at once (see next-global-setup.ts).
  const lostGroup = uniqueName('e2e-lagging-phone.clickstream-archiver');
  let browser: Browser;
  let topic: string;
  let consumer: Consumer;
  let pages: PageCase[];

  beforeAll(async () => {
    browser = await launchBrowser();
    topic = await fixture.createTopic(4);
    // Neighbours in the topics list, so that at a large font it is taller than its box.
    await Promise.all(Array.from({ length: 15 }, () => fixture.createTopic(1)));
    await sendWithRetry(fixture.producer, {
      topic,
      messages: Array.from({ length: 400 }, (_, i) => ({ partition: i % 4, value: `message ${i}` })),
    });
    // Committed at 0, then the log start moves to 50 on each partition: 200 messages lost unread.
    await fixture.admin.setOffsets({
      groupId: lostGroup,
      topic,
      partitions: [0, 1, 2, 3].map((partition) => ({ partition, offset: '0' })),
    });
    await fixture.admin.deleteTopicRecords({
      topic,
      partitions: [0, 1, 2, 3].map((partition) => ({ partition, offset: '50' })),
    });
    // A long session timeout: on a loaded machine a missed heartbeat must not empty the group
    // while the pages are walked. A crash is printed, so a failure says why the member went.
    consumer = fixture.kafka.consumer({ groupId: readingGroup, sessionTimeout: 60_000 });
    consumer.on(consumer.events.CRASH, (event) =>
      console.log(`reading group consumer crashed: ${event.payload.error}`),
    );
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommitInterval: 1000, eachMessage: async () => undefined });
    const readingGroupHasMember = () =>
      eventually(
        async () => ((await apiGroup(readingGroup))?.members.length ?? 0) > 0 || undefined,
        'the reading group to have a member',
      );
    await readingGroupHasMember();
    await eventually(
      async () => ((await apiGroup(lostGroup))?.lostMessages ?? 0) > 0 || undefined,
      'the stopped group to have lost messages',
    );
    const group = (id: string) => `${root}/groups/${encodeURIComponent(id)}`;
    pages = [
      { name: 'home', path: '/', ready: '[data-testid="cluster-default"] table' },
      {
        name: 'overview',
        path: root,
        ready: '[data-testid="chart-lag-vs-rates"] :is(.recharts-surface, .group-chart-empty)',
      },
      { name: 'topics', path: `${root}/topics`, ready: '[data-testid="topic-row"]' },
      {
        name: 'topic',
        path: `${root}/topics/${encodeURIComponent(topic)}`,
        ready: '[data-testid="topic-group-row"]',
      },
      { name: 'groups', path: `${root}/groups`, ready: '[data-testid="group-row"]' },
      {
        name: 'group',
        path: group(readingGroup),
        ready: '[data-testid="member-row"]',
        before: readingGroupHasMember,
      },
      { name: 'group-lost', path: group(lostGroup), ready: '[data-testid="partition-row"]' },
      { name: 'brokers', path: `${root}/brokers`, ready: 'table.heat-map' },
      { name: 'alerts', path: '/alerts', ready: '[data-testid="alerts-resolved"]' },
      { name: 'cluster-alerts', path: `${root}/alerts`, ready: '[data-testid="silence-row"]' },
      { name: 'not-found', path: '/no-such-page', ready: '.not-found-panel', notFound: true },
      { name: 'cluster-not-found', path: '/clusters/nope/topics', ready: '.not-found-panel', notFound: true },
      {
        name: 'topic-not-found',
        path: `${root}/topics/${encodeURIComponent(`${prefix}.missing`)}`,
        ready: '.not-found-panel',
        notFound: true,
      },
      {
        name: 'group-not-found',
        path: group(`${prefix}.missing-group`),
        ready: '.not-found-panel',
        notFound: true,
      },
    ];
    // A silence, so the cluster's alerts page has its silences table.
    const silence = await fetch(url(`/api${root}/silences`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ match: { group: lostGroup }, durationMinutes: 60, comment: 'e2e: phone layout' }),
    });
    expect(silence.status).toBe(201);
  });

  afterAll(async () => {
    await consumer?.disconnect().catch(() => undefined);
    await fixture.admin.deleteGroups([readingGroup, lostGroup]).catch(() => undefined);
    await browser?.close();
  });

  async function open(page: Page, pageCase: PageCase): Promise<void> {
    await pageCase.before?.();
    const response = await page.goto(url(pageCase.path));
    expect(response?.status(), pageCase.name).toBe(pageCase.notFound ? 404 : 200);
    await page.locator(pageCase.ready).first().waitFor({ timeout: 30_000 });
  }

  it('never scrolls any page sideways at 360, 390 and 430 px', async () => {
    const overflowing: string[] = [];
    for (const width of [360, 390, 430]) {
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      // The 404 pages, and prefetches of pages the lists link to: topics and groups that other
      // tests on the shared cluster may have deleted since the list was read.
      const errors = pageErrors(
        page,
        (u) => pages.some((p) => p.notFound && u.pathname === p.path) || u.searchParams.has('_rsc'),
      );
      for (const pageCase of pages) {
        await open(page, pageCase);
        const overflow = await sidewaysOverflow(page);
        if (overflow.scrollWidth > overflow.innerWidth) {
          overflowing.push(
            `${pageCase.name} at ${width}: ${overflow.scrollWidth} px (${overflow.culprits.join(', ')})`,
          );
        }
        if (width === 390) await screenshotsInBothThemes(page, `phone-${pageCase.name}-390`);
      }
      expect(errors()).toEqual([]);
      await page.close();
    }
    expect(overflowing).toEqual([]);
  });

  it('shows the topic name in the topics list at 390 px, and keeps it while the numbers scroll', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url(`${root}/topics?q=${encodeURIComponent(prefix)}`));
    const name = page.locator(`[data-testid="topic-row"][data-topic="${topic}"] td.topics-name`);
    await name.waitFor({ timeout: 30_000 });
    const before = (await name.boundingBox())!;
    // 10rem at the default font: a name's first dozen characters or more, never 0 px.
    expect(before.width).toBeGreaterThanOrEqual(150);
    expect(before.x).toBeGreaterThanOrEqual(0);
    expect(before.x + before.width).toBeLessThanOrEqual(390);
    await expect(name.getAttribute('title')).resolves.toBe(topic);
    const link = name.locator('a');
    await expect(link.textContent()).resolves.toBe(topic);
    expect((await link.boundingBox())!.width).toBeGreaterThan(100);

    const partitions = page.locator(`[data-testid="topic-row"][data-topic="${topic}"] td`).nth(1);
    const partitionsBefore = (await partitions.boundingBox())!;
    await page.getByTestId('topics-scroll').evaluate((el) => (el.scrollLeft = 300));
    await eventually(
      async () => ((await partitions.boundingBox())!.x < partitionsBefore.x - 100 ? true : undefined),
      'the numbers to scroll',
      5_000,
    );
    const after = (await name.boundingBox())!;
    expect(after.x).toBeCloseTo(before.x, 0);
    expect(after.width).toBeCloseTo(before.width, 0);
    await page.close();
  });

  it('wraps long names after their separators, never inside a word', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url(`${root}/groups/${encodeURIComponent(readingGroup)}`));
    const topicLink = page.getByTestId('partition-row').first().locator('td').first().locator('a');
    await topicLink.waitFor({ timeout: 30_000 });
    const cellLines = await wrappedLines(topicLink);
    expect(cellLines.join('')).toBe(topic);
    // The name column is as narrow as its longest word: the name takes several lines.
    expect(cellLines.length).toBeGreaterThan(1);
    for (const line of cellLines.slice(0, -1)) expect(line, cellLines.join(' | ')).toMatch(SEPARATOR_END);
    const headingLines = await wrappedLines(page.getByRole('heading', { level: 1 }));
    expect(headingLines.join('')).toBe(`Consumer group ${readingGroup}`);
    for (const line of headingLines.slice(0, -1)) expect(line, headingLines.join(' | ')).toMatch(SEPARATOR_END);
    await page.close();
  });

  it('grows the topics list rows with a 150 % font instead of cutting numbers', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // This file's 16 topics: more rows than the box shows at that font.
    await page.goto(url(`${root}/topics?q=${encodeURIComponent(prefix)}`));
    const rows = page.getByTestId('topic-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const defaultRowPx = await rows.first().evaluate((row) => row.getBoundingClientRect().height);
    // What a reader's larger default font size does: the root font grows by half.
    await page.evaluate(() => (document.documentElement.style.fontSize = '150%'));
    const grownRowPx = await eventually(async () => {
      const height = await rows.first().evaluate((row) => row.getBoundingClientRect().height);
      return height >= defaultRowPx * 1.4 ? height : undefined;
    }, 'the rows to grow with the font');
    await expect(
      rows
        .first()
        .locator('td')
        .nth(1)
        .evaluate((td) => getComputedStyle(td).fontSize),
    ).resolves.toBe('21px');
    // The name cell ends in an ellipsis by design (the full name is its title and the topic page).
    expect(await cutCells(page, '[data-testid="topic-row"] td:not(.topics-name), .topics-table th')).toEqual([]);
    // What the Replication cell says during an outage fits as well (the shared cluster has none).
    const outage = await rows.first().evaluate((row) => {
      const cell = (row as HTMLTableRowElement).cells[9];
      const span = cell.querySelector('span') ?? cell;
      span.textContent = '123 under-replicated';
      return cell.scrollWidth <= cell.clientWidth;
    });
    expect(outage).toBe(true);
    // The spacer rows follow the measured height: the end of the list is reachable and rendered.
    const count = Number(await page.locator('.topics-table').getAttribute('aria-rowcount')) - 1;
    expect(count).toBe(16);
    const layout = await page.getByTestId('topics-scroll').evaluate((el) => {
      const header = el.querySelector('thead')!.getBoundingClientRect().height;
      const rowsPx = el.scrollHeight - header;
      const clientHeight = el.clientHeight;
      el.scrollTop = el.scrollHeight;
      return { rowsPx, clientHeight, scrollHeight: el.scrollHeight };
    });
    expect(layout.scrollHeight).toBeGreaterThan(layout.clientHeight);
    expect(layout.rowsPx / count).toBeCloseTo(grownRowPx, 0);
    await page.locator(`[data-testid="topic-row"][data-index="${count - 1}"]`).waitFor({ timeout: 5_000 });
    await page.close();
  });

  it('tabs from the skip link through the page to the first table link without stopping in a chart', async () => {
    const paths = [
      `${root}/groups/${encodeURIComponent(readingGroup)}`,
      `${root}/topics/${encodeURIComponent(topic)}`,
      `${root}/brokers`,
    ];
    for (const path of paths) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url(path));
      await page.locator('.recharts-surface').first().waitFor({ timeout: 30_000 });
      await expect(page.locator(':is(svg, svg *)[tabindex]:not([tabindex="-1"])').count()).resolves.toBe(0);
      // Each chart says in words what it draws, for screen readers.
      for (const summary of await page.getByTestId('chart-summary').allTextContents()) {
        expect(summary).toMatch(/: (latest|broker)/);
      }
      const stops: FocusStop[] = [];
      for (let i = 0; i < 80 && !stops.at(-1)?.tableLink; i++) {
        await page.keyboard.press('Tab');
        stops.push(await focusStop(page));
      }
      expect(stops[0], path).toMatchObject({ tag: 'a', text: 'Skip to content' });
      expect(stops.at(-1)?.tableLink, `${path}: ${stops.map((s) => s.text || s.tag).join(' → ')}`).toBe(true);
      expect(stops.filter((s) => s.inSvg || s.inChart)).toEqual([]);
      await page.close();
    }
  });

  it('skips the header with the skip link', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(url(`${root}/groups/${encodeURIComponent(readingGroup)}`));
    await page.getByTestId('member-row').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const box = (await skip.boundingBox())!;
    // Seen when focused: inside the viewport, not parked above it.
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('content');
    await page.keyboard.press('Tab');
    const next = await focusStop(page);
    expect(next.inMain).toBe(true);
    await page.close();
  });

  it('colours the home card’s counts like the overview’s tiles', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url('/'));
    const stat = (label: string) => page.locator(`[data-testid="cluster-default"] [data-stat="${label}"]`);
    await stat('groups at retention risk').waitFor({ timeout: 30_000 });
    // The stopped group lost messages: at retention risk, an error on both pages.
    await expect(stat('groups at retention risk').getAttribute('data-tone')).resolves.toBe('err');
    const homeRed = await stat('groups at retention risk')
      .locator('strong')
      .evaluate((el) => getComputedStyle(el).color);
    const homeOk = await stat('brokers up')
      .locator('strong')
      .evaluate((el) => getComputedStyle(el).color);
    await expect(stat('brokers up').getAttribute('data-tone')).resolves.toBe('ok');
    await page.goto(url(root));
    const tile = page.locator('[data-tile="groups at retention risk"]');
    await tile.waitFor({ timeout: 30_000 });
    await expect(tile.getAttribute('class')).resolves.toContain('tone-err');
    const tileRed = await tile.locator('strong').evaluate((el) => getComputedStyle(el).color);
    expect(homeRed).toBe(tileRed);
    expect(homeRed).not.toBe(homeOk);
    await page.close();
  });
});
