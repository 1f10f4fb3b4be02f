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

  it('lists the three brokers of the real cluster', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(inject('baseUrl'));
    const table = page.getByRole('table', { name: 'Brokers' });
    await table.waitFor();
    for (const [id, port] of [
      [1, 19092],
      [2, 19093],
      [3, 19094],
    ]) {
      const row = page.getByTestId(`broker-${id}`);
      await expect(row.textContent()).resolves.toContain(String(port));
    }
    await screenshot(page, 'home');
    expect(errors).toEqual([]);
  });
});
