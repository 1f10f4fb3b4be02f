/**
 * Debian's Chromium driven by playwright-core (no browser download).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/chromium';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CHROMIUM_PATH;
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Collects console errors and page errors, so tests can assert there are none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Light, then dark (the app follows prefers-color-scheme); returns both files. */
export async function screenshotsInBothThemes(page: Page, name: string): Promise<string[]> {
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await screenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  return [light, dark];
}

/**
 * Console errors, except the browser's "Failed to load resource … 404" line for each 404
 * answer that is expected: those `expected404` allows and, when `ownPrefix` is given, RSC
 * prefetches (from the navigation's links) of pages outside it, which may not be built yet.
 * The line is matched by the resource it names (its console location) and, where the browser
 * gives none, counted against the expected 404 answers seen: the answer's event and the
 * console line do not always arrive in the same order.
 */
export function pageErrors(
  page: Page,
  expected404: (url: URL) => boolean = () => false,
  ownPrefix?: string,
): () => string[] {
  const isExpected = (url: URL) => {
    const foreignPrefetch =
      ownPrefix !== undefined && url.searchParams.has('_rsc') && !url.pathname.startsWith(ownPrefix);
    return foreignPrefetch || expected404(url);
  };
  const errors: string[] = [];
  let matched = 0;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const resource = message.location().url;
    if (/Failed to load resource: .*404/.test(text) && resource && isExpected(new URL(resource))) {
      matched++;
      return;
    }
    // Name the resource, so a failure says which request answered 404.
    errors.push(resource ? `${text} (${resource})` : text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  let allowed = 0;
  page.on('response', (response) => {
    if (response.status() === 404 && isExpected(new URL(response.url()))) allowed++;
  });
  return () => {
    // Each expected answer excuses one line: those matched by their resource already used theirs.
    let left = allowed - matched;
    return errors.filter((error) => !(/Failed to load resource: .*404/.test(error) && left-- > 0));
  };
}
