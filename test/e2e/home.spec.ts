import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, launchBrowser, screenshot } from '../helpers/browser';

describe('the home page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the configured cluster from the API with the three brokers of the real cluster', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectErrors(page);
    await page.goto(inject('baseUrl'));
    const card = page.getByTestId('cluster-default');
    await card.getByRole('table', { name: 'Brokers' }).waitFor({ timeout: 30_000 });
    await expect(card.textContent()).resolves.toContain('3/3brokers up');
    for (const [id, port] of [
      [1, 19092],
      [2, 19093],
      [3, 19094],
    ]) {
      const row = page.getByTestId(`broker-${id}`);
      await expect(row.textContent()).resolves.toContain(`127.0.0.1:${port}`);
      await expect(row.textContent()).resolves.toContain('up');
    }
    await expect(card.locator('[data-status]').getAttribute('data-status')).resolves.toMatch(/ok|degraded/);
    await screenshot(page, 'home');
    expect(errors).toEqual([]);
  });
});
