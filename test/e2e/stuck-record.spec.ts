/**
 * The record a stuck consumer sits on, in Chromium against the real cluster: a consumer
 * that parses JSON stops on a malformed record on one partition (paused there, its offset
 * never committed) while its other partitions move on. The group page reads the record
 * for the partition asked for in the URL at once, and by itself once that partition is
 * STALL or STOP; the value shows with the card number redacted (the test server's config
 * allows previews), and the metadata matches what the producer wrote. The group's alert
 * brings what changed before it onto the page.
 */
import { createHash } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshotsInBothThemes } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, testKafka, uniqueName } from '../helpers/local-cluster';

const base = () => inject('baseUrl');
const STUCK_PARTITION = 1;
const MALFORMED = '{"payment": 17, "card": "4111 1111 1111 1111", "items": [';

async function apiGroup(group: string): Promise<GroupResponse | undefined> {
  const response = await fetch(`${base()}/api/clusters/default/groups/${encodeURIComponent(group)}`);
  return response.ok ? GroupResponse.parse(await response.json()) : undefined;
}

describe('the record a stuck consumer sits on', { timeout: 240_000 }, () => {
  const fixture = useKafkaFixture('e2e-stuck');
  const group = uniqueName('e2e-stuck-parser');
  const failing = testKafka('e2e-stuck-consumer');
  let browser: Browser;
  let topic: string;
  let consumer: Consumer;
  let producing: ReturnType<typeof setInterval> | undefined;
  let stuckOffset: number;

  const valid = (partition: number, n: number) => ({ partition, key: `p-${n}`, value: JSON.stringify({ payment: n }) });

  beforeAll(async () => {
    browser = await launchBrowser();
    topic = await fixture.createTopic(3);
    await sendWithRetry(fixture.producer, {
      topic,
      messages: [0, 1, 2].flatMap((partition) => [0, 1, 2].map((n) => valid(partition, n))),
    });
    const [written] = await fixture.producer.send({
      topic,
      messages: [
        {
          partition: STUCK_PARTITION,
          key: 'payment-17',
          value: MALFORMED,
          headers: { 'content-type': 'application/json', 'trace-id': 'e2e' },
        },
      ],
    });
    stuckOffset = Number(written.baseOffset);
    consumer = failing.consumer({ groupId: group, sessionTimeout: 60_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
        for (const message of batch.messages) {
          try {
            JSON.parse(message.value!.toString('utf8'));
          } catch {
            consumer.pause([{ topic, partitions: [batch.partition] }]);
            break;
          }
          resolveOffset(message.offset);
        }
        await commitOffsetsIfNecessary();
      },
    });
    // More payments keep coming on every partition: the stuck one's lag grows.
    let n = 3;
    producing = setInterval(() => {
      void fixture.producer
        .send({ topic, messages: [0, 1, 2].map((partition) => valid(partition, n)) })
        .catch(() => undefined);
      n++;
    }, 1000);
    await eventually(async () => {
      const partition = (await apiGroup(group))?.partitions.find((p) => p.partition === STUCK_PARTITION);
      return partition?.committedOffset === stuckOffset || undefined;
    }, 'the consumer to commit up to the malformed record');
  });

  afterAll(async () => {
    clearInterval(producing);
    await consumer?.disconnect().catch(() => undefined);
    await fixture.admin.deleteGroups([group]).catch(() => undefined);
    await browser?.close();
  });

  const groupPath = () => `/clusters/default/groups/${encodeURIComponent(group)}`;

  it('reads the record of the partition named in the URL, with the card number redacted', async () => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(`${base()}${groupPath()}?record=${encodeURIComponent(`${topic}:${STUCK_PARTITION}`)}`);
    const details = page.getByTestId('record-details');
    await details.waitFor({ timeout: 30_000 });
    const summary = await page.getByTestId('record-summary').textContent();
    expect(summary).toContain(`The next record is offset ${stuckOffset}`);
    expect(summary).toContain(`value ${Buffer.byteLength(MALFORMED)} B, key 10 B, 2 headers`);
    const facts = await page.getByTestId('record-facts').textContent();
    expect(facts).toContain('content-type, trace-id');
    expect(facts).toContain(createHash('sha256').update('payment-17').digest('hex').slice(0, 8));
    expect(await page.getByTestId('record-preview-key').textContent()).toBe('payment-17');
    expect(await page.getByTestId('record-preview-value').textContent()).toBe(
      '{"payment": 17, "card": "[redacted]", "items": [',
    );
    expect(await page.content()).not.toContain('4111');
    // Choosing another partition reads its record (a payment still coming in, or nothing
    // yet when its consumer is at the end), and the choice goes into the URL.
    await page.locator('#record-partition').selectOption(`${topic}:0`);
    const committedOnZero = async () =>
      (await apiGroup(group))!.partitions.find((p) => p.partition === 0)!.committedOffset!;
    await eventually(async () => {
      const line = await page.locator('.record-read-at').textContent();
      return line && !line.startsWith(`Committed offset ${stuckOffset} `) ? true : undefined;
    }, 'the record of partition 0');
    expect(await details.getAttribute('data-outcome')).toMatch(/^(record|end)$/);
    expect(await committedOnZero()).toBeGreaterThan(stuckOffset);
    expect(new URL(page.url()).searchParams.get('record')).toBe(`${topic}:0`);
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('reads the record of the stuck partition by itself once it is STALL or STOP', async () => {
    await eventually(
      async () => {
        const partition = (await apiGroup(group))?.partitions.find((p) => p.partition === STUCK_PARTITION);
        return partition?.status === 'STALL' || partition?.status === 'STOP' || undefined;
      },
      'the stuck partition to be STALL or STOP',
      120_000,
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(`${base()}${groupPath()}`);
    await page.getByTestId('record-details').waitFor({ timeout: 30_000 });
    expect(await page.locator('#record-partition').inputValue()).toBe(`${topic}:${STUCK_PARTITION}`);
    expect(await page.getByTestId('record-summary').textContent()).toContain(`offset ${stuckOffset}`);
    // The group is ERR, so an alert fired (at once on the test server): the page lists what
    // changed for the group and its topic before it, the topic's creation among it.
    const beforeAlert = page.getByTestId('events-before-alert');
    await beforeAlert.locator('[data-kind="topic-created"]').waitFor({ timeout: 30_000 });
    expect(await beforeAlert.locator('[data-kind="topic-created"]').textContent()).toContain(topic);
    await expect(beforeAlert.locator('[data-kind="alert-fired"]').count()).resolves.toBe(0);
    await page.getByTestId('stuck-record').scrollIntoViewIfNeeded();
    await screenshotsInBothThemes(page, 'stuck-record');
    expect(errors()).toEqual([]);
    await page.close();
  });
});
