/**
 * What the group list and a group page say about groups a few messages behind: the
 * statuses explained in a legend that opens by tap (hover titles never show on a
 * phone), and no "~6d 23h until loss" countdown for a group seconds behind on a 7-day
 * topic, while one whose unread messages are 30 minutes old on a 1-hour topic counts down.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';

const DAY_MS = 24 * 3600 * 1000;
const groupsPath = '/clusters/default/groups';
const groupPath = (group: string) => `${groupsPath}/${encodeURIComponent(group)}`;

async function apiGroup(group: string): Promise<GroupResponse | undefined> {
  const response = await fetch(`${inject('baseUrl')}/api${groupPath(group)}`);
  return response.status === 200 ? GroupResponse.parse(await response.json()) : undefined;
}

/** The Retention cell of a group's row in the list: its text and the title of what it shows. */
async function retentionCell(page: Page, group: string): Promise<{ text: string; title: string | null }> {
  const cell = page.locator(`[data-testid="group-row"][data-group="${group}"] td`).last();
  await cell.waitFor({ timeout: 30_000 });
  return { text: (await cell.textContent())?.trim() ?? '', title: await cell.locator('span').getAttribute('title') };
}

/** Opens the legend by tapping its summary; checks the OK line and that it fits the viewport. */
async function openLegend(page: Page, viewportWidth: number): Promise<void> {
  const legend = page.getByTestId('status-legend');
  await legend.locator('summary').click();
  const ok = legend.locator('dd').first();
  await expect(ok.isVisible()).resolves.toBe(true);
  await expect(ok.textContent()).resolves.toMatch(/not growing.*can still be large: see time lag/);
  await expect(legend.locator('dt').allTextContents()).resolves.toEqual([
    '● OK',
    '▲ WARN',
    '▲ AHEAD',
    '■ STALL',
    '■ STOP',
    '■ REWIND',
    '■ ERR',
    '–',
  ]);
  const box = await legend.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewportWidth);
}

describe('group statuses explained and loss countdowns within a horizon', () => {
  const prefix = uniqueName('e2e-legend');
  const fixture = useKafkaFixture(prefix);
  const weekGroup = `${prefix}-week-group`;
  const hourGroup = `${prefix}-hour-group`;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    const weekTopic = await fixture.createTopic(1, { 'retention.ms': String(7 * DAY_MS) });
    const hourTopic = await fixture.createTopic(1, { 'retention.ms': String(3600 * 1000) });
    const messages = (timestamp?: number) =>
      Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, timestamp: timestamp?.toString() }));
    await sendWithRetry(fixture.producer, { topic: weekTopic, messages: messages() });
    // Producer-set timestamps half an hour old: the hour group's unread data has used half its retention.
    await sendWithRetry(fixture.producer, { topic: hourTopic, messages: messages(Date.now() - 30 * 60 * 1000) });
    // Three messages behind each, with nobody consuming.
    await fixture.admin.setOffsets({
      groupId: weekGroup,
      topic: weekTopic,
      partitions: [{ partition: 0, offset: '7' }],
    });
    await fixture.admin.setOffsets({
      groupId: hourGroup,
      topic: hourTopic,
      partitions: [{ partition: 0, offset: '7' }],
    });
    await eventually(
      async () => ((await apiGroup(weekGroup))?.secondsUntilLoss ?? null) !== null || undefined,
      'the week group to have a time until loss',
    );
    await eventually(
      // Exact time lag, from the half-hour-old record at the committed offset.
      async () => ((await apiGroup(hourGroup))?.secondsUntilLoss ?? Infinity) < 31 * 60 || undefined,
      'the hour group to have half an hour until loss',
    );
  });

  afterAll(async () => {
    await fixture.admin.deleteGroups([weekGroup, hourGroup]).catch(() => undefined);
    await browser?.close();
  });

  it('lists the groups with a legend and without a countdown days away', async () => {
    const week = (await apiGroup(weekGroup))!;
    // The API keeps the raw bound; the page leaves it out.
    expect(week.secondsUntilLoss).toBeGreaterThan(6.9 * 24 * 3600);
    const hour = (await apiGroup(hourGroup))!;
    expect(hour.secondsUntilLoss).toBeGreaterThan(29 * 60);
    expect(hour.secondsUntilLoss).toBeLessThan(31 * 60);
    for (const width of [1400, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = pageErrors(page, undefined, groupsPath);
      await page.goto(`${inject('baseUrl')}${groupsPath}?q=${encodeURIComponent(prefix)}`);
      const weekCell = await retentionCell(page, weekGroup);
      expect(weekCell.text).toBe('–');
      expect(weekCell.title).toMatch(/^not at risk yet: no loss possible for ~6d 23h/);
      const hourCell = await retentionCell(page, hourGroup);
      expect(hourCell.text).toMatch(/^~(29|30)m/);
      await openLegend(page, width);
      await screenshot(page, `groups-legend-${width}`);
      expect(errors()).toEqual([]);
      await page.close();
    }
  });

  it('explains the status on the group page, and its partition row counts down to nothing days away', async () => {
    for (const width of [1400, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = pageErrors(page, undefined, groupPath(weekGroup));
      await page.goto(`${inject('baseUrl')}${groupPath(weekGroup)}`);
      const row = page.getByTestId('partition-row').first();
      await row.waitFor({ timeout: 30_000 });
      const loss = row.locator('td').last().locator('span');
      await expect(loss.textContent()).resolves.toBe('–');
      await expect(loss.getAttribute('title')).resolves.toMatch(/^not at risk yet: no loss possible for ~6d 23h/);
      await expect(page.getByTestId('retention-banner').count()).resolves.toBe(0);
      await openLegend(page, width);
      await screenshot(page, `group-legend-${width}`);
      expect(errors()).toEqual([]);
      await page.close();
    }
  });
});
