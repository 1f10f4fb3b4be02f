/**
 * The cluster overview and the brokers page against the real cluster, including a
 * broker stopped here: the page must show it down and the under-replicated count rise.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AlertsResponse } from '@/lib/api/alert-schemas';
import { BrokersResponse, ClustersResponse } from '@/lib/api/schemas';
import { collectErrors, launchBrowser, screenshotsInBothThemes } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, startBroker, stopBroker } from '../helpers/local-cluster';

const STOPPED_BROKER = 3;

async function api<T>(path: string, schema: { parse: (v: unknown) => T }): Promise<T> {
  return schema.parse(await (await fetch(`${inject('baseUrl')}${path}`)).json());
}

async function underReplicated(): Promise<number> {
  const { clusters } = await api('/api/clusters', ClustersResponse);
  return clusters.find((c) => c.id === 'default')!.underReplicatedPartitions;
}

describe('the cluster overview and brokers pages', () => {
  const fixture = useKafkaFixture('e2e-cluster');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await startBroker(STOPPED_BROKER, () => undefined);
  });

  it('shows the cluster at a glance: health tiles from the API, the history chart and the ranked tables', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default`);
    const tile = page.locator('[data-tile="brokers up"] strong');
    await tile.waitFor({ timeout: 30_000 });
    const { brokers } = await api('/api/clusters/default/brokers', BrokersResponse);
    await expect(tile.textContent()).resolves.toBe(`${brokers.filter((b) => b.reachable).length}/${brokers.length}`);
    await page.getByTestId('chart-lag-vs-rates').waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Groups to look at first' }).waitFor({ timeout: 30_000 });
    await screenshotsInBothThemes(page, 'cluster-overview');
    expect(errors).toEqual([]);
  });

  it('shows a stopped broker down and more under-replicated partitions, then recovers', async () => {
    // A topic with replicas on every broker, so stopping one makes partitions under-replicated.
    await fixture.createTopic(3);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = collectErrors(page);
    await page.goto(`${inject('baseUrl')}/clusters/default/brokers`);
    const row = page.getByTestId(`broker-${STOPPED_BROKER}`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('up');
    await page.getByTestId('distribution-leaders').waitFor();
    const before = await underReplicated();

    await stopBroker(STOPPED_BROKER, () => undefined);
    await eventually(
      async () => ((await row.textContent())?.includes('down') ? true : undefined),
      'the brokers page to show the broker down',
      60_000,
    );
    const during = await eventually(
      async () => {
        const count = await underReplicated();
        return count > before ? count : undefined;
      },
      'under-replicated partitions to rise',
      60_000,
    );
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain(`Broker ${STOPPED_BROKER}`);
    const alert = await eventually(
      async () => {
        const { active } = await api('/api/clusters/default/alerts', AlertsResponse);
        return active.find((a) => a.key === `broker-unreachable:default:${STOPPED_BROKER}`);
      },
      'an alert for the stopped broker',
      30_000,
    );
    expect(alert).toMatchObject({
      severity: 'critical',
      subject: { broker: STOPPED_BROKER },
      href: '/clusters/default/brokers',
    });
    await screenshotsInBothThemes(page, 'brokers-one-down');
    expect(during).toBeGreaterThan(before);

    // The alerts page lists it as firing and links to the brokers page; then it resolves.
    const alertsPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const alertsErrors = collectErrors(alertsPage);
    await alertsPage.goto(`${inject('baseUrl')}/clusters/default/alerts`);
    const brokerRow = (section: string) =>
      alertsPage
        .getByTestId(`alerts-${section}`)
        .locator('[data-testid="alert-row"][data-rule="broker-unreachable"]')
        .filter({ hasText: `broker ${STOPPED_BROKER}` });
    await brokerRow('firing').waitFor({ timeout: 30_000 });
    await expect(
      brokerRow('firing').getByRole('link', { name: 'Open brokers page' }).getAttribute('href'),
    ).resolves.toBe('/clusters/default/brokers');
    await screenshotsInBothThemes(alertsPage, 'alerts-broker-down');

    await startBroker(STOPPED_BROKER, () => undefined);
    await eventually(
      async () => ((await row.textContent())?.includes('up') ? true : undefined),
      'the broker to come back up on the page',
      90_000,
    );
    await brokerRow('resolved').waitFor({ timeout: 60_000 });
    expect(alertsErrors).toEqual([]);
    await alertsPage.close();
    await page.locator('button', { hasText: 'bytes' }).click();
    await expect(page.url()).toContain('heat=bytes');
    await screenshotsInBothThemes(page, 'brokers');
    expect(errors).toEqual([]);
  });
});
