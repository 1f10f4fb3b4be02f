/**
 * The topic page's configuration table against a topic altered with kafka-configs: every
 * setting with the value and source the tool reports, the two overrides first with the
 * values they replace, the sources legend, at 1400 px and at a 390 px phone width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, pageErrors, screenshotsInBothThemes } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { alterTopicConfigsWithTool, topicConfigsFromTool, type ToolConfigEntry } from '../helpers/kafka-tool-readings';
import { eventually } from '../helpers/local-cluster';

const OVERRIDES = { 'retention.ms': '3600000', 'cleanup.policy': 'compact' };

interface ConfigRow {
  name: string;
  value: string | null;
  source: string | null;
  override: boolean;
  text: string;
}

/** The table's rows as the page shows them: name, raw value, data-source, highlight. */
const configRows = (page: Page): Promise<ConfigRow[]> =>
  page
    .getByRole('table', { name: 'Topic configuration' })
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('th')?.textContent ?? '',
        // The raw value is the cell's code element; an empty one reads "empty".
        value:
          row.querySelector('td code')?.textContent ?? (row.querySelector('td')?.textContent === 'empty' ? '' : null),
        source: row.getAttribute('data-source'),
        override: row.classList.contains('config-override'),
        text: (row as HTMLElement).innerText,
      })),
    );

describe('the topic configuration table', () => {
  const fixture = useKafkaFixture('e2e-config');
  let browser: Browser;
  let topic: string;
  let tool: Map<string, ToolConfigEntry>;
  let plain: Map<string, ToolConfigEntry>;

  beforeAll(async () => {
    browser = await launchBrowser();
    const [altered, untouched] = await Promise.all([fixture.createTopic(1), fixture.createTopic(1)]);
    topic = altered;
    await alterTopicConfigsWithTool(topic, OVERRIDES);
    tool = await eventually(async () => {
      const entries = await topicConfigsFromTool(topic);
      return entries.get('retention.ms')?.value === '3600000' ? entries : undefined;
    }, 'kafka-configs to report the overrides');
    plain = await topicConfigsFromTool(untouched);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every setting with the tool’s value and source, the overrides first with what they replace', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default/topics/${encodeURIComponent(topic)}`);
    const rows = await eventually(
      async () => {
        const shown = await configRows(page).catch(() => []);
        return shown.filter((r) => r.override).length === 2 ? shown : undefined;
      },
      'the page to show both overrides',
      30_000,
    );
    expect(rows.map((r) => [r.name, r.value, r.source]).sort()).toEqual(
      [...tool]
        .map(([name, e]) => [name, e.sensitive ? null : e.value, e.synonyms[0]?.source ?? 'DEFAULT_CONFIG'])
        .sort(),
    );
    expect(rows.slice(0, 2).map((r) => [r.name, r.value, r.source, r.override])).toEqual([
      ['cleanup.policy', 'compact', 'DYNAMIC_TOPIC_CONFIG', true],
      ['retention.ms', '3600000', 'DYNAMIC_TOPIC_CONFIG', true],
    ]);
    // What each override replaces: an untouched topic's value, and a reading of the milliseconds.
    expect(rows[0].text).toContain(plain.get('cleanup.policy')!.value);
    expect(rows[1].text).toContain(plain.get('retention.ms')!.value);
    expect(rows[1].text).toContain('(1h)');
    expect(rows.slice(2).every((r) => !r.override)).toBe(true);
    await expect(page.getByTestId('config-summary').textContent()).resolves.toBe(
      `2 of ${tool.size} settings are set on this topic (first, highlighted); the others are inherited.`,
    );
    const legend = page.getByRole('definition');
    await expect(legend.filter({ hasText: 'DYNAMIC_TOPIC_CONFIG' }).textContent()).resolves.toContain(
      'set on this topic',
    );
    await expect(legend.filter({ hasText: '(DEFAULT_CONFIG)' }).count()).resolves.toBe(1);
    await page.getByRole('heading', { name: 'Configuration' }).scrollIntoViewIfNeeded();
    await screenshotsInBothThemes(page, 'topic-config');
    expect(errors()).toEqual([]);
  });

  it('stacks each setting in a block at 390 px, inside the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = pageErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default/topics/${encodeURIComponent(topic)}`);
    const table = page.getByRole('table', { name: 'Topic configuration' });
    await table.waitFor({ timeout: 30_000 });
    const box = await table.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return { left: rect.left, right: rect.right, scroll: el.scrollWidth, client: el.clientWidth };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(390);
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    // Stacked: the value sits under the name, not beside it; inherited rows drop the empty last cell.
    const layout = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.slice(0, 3).map((row) => {
        const name = row.querySelector('th')!.getBoundingClientRect();
        const cells = [...row.querySelectorAll('td')];
        return {
          valueBelowName: cells[0].getBoundingClientRect().top >= name.bottom - 1,
          replacedShown: getComputedStyle(cells[2]).display !== 'none',
        };
      }),
    );
    expect(layout).toEqual([
      { valueBelowName: true, replacedShown: true },
      { valueBelowName: true, replacedShown: true },
      { valueBelowName: true, replacedShown: false },
    ]);
    await screenshotsInBothThemes(page, 'topic-config-390');
    expect(errors()).toEqual([]);
  });
});
