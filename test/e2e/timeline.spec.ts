/**
 * "What changed" on the pages, against the real cluster: a topic's retention changed with
 * kafka-configs and a group's offsets reset with kafka-consumer-groups show on the group's
 * and the topic's pages, once, with the old and new values; the events API filters and
 * answers 400 and 404 as the other routes do.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EventsResponse } from '@/lib/api/event-schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { alterTopicConfigsWithTool, resetOffsetsToEarliestWithTool } from '../helpers/kafka-tool-readings';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, uniqueName } from '../helpers/local-cluster';

const base = () => inject('baseUrl');

async function events(query: string): Promise<EventsResponse> {
  const response = await fetch(`${base()}/api/clusters/default/events?${query}`);
  expect(response.status).toBe(200);
  return EventsResponse.parse(await response.json());
}

describe('the timeline on the pages', { timeout: 180_000 }, () => {
  const fixture = useKafkaFixture('e2e-timeline');
  const group = uniqueName('e2e-timeline-group');
  let browser: Browser;
  let topic: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    topic = await fixture.createTopic(2);
    await fixture.producer.send({
      topic,
      messages: Array.from({ length: 10 }, (_, i) => ({ key: String(i), value: 'x' })),
    });
    await fixture.admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '3' },
      ],
    });
    // The group and topic are known before the changes are made.
    await eventually(async () => {
      const response = await fetch(`${base()}/api/clusters/default/groups/${encodeURIComponent(group)}`);
      return response.ok || undefined;
    }, 'the collector to see the group');
    await alterTopicConfigsWithTool(topic, { 'retention.ms': '7200000' });
    await resetOffsetsToEarliestWithTool(group, topic);
    await eventually(async () => {
      const found = await events(`group=${encodeURIComponent(group)}&topic=${encodeURIComponent(topic)}`);
      const kinds = found.events.map((e) => e.kind);
      return kinds.includes('topic-config') && kinds.includes('offset-rewind') ? true : undefined;
    }, 'both changes in the timeline');
  });

  afterAll(async () => {
    await fixture.admin.deleteGroups([group]).catch(() => undefined);
    await browser?.close();
  });

  it('lists the retention change and the reset on the group page, and the change on the topic page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(`${base()}/clusters/default/groups/${encodeURIComponent(group)}`);
    const timeline = page.getByTestId('event-timeline');
    await timeline.getByTestId('event').first().waitFor({ timeout: 30_000 });
    const config = timeline.locator('[data-kind="topic-config"]');
    await expect(config.count()).resolves.toBe(1);
    expect(await config.textContent()).toContain(`topic ${topic}: retention.ms 7d → 2h`);
    const rewind = timeline.locator('[data-kind="offset-rewind"]');
    await expect(rewind.count()).resolves.toBe(1);
    expect(await rewind.textContent()).toContain(
      `group ${group}: committed offset of 2 partitions of ${topic} moved back by 7 messages`,
    );
    // Both are marked on the group's charts, the sentence on hover.
    const chart = page.getByTestId('chart-lag-vs-rates');
    // kafkajs's setOffsets joins the group to commit, then leaves: that rebalance is marked too.
    await chart.locator('.chart-marker').nth(2).waitFor({ timeout: 30_000 });
    const kinds = (await chart.getAttribute('data-markers'))!.split(',').sort();
    expect(kinds).toEqual(['group-rebalance', 'offset-rewind', 'topic-config']);
    const titles = await chart.locator('.chart-marker title').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining([
        `topic ${topic}: retention.ms 7d → 2h`,
        `group ${group}: committed offset of 2 partitions of ${topic} moved back by 7 messages`,
      ]),
    );
    expect(titles).toHaveLength(3);
    await expect(page.getByTestId('chart-time-lag').locator('.chart-marker').count()).resolves.toBe(3);

    // Clicking the chart where the config change is marked lists what changed around then.
    const configMarker = chart.locator('.chart-marker', { hasText: 'retention.ms' });
    const markerBox = (await configMarker.boundingBox())!;
    const surface = (await chart.locator('svg.recharts-surface').first().boundingBox())!;
    await page.mouse.move(markerBox.x + markerBox.width / 2, surface.y + surface.height / 2);
    await page.mouse.click(markerBox.x + markerBox.width / 2, surface.y + surface.height / 2);
    const around = page.getByTestId('events-around');
    await around.locator('[data-kind="topic-config"]').waitFor({ timeout: 30_000 });
    expect(await around.getByRole('heading').textContent()).toMatch(/^What changed around .* \(± /);
    await around.getByRole('button', { name: 'Close' }).click();
    await expect(around.count()).resolves.toBe(0);
    await screenshot(page, 'timeline-group');

    await page.goto(`${base()}/clusters/default/topics/${encodeURIComponent(topic)}`);
    const topicTimeline = page.getByTestId('event-timeline');
    await topicTimeline.locator('[data-kind="topic-config"]').waitFor({ timeout: 30_000 });
    // The topic page shows the topic's events, the group's reset too (its subject names the topic).
    await expect(topicTimeline.locator('[data-kind="topic-created"]').count()).resolves.toBe(1);
    await expect(topicTimeline.locator('[data-kind="offset-rewind"]').count()).resolves.toBe(1);
    // The topic's produce rate chart marks its config change.
    const topicChart = page.getByTestId('chart-topic-rates');
    await topicChart.locator('.chart-marker').first().waitFor({ timeout: 30_000 });
    expect((await topicChart.getAttribute('data-markers'))!.split(',')).toContain('topic-config');
    expect(await topicChart.locator('.chart-marker title').allTextContents()).toContain(
      `topic ${topic}: retention.ms 7d → 2h`,
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'timeline-topic-phone');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('says when it shows only the newest changes, and shows older ones on request', async () => {
    // 55 topics created at once: the cluster's timeline then holds more than its first 50.
    const created = await Promise.all(Array.from({ length: 55 }, () => fixture.createTopic(1)));
    await eventually(async () => {
      const found = await events(`kind=topic-created&limit=1000`);
      const seen = new Set(found.events.map((e) => e.subject.topic));
      return created.every((name) => seen.has(name)) || undefined;
    }, 'the 55 topics in the timeline');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(`${base()}/clusters/default`);
    const timeline = page.getByTestId('event-timeline');
    const more = timeline.getByTestId('events-more');
    await more.waitFor({ timeout: 30_000 });
    await expect(timeline.getByTestId('event').count()).resolves.toBe(50);
    expect(await more.textContent()).toContain('The newest 50 changes.');
    await more.getByRole('button', { name: 'Show older' }).click();
    await eventually(
      async () => ((await timeline.getByTestId('event').count()) > 50 ? true : undefined),
      'older changes to be listed',
    );
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('filters the API by kind and pages it, and answers 400 for a bad filter and 404 for an unknown cluster', async () => {
    const subject = `group=${encodeURIComponent(group)}&topic=${encodeURIComponent(topic)}`;
    const configOnly = await events(`${subject}&kind=topic-config`);
    expect(configOnly.events.map((e) => e.kind)).toEqual(['topic-config']);
    expect(configOnly.events[0].details).toEqual({
      changes: [{ name: 'retention.ms', from: '604800000', to: '7200000' }],
    });

    const first = await events(`${subject}&limit=1`);
    expect(first.events).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await events(`${subject}&limit=1&before=${first.next}`);
    expect(second.events).toHaveLength(1);
    expect(second.events[0].id).not.toBe(first.events[0].id);
    expect(second.events[0].at).toBeLessThanOrEqual(first.events[0].at);

    const bad = await fetch(`${base()}/api/clusters/default/events?kind=nonsense`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^kind must be one of .*\(got "nonsense"\)$/);
    const unknown = await fetch(`${base()}/api/clusters/nope/events`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown cluster "nope"' });
  });
});
