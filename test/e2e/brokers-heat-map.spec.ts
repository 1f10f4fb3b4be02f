/**
 * The brokers page's placement heat map: one shade scale for the whole map (a topic with
 * 60 replicas on a broker is darker than one with 1, whatever their rows), rows sorted by
 * what is shown, a legend, and the map inside the screen at 390 px with the topic names.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BrokersResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshotsInBothThemes } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry } from '../helpers/local-cluster';

interface HeatRow {
  topic: string;
  /** Per broker: the exact value (from the cell's title) and the shade (data-heat). */
  cells: { value: number; heat: number }[];
}

const heatRows = (page: Page): Promise<HeatRow[]> =>
  page.locator('table.heat-map tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      topic: row.getAttribute('data-topic') ?? '',
      cells: [...row.querySelectorAll('td.heat-cell')].map((td) => ({
        // "1,234 bytes" or "60 replicas"
        value: Number((td.getAttribute('title') ?? '').split(' ')[0].replaceAll(',', '')),
        heat: Number(td.getAttribute('data-heat')),
      })),
    })),
  );

const total = (row: HeatRow) => row.cells.reduce((sum, c) => sum + c.value, 0);

/** Over the whole map: a larger value is never paler, and a strictly larger one is strictly darker. */
function expectOneScale(rows: HeatRow[]): void {
  const cells = rows.flatMap((r) => r.cells).sort((a, b) => a.value - b.value);
  for (let i = 1; i < cells.length; i++) {
    if (cells[i].value > cells[i - 1].value) expect(cells[i].heat).toBeGreaterThan(cells[i - 1].heat);
    else expect(cells[i].heat).toBe(cells[i - 1].heat);
  }
  expect(cells.at(-1)!.heat).toBeCloseTo(1, 9);
  expect(cells.filter((c) => c.value === 0).every((c) => c.heat === 0)).toBe(true);
}

describe('the placement heat map', () => {
  const fixture = useKafkaFixture('e2e-heat');
  let browser: Browser;
  let wide: string;
  let single: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // 180 replicas, 60 on each broker; and 1 replica on one broker holding more bytes than most.
    wide = await fixture.createTopicWith({ numPartitions: 60, replicationFactor: 3 });
    single = await fixture.createTopicWith({ numPartitions: 1, replicationFactor: 1 });
    // 4 MB in batches under the brokers' 1 MB message limit.
    for (let batch = 0; batch < 8; batch++) {
      await sendWithRetry(fixture.producer, {
        topic: single,
        acks: -1,
        messages: Array.from({ length: 500 }, (_, i) => ({ value: `${batch}-${i}`.padEnd(1000, 'x') })),
      });
    }
    await eventually(
      async () => {
        const body = BrokersResponse.parse(
          await (await fetch(`${inject('baseUrl')}/api/clusters/default/brokers`)).json(),
        );
        const row = body.placement.find((p) => p.topic === single);
        return body.placement.some((p) => p.topic === wide) && (row?.totalBytes ?? 0) > 4_000_000 ? true : undefined;
      },
      'the collector to see both topics and the bytes',
      60_000,
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shades replicas on one scale for the whole map, rows by replica count, with a legend', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default/brokers?heat=replicas`);
    await page.locator(`table.heat-map tr[data-topic="${wide}"]`).waitFor({ timeout: 30_000 });
    const rows = await heatRows(page);
    const totals = rows.map(total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(rows.find((r) => r.topic === wide)!.cells.map((c) => c.value)).toEqual([60, 60, 60]);
    expectOneScale(rows);
    await expect(page.getByRole('heading', { name: 'Topics with the most replicas, by broker' }).count()).resolves.toBe(
      1,
    );
    const legend = page.getByTestId('heat-legend');
    await expect(legend.textContent()).resolves.toContain('One scale for the whole map');
    await expect(legend.getByRole('listitem').first().textContent()).resolves.toBe('0');
    await page.getByRole('heading', { name: 'Topics with the most replicas, by broker' }).scrollIntoViewIfNeeded();
    await screenshotsInBothThemes(page, 'heat-map-replicas');
    expect(errors()).toEqual([]);
  });

  it('shades bytes on one scale too, rows by bytes: 1 replica with megabytes outranks 60 empty ones', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default/brokers?heat=bytes`);
    await page.locator(`table.heat-map[data-metric="bytes"] tr[data-topic="${single}"]`).waitFor({ timeout: 30_000 });
    const rows = await heatRows(page);
    const totals = rows.map(total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expectOneScale(rows);
    const singleRow = rows.find((r) => r.topic === single)!;
    expect(singleRow.cells.filter((c) => c.heat > 0)).toHaveLength(1);
    expect(singleRow.cells.filter((c) => c.value === 0 && c.heat === 0)).toHaveLength(2);
    const wideRow = rows.findIndex((r) => r.topic === wide);
    if (wideRow >= 0) expect(wideRow).toBeGreaterThan(rows.indexOf(singleRow));
    await page.getByRole('heading', { name: 'Largest topics by broker' }).scrollIntoViewIfNeeded();
    await screenshotsInBothThemes(page, 'heat-map-bytes');
    expect(errors()).toEqual([]);
  });

  it('keeps the map inside a 390 px screen, topic names shown and the numbers scrolling in their box', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = pageErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default/brokers?heat=replicas`);
    const row = page.locator(`table.heat-map tr[data-topic="${wide}"]`);
    await row.waitFor({ timeout: 30_000 });
    const scrollBox = await page.locator('.heat-map-scroll').evaluate((el) => el.getBoundingClientRect().right);
    expect(scrollBox).toBeLessThanOrEqual(390);
    const name = await row.locator('td a').boundingBox();
    expect(name!.width).toBeGreaterThan(40);
    expect(name!.x).toBeGreaterThanOrEqual(0);
    expect(name!.x + name!.width).toBeLessThanOrEqual(390);
    await page.getByRole('heading', { name: 'Topics with the most replicas, by broker' }).scrollIntoViewIfNeeded();
    await screenshotsInBothThemes(page, 'heat-map-390');
    expect(errors()).toEqual([]);
  });
});
