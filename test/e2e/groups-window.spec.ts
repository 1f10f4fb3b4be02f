/**
 * The groups list with hundreds of groups: its body is windowed, so only the rows in view are
 * in the DOM, yet scrolling reaches the last group, the search finds a group that was never
 * rendered, and sorting still orders the whole list. Against 300 groups made here, each with
 * an offset committed on one topic (no consumer needed), deleted afterwards.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupsResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, uniqueName } from '../helpers/local-cluster';

const GROUP_COUNT = 300;
/**
 * setOffsets calls in flight at once. Each joins the group as a consumer and leaves again
 * (seconds, mostly waiting on the coordinator): 60 at a time made the 300 groups in a third
 * of the time 20 took, without a burst of 300 joins.
 */
const CONCURRENCY = 60;
const groupsPath = '/clusters/default/groups';

describe('the groups list with hundreds of groups', () => {
  const fixture = useKafkaFixture('e2e-window-topic');
  const prefix = uniqueName('e2e-window-group');
  // Zero-padded, so that A→Z by name is also the numeric order.
  const groups = Array.from({ length: GROUP_COUNT }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    const topic = await fixture.createTopic(1);
    for (let i = 0; i < groups.length; i += CONCURRENCY) {
      await Promise.all(
        groups
          .slice(i, i + CONCURRENCY)
          .map((groupId) => fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] })),
      );
    }
    await eventually(async () => {
      const response = await fetch(`${inject('baseUrl')}/api${groupsPath}`);
      if (response.status !== 200) return undefined;
      const ids = new Set(GroupsResponse.parse(await response.json()).groups.map((g) => g.groupId));
      return groups.every((g) => ids.has(g)) || undefined;
    }, `the API to list the ${GROUP_COUNT} groups`);
  });

  afterAll(async () => {
    await browser?.close();
    await fixture.admin.deleteGroups(groups).catch(() => undefined);
  });

  const rendered = (page: Page) =>
    page.getByTestId('group-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group') ?? ''));

  it('renders only the rows in view, scrolls to the last group, searches and sorts the whole list', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, undefined, groupsPath);
    await page.goto(`${inject('baseUrl')}${groupsPath}?q=${encodeURIComponent(prefix)}&sort=group&dir=asc`);
    const table = page.getByRole('table', { name: 'Consumer groups' });
    await eventually(
      async () => ((await table.getAttribute('aria-rowcount')) === String(GROUP_COUNT + 1) ? true : undefined),
      'the table to count every group',
    );

    const first = await rendered(page);
    expect(first[0]).toBe(groups[0]);
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(GROUP_COUNT / 4);
    expect(first).toEqual(groups.slice(0, first.length));
    await screenshot(page, 'groups-windowed');

    // To the bottom: the last group by name is there, and the DOM still holds a window only.
    await page.getByTestId('groups-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator(`[data-testid="group-row"][data-group="${groups.at(-1)}"]`);
    await last.waitFor({ timeout: 10_000 });
    await expect(last.isVisible()).resolves.toBe(true);
    const bottom = await rendered(page);
    expect(bottom.length).toBeLessThan(GROUP_COUNT / 4);
    expect(bottom).toEqual(groups.slice(GROUP_COUNT - bottom.length));

    // The search covers the groups that were never rendered.
    const middle = groups[150];
    expect(first).not.toContain(middle);
    expect(bottom).not.toContain(middle);
    const search = page.getByRole('searchbox', { name: 'Search groups or topics' });
    await search.fill(middle);
    await page.waitForURL((url) => url.searchParams.get('q') === middle);
    await eventually(async () => ((await rendered(page)).join() === middle ? true : undefined), 'the one match');

    // Sorting orders the whole list: Z→A puts the last group first.
    await search.fill(prefix);
    await page.getByRole('button', { name: 'Group', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'group' && url.searchParams.get('dir') === 'desc');
    await eventually(
      async () => ((await rendered(page))[0] === groups.at(-1) ? true : undefined),
      'the last group first',
    );
    const descending = await rendered(page);
    expect(descending.length).toBeLessThan(GROUP_COUNT / 4);
    expect(descending).toEqual([...groups].reverse().slice(0, descending.length));

    // The arrow keys move between rows, past the rendered ones too.
    await page.getByRole('link', { name: groups.at(-1) }).focus();
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(groups.at(-61));

    expect(errors()).toEqual([]);
    await page.close();
  });
});
