/**
 * The alerts pages against a real stopped consumer: a group with committed offsets,
 * lag and no members fires "consumer-down"; it shows on the cluster's and the
 * all-clusters pages and in the nav badges, and is silenced and un-silenced through
 * the UI. Also an unknown cluster, and the API's answer to a silence matching nothing.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JsonPayload } from '@/lib/alerts/notifiers/webhook-payloads';
import { AlertsResponse } from '@/lib/api/alert-schemas';
import { formatTimestamp } from '@/lib/format/format-timestamp';
import { launchBrowser, screenshot, screenshotsInBothThemes, pageErrors } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, sendWithRetry, uniqueName } from '../helpers/local-cluster';

const downGroup = uniqueName('e2e-alerts-down');
const alertsPath = '/clusters/default/alerts';
const groupPath = `/clusters/default/groups/${encodeURIComponent(downGroup)}`;
const COMMENT = 'e2e: consumers being redeployed';

const url = (path: string) => `${inject('baseUrl')}${path}`;

/** What the server's webhook posted so far (the receiver is started by the global setup). */
async function webhookEvents(): Promise<JsonPayload[]> {
  return (await (await fetch(inject('webhookReceivedUrl'))).json()) as JsonPayload[];
}

async function apiAlerts(): Promise<AlertsResponse> {
  return AlertsResponse.parse(await (await fetch(url(`/api${alertsPath}`))).json());
}

const alertRow = (scope: Page | Locator) =>
  scope.locator(`[data-testid="alert-row"][data-rule="consumer-down"][data-group="${downGroup}"]`);

describe('the alerts pages', () => {
  const fixture = useKafkaFixture('e2e-alerts');
  let browser: Browser;
  let topic: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    topic = await fixture.createTopic(2);
    // A consumer that committed at 0 and left: no members, committed offsets, and the lag below.
    await fixture.admin.setOffsets({
      groupId: downGroup,
      topic,
      partitions: [0, 1].map((partition) => ({ partition, offset: '0' })),
    });
    await sendWithRetry(fixture.producer, {
      topic,
      messages: Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, value: `message ${i}` })),
    });
  });

  afterAll(async () => {
    await fixture.admin.deleteGroups([downGroup]).catch(() => undefined);
    await browser?.close();
  });

  it('answers 400 naming the field to a silence that matches nothing', async () => {
    const response = await fetch(url('/api/clusters/default/silences'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ match: {}, durationMinutes: 60, comment: '' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(/^match\b/);
  });

  it('shows "Cluster not found" with a way back for an unknown cluster', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The page itself answers 404: the browser logs that, nothing else may be logged.
    const errors = pageErrors(page, (u) => u.pathname === '/clusters/nope/alerts');
    const response = await page.goto(url('/clusters/nope/alerts'));
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Cluster not found' }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole('link', { name: 'All clusters' }).getAttribute('href')).resolves.toBe('/');
    await screenshot(page, 'alerts-cluster-not-found');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('lists the stopped group as a firing consumer-down alert, links to it and counts it in the badges', async () => {
    // A zone away from UTC: the absolute times must be the browser's, with their offset.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Kolkata' });
    const errors = pageErrors(page);
    await page.goto(url(alertsPath));
    const row = alertRow(page.getByTestId('alerts-firing'));
    await row.waitFor({ timeout: 90_000 });
    await eventually(
      async () => (await webhookEvents()).find((b) => b.event === 'fired' && b.alert.subject.group === downGroup),
      'the webhook receiver to get the firing',
      15_000,
    );
    console.log(`consumer-down: ${await row.locator('.alert-meta').textContent()}`);

    await expect(row.locator('[data-severity]').textContent()).resolves.toContain('Critical');
    await expect(row.locator('.alert-message').textContent()).resolves.toContain(`Group ${downGroup} has no members`);
    await expect(row.locator('.alert-subject').textContent()).resolves.toBe(`group ${downGroup}`);
    await expect(row.textContent()).resolves.toMatch(/\d+ messages? waiting/);
    await expect(row.textContent()).resolves.not.toMatch(/threshold 0/);
    const firedAt = row.locator('time', { hasText: /^fired \d/ });
    await expect(firedAt.getAttribute('title')).resolves.toMatch(/^\d{4}-\d\d-\d\dT/);
    // The absolute time in the text too, for pasting into an incident channel: the firing's own, in the browser's zone.
    const firing = (await apiAlerts()).active.find((a) => a.rule === 'consumer-down' && a.subject.group === downGroup)!;
    const firedText = (await firedAt.textContent()) ?? '';
    expect(firedText).toMatch(/^fired .+ ago \(/);
    expect(firedText.endsWith(`(${formatTimestamp(firing.firedAt!, 'Asia/Kolkata')})`), firedText).toBe(true);
    expect(firedText).toContain('UTC+05:30');
    await expect(row.locator('time', { hasText: /^started / }).textContent()).resolves.toContain(
      formatTimestamp(firing.since, 'Asia/Kolkata'),
    );
    const link = row.getByRole('link', { name: 'Open group page' });
    await expect(link.getAttribute('href')).resolves.toBe(groupPath);

    // Other stopped groups on the shared cluster may fire too: at least this one.
    const clusterBadge = page
      .getByRole('navigation', { name: 'Cluster default' })
      .getByRole('link', { name: /^Alerts\s+\d+ firing$/ });
    await clusterBadge.waitFor();
    expect(Number(await clusterBadge.getByTestId('alert-count').getAttribute('data-firing'))).toBeGreaterThanOrEqual(1);
    const topBadge = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Alerts\s+\d+ firing$/ });
    await topBadge.waitFor();
    expect(Number(await topBadge.getByTestId('alert-count').getAttribute('data-firing'))).toBeGreaterThanOrEqual(1);
    await screenshotsInBothThemes(page, 'alerts-cluster');

    await link.click();
    await page.waitForURL((u) => u.pathname === groupPath);
    await page.getByRole('heading', { name: `Consumer group ${downGroup}` }).waitFor({ timeout: 30_000 });

    await topBadge.click();
    await page.waitForURL((u) => u.pathname === '/alerts');
    const section = page.getByTestId('cluster-alerts-default');
    await alertRow(section).waitFor({ timeout: 30_000 });
    await expect(section.getByRole('heading').getByRole('link').getAttribute('href')).resolves.toBe(alertsPath);
    await expect(alertRow(section).locator('.alert-status').textContent()).resolves.toBe('firing');
    await screenshotsInBothThemes(page, 'alerts-all');
    expect(errors()).toEqual([]);
    await page.close();
  }, 180_000);

  it('silences exactly that alert through its form, then expires the silence', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(url(alertsPath));
    const row = alertRow(page.getByTestId('alerts-firing'));
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getAttribute('data-silenced')).resolves.toBe('false');

    await row.getByRole('button', { name: 'Silence…' }).click();
    const form = row.getByRole('form', { name: 'Silence consumer-down' });
    await expect(form.textContent()).resolves.toContain(`rule consumer-down, group ${downGroup}`);
    await form.getByLabel('4 h', { exact: true }).check();
    await form.getByLabel('Comment (optional)').fill(COMMENT);
    await screenshotsInBothThemes(page, 'alerts-silence-form');
    await form.getByRole('button', { name: 'Silence', exact: true }).click();

    await eventually(async () => ((await row.getAttribute('data-silenced')) === 'true' ? true : undefined), 'Silenced');
    await expect(row.getByText('Silenced').isVisible()).resolves.toBe(true);
    await expect(form.count()).resolves.toBe(0);
    const silenceRow = page.getByTestId('silence-row').filter({ hasText: downGroup });
    await silenceRow.waitFor();
    await expect(silenceRow.textContent()).resolves.toContain(COMMENT);
    await expect(silenceRow.textContent()).resolves.toMatch(/ends in (3h 59m|4h)/);

    const { active, silences } = await apiAlerts();
    const silence = silences.find((s) => s.match.group === downGroup);
    expect(silence).toMatchObject({
      source: 'ui',
      match: { rule: 'consumer-down', group: downGroup },
      comment: COMMENT,
    });
    expect(silence!.endsAt! - silence!.startsAt).toBe(4 * 3600_000);
    expect(active.find((a) => a.rule === 'consumer-down' && a.subject.group === downGroup)?.silencedBy).toBe(
      silence!.id,
    );
    await screenshotsInBothThemes(page, 'alerts-silenced');

    await silenceRow.getByRole('button', { name: /^Expire/ }).click();
    await eventually(async () => ((await silenceRow.count()) === 0 ? true : undefined), 'the silence to go');
    await eventually(async () => ((await row.getAttribute('data-silenced')) === 'false' ? true : undefined), 'unmuted');
    expect((await apiAlerts()).silences.some((s) => s.id === silence!.id)).toBe(false);
    expect(errors()).toEqual([]);
    await page.close();
  }, 120_000);

  it('resolves once the group has read everything: listed under Recently resolved and sent to the webhook', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page);
    await page.goto(url(alertsPath));
    await alertRow(page.getByTestId('alerts-firing')).waitFor({ timeout: 30_000 });
    // What a restarted consumer would do: commit at the end of the topic.
    await fixture.admin.resetOffsets({ groupId: downGroup, topic, earliest: false });
    await alertRow(page.getByTestId('alerts-resolved')).waitFor({ timeout: 60_000 });
    await expect(alertRow(page.getByTestId('alerts-firing')).count()).resolves.toBe(0);
    const events = await eventually(async () => {
      const ours = (await webhookEvents()).filter((b) => b.alert.subject.group === downGroup);
      return ours.some((b) => b.event === 'resolved') ? ours : undefined;
    }, 'the webhook receiver to get the resolution');
    // Fired once and resolved once, the silence in between notwithstanding.
    expect(events.filter((b) => b.alert.rule === 'consumer-down').map((b) => b.event)).toEqual(['fired', 'resolved']);
    await screenshotsInBothThemes(page, 'alerts-resolved');
    expect(errors()).toEqual([]);
    await page.close();
  }, 120_000);
});
