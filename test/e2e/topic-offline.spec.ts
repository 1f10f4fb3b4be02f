/**
 * The topic pages while a broker is stopped here: a partition whose only replica was on
 * it has no leader and must read offline, one that lost a follower under-replicated,
 * and untouched ones neither. Kafka wants one replication factor per topic, so the
 * offline partition and the under-replicated one are on two topics. The broker is
 * started again before the file ends.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TopicResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, startBroker, stopBroker } from '../helpers/local-cluster';

const STOPPED_BROKER = 3;

async function apiTopic(topic: string): Promise<TopicResponse | undefined> {
  const response = await fetch(`${inject('baseUrl')}/api/clusters/default/topics/${encodeURIComponent(topic)}`);
  return response.status === 200 ? TopicResponse.parse(await response.json()) : undefined;
}

/** The badges in a partition row's ISR cell: "offline", "under-replicated" or none. */
const rowBadges = (page: Page, partition: number) =>
  page
    .locator(`[data-testid="topic-partition-row"][data-partition="${partition}"] .badge`)
    .evaluateAll((badges) => badges.map((b) => b.textContent?.trim()));

describe('the topic page with a broker down', () => {
  const fixture = useKafkaFixture('e2e-offline');
  let browser: Browser;
  let single: string;
  let replicated: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    single = await fixture.createTopicWith({
      replicaAssignment: [
        { partition: 0, replicas: [STOPPED_BROKER] },
        { partition: 1, replicas: [1] },
      ],
    });
    replicated = await fixture.createTopicWith({
      replicaAssignment: [
        { partition: 0, replicas: [1, STOPPED_BROKER] },
        { partition: 1, replicas: [1, 2] },
      ],
    });
    for (const topic of [single, replicated]) {
      await eventually(async () => ((await apiTopic(topic))?.partitions.length === 2 ? true : undefined), topic);
    }
  });

  afterAll(async () => {
    await startBroker(STOPPED_BROKER, () => undefined);
    await browser?.close();
  });

  /** Opens a topic's page at `width` and returns it once its partition rows are there. */
  async function openTopic(topic: string, width: number): Promise<{ page: Page; errors: () => string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = pageErrors(page, undefined, '/clusters/default/topics');
    await page.goto(`${inject('baseUrl')}/clusters/default/topics/${encodeURIComponent(topic)}`);
    await page.getByTestId('topic-partition-row').first().waitFor({ timeout: 30_000 });
    return { page, errors };
  }

  it('labels the leaderless partition offline and the one missing a follower under-replicated', async () => {
    await stopBroker(STOPPED_BROKER, () => undefined);
    try {
      const seen = await eventually(
        async () => {
          const [a, b] = await Promise.all([apiTopic(single), apiTopic(replicated)]);
          const offline = a?.partitions[0]?.leader === -1;
          const shrunk = b?.partitions[0]?.isr.length === 1;
          return offline && shrunk ? [...a!.partitions, ...b!.partitions] : undefined;
        },
        'the collector to see a partition without a leader and one without its follower',
        60_000,
      );
      const summary = seen.map(({ partition, leader, replicas, isr }) => ({ partition, leader, replicas, isr }));
      console.log(`with broker ${STOPPED_BROKER} down: ${JSON.stringify(summary)}`);

      for (const width of [1400, 390]) {
        const offline = await openTopic(single, width);
        await expect(offline.page.getByTestId('topic-offline').textContent()).resolves.toMatch(/^1\s*offline$/);
        await expect(offline.page.getByTestId('topic-under-replicated').textContent()).resolves.toMatch(
          /^0\s*under-replicated$/,
        );
        await expect(rowBadges(offline.page, 0)).resolves.toEqual(['offline']);
        await expect(rowBadges(offline.page, 1)).resolves.toEqual([]);
        await screenshot(offline.page, `topic-offline-${width}`);
        expect(offline.errors()).toEqual([]);
        await offline.page.close();

        const under = await openTopic(replicated, width);
        await expect(under.page.getByTestId('topic-offline').count()).resolves.toBe(0);
        await expect(under.page.getByTestId('topic-under-replicated').textContent()).resolves.toMatch(
          /^1\s*under-replicated$/,
        );
        await expect(rowBadges(under.page, 0)).resolves.toEqual(['under-replicated']);
        await expect(rowBadges(under.page, 1)).resolves.toEqual([]);
        expect(under.errors()).toEqual([]);
        await under.page.close();
      }
    } finally {
      await startBroker(STOPPED_BROKER, () => undefined);
    }
    await eventually(
      async () => ((await apiTopic(single))?.partitions.every((p) => p.leader >= 0) ? true : undefined),
      'every partition to have a leader again',
      60_000,
    );
  });
});
