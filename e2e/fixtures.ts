import path from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Every test's page records any request that leaves localhost and fails the test if there was one:
 * the studio must work with no internet (fonts, Monaco, scripts all served by itself).
 */
export const test = base.extend<{ offRequests: string[] }>({
  offRequests: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, offRequests }, use) => {
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
      if (!LOCAL_HOSTS.has(url.hostname)) offRequests.push(req.url());
    });
    await page.route(/.*/, (route) => {
      const url = new URL(route.request().url());
      return LOCAL_HOSTS.has(url.hostname) || ['data:', 'blob:'].includes(url.protocol) ? route.continue() : route.abort('blockedbyclient');
    });
    await use(page);
    expect(offRequests, 'requests that left localhost').toEqual([]);
  },
});

export { expect };

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/NAME.png) and attaches it. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, opts: { fullPage?: boolean } = {}) {
  const file = path.join('test-results', 'screenshots', `${name}.png`);
  // Full-page capture resizes the viewport, and Monaco redraws into the stitched image twice: pages
  // with an editor are taken as the window shows them.
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** A real drag and drop: a DataTransfer holding the files, dispatched as dragenter + drop. */
export async function dropFiles(page: Page, files: Array<{ name: string; content: string }>) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: f.name.endsWith('.json') ? 'application/json' : 'application/yaml' }));
    return dt;
  }, files);
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}
