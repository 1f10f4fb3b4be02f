/**
 * Pages for an unknown cluster, topic or group answer HTTP 404 with the not-found page
 * (its message and a way back), known ones 200; a configured cluster that has not been
 * collected yet is known, and its topic and group pages render (loading) instead of 404.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GroupsResponse, TopicsResponse } from '@/lib/api/schemas';
import { launchBrowser, pageErrors, screenshot } from '../helpers/browser';
import { useKafkaFixture } from '../helpers/kafka-fixture';
import { eventually, uniqueName } from '../helpers/local-cluster';
import { E2E_PORT } from '../helpers/next-global-setup';
import { spawnNextServer, waitForNextServer } from '../helpers/next-server';
import { withTempDir } from '../helpers/temp-dir';

const base = () => inject('baseUrl');

async function apiJson<T>(apiPath: string, schema: { parse(body: unknown): T }): Promise<T> {
  return schema.parse(await (await fetch(`${base()}/api${apiPath}`)).json());
}

/** Opens `urlPath` in the browser; returns the HTTP status of the page itself. */
async function open(page: Page, urlPath: string, baseUrl = base()): Promise<number> {
  const response = await page.goto(`${baseUrl}${urlPath}`);
  return response!.status();
}

async function expectPanel(page: Page, heading: string, message: string, back: { name: string; href: string }) {
  await page.getByRole('heading', { name: heading }).waitFor({ timeout: 30_000 });
  await expect(page.getByText(message, { exact: true }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('link', { name: back.name, exact: true }).getAttribute('href')).resolves.toBe(back.href);
}

describe('pages for unknown clusters, topics and groups', () => {
  const fixture = useKafkaFixture('e2e-not-found');
  const groupId = uniqueName('e2e-not-found-group');
  const dir = withTempDir('e2e-not-found');
  let browser: Browser;
  let topic: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    topic = await fixture.createTopic(1);
    await fixture.admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    await eventually(async () => {
      const [topics, groups] = await Promise.all([
        apiJson('/clusters/default/topics', TopicsResponse),
        apiJson('/clusters/default/groups', GroupsResponse),
      ]);
      const found = topics.topics.some((t) => t.name === topic) && groups.groups.some((g) => g.groupId === groupId);
      return found || undefined;
    }, 'the collector to see the new topic and group');
  });

  afterAll(async () => {
    await fixture.admin.deleteGroups([groupId]).catch(() => undefined);
    await browser?.close();
  });

  it('answers 404 for every page of an unknown cluster, saying which cluster, with a way back', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page, (url) => url.pathname.startsWith('/clusters/nope'));
    for (const urlPath of ['', '/topics', '/groups', '/brokers', '/alerts', '/topics/t', '/groups/g']) {
      expect(await open(page, `/clusters/nope${urlPath}`), urlPath).toBe(404);
      await expectPanel(page, 'Cluster not found', 'unknown cluster "nope"', { name: 'All clusters', href: '/' });
    }
    await screenshot(page, 'not-found-cluster');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('answers 404 for an unknown topic and group of a collected cluster, as the API does', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const unknownTopic = uniqueName('no-such-topic');
    const unknownGroup = `no such/group ${uniqueName('ü')}`;
    const topicPath = `/clusters/default/topics/${encodeURIComponent(unknownTopic)}`;
    const groupPath = `/clusters/default/groups/${encodeURIComponent(unknownGroup)}`;
    // Compared decoded: the browser and the router may spell the same path's escapes differently.
    const unknownPaths = [topicPath, groupPath].map(decodeURIComponent);
    const errors = pageErrors(page, (url) => unknownPaths.includes(decodeURIComponent(url.pathname)));

    expect(await open(page, topicPath)).toBe(404);
    expect((await fetch(`${base()}/api${topicPath}`)).status).toBe(404);
    await expectPanel(page, 'Topic not found', `unknown topic "${unknownTopic}" in cluster "default"`, {
      name: 'All topics',
      href: '/clusters/default/topics',
    });
    await screenshot(page, 'not-found-topic-phone');

    expect(await open(page, groupPath)).toBe(404);
    expect((await fetch(`${base()}/api${groupPath}`)).status).toBe(404);
    await expectPanel(
      page,
      'Consumer group not found',
      `unknown consumer group "${unknownGroup}" in cluster "default"`,
      {
        name: 'All consumer groups',
        href: '/clusters/default/groups',
      },
    );
    await screenshot(page, 'not-found-group-phone');
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('answers /favicon.ico, which browsers ask for by themselves, with the icon rather than a 404', async () => {
    const response = await fetch(`${base()}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toContain('<svg');
  });

  it('answers 200 for a known cluster, its sections, topic and group', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = pageErrors(page);
    const known = [
      '/clusters/default',
      '/clusters/default/topics',
      '/clusters/default/groups',
      '/clusters/default/brokers',
      '/clusters/default/alerts',
      `/clusters/default/topics/${encodeURIComponent(topic)}`,
      `/clusters/default/groups/${encodeURIComponent(groupId)}`,
    ];
    for (const urlPath of known) expect(await open(page, urlPath), urlPath).toBe(200);
    await page.getByRole('heading', { name: `Consumer group ${groupId}` }).waitFor({ timeout: 30_000 });
    expect(errors()).toEqual([]);
    await page.close();
  });

  it('answers 200, not 404, for topics and groups of a configured cluster not collected yet', async () => {
    // A cluster nobody listens for: configured, so known, but never collected.
    const config = dir.write(
      'watermark.json',
      JSON.stringify({ clusters: [{ id: 'unreachable', brokers: ['127.0.0.1:1'], pollIntervalMs: 2000 }] }),
    );
    const server = spawnNextServer(E2E_PORT + 2, {
      WATERMARK_CONFIG: config,
      WATERMARK_DATA_DIR: path.dirname(config),
    });
    try {
      await waitForNextServer(server);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      for (const urlPath of ['', '/topics', '/groups', '/topics/some-topic', '/groups/some-group']) {
        expect(await open(page, `/clusters/unreachable${urlPath}`, server.url), urlPath).toBe(200);
      }
      await page.getByRole('heading', { name: 'some-group' }).waitFor({ timeout: 30_000 });
      await expect(page.getByRole('heading', { name: 'Consumer group not found' }).count()).resolves.toBe(0);
      expect(await open(page, '/clusters/nope/groups/some-group', server.url)).toBe(404);
      await page.close();
    } finally {
      await server.stop();
    }
  });
});
