import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { sharedData } from '../server/testing/shared-data';

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
    // The studio's Content-Security-Policy (lib/http/security-headers.cjs) must not block its own pages, Monaco included.
    const refused: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) refused.push(msg.text());
    });
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
    expect(refused, 'what the Content-Security-Policy blocked').toEqual([]);
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

/**
 * After "Build graph" on a fresh /graph page: the build starts, or first a dialog asks before
 * curated domains move to "from a previous build" (rebuild.spec.ts shows it); a flow that only
 * needs a graph says yes.
 */
export async function confirmRebuildIfAsked(page: Page) {
  const dialog = page.getByTestId('rebuild-plan-dialog');
  await expect(dialog.or(page.getByTestId('graph-job'))).toBeVisible({ timeout: 120_000 });
  if (await dialog.isVisible()) await page.getByRole('button', { name: 'Rebuild anyway' }).click();
}

/** τ-bench retail imported, its graph built, and every domain given a heuristic environment. */
export async function prepareEnvironments(page: Page) {
  await page.goto('/collections');
  await dropFiles(page, [{ name: 'retail_tools.json', content: fs.readFileSync(sharedData('taubench', 'retail', 'tools.json'), 'utf8') }]);
  await page.getByRole('button', { name: 'Import 1 collection' }).click();
  await expect(page.getByTestId('import-job')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });

  await page.goto('/graph');
  await page.getByRole('button', { name: 'Build graph' }).click();
  await confirmRebuildIfAsked(page);
  await expect(page.getByTestId('graph-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });

  await page.goto('/environments');
  await page.getByRole('button', { name: 'Generate all (heuristic)' }).click();
  await expect(page.getByTestId('environments-summary')).toContainText(/tools pass/, { timeout: 60_000 });
}

/** Full-page shots are taken from the top: scrolled, the fixed header and navigation land mid-page. */
export async function topShot(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, testInfo, name);
}

/** Text as a literal inside a RegExp. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** On /tasks: the domain with at least `n` tasks and the most that write (a run's trajectories should change rows). */
export async function domainForRun(page: Page, n: number) {
  await expect(page.getByTestId('task-domain').first()).toBeVisible();
  const rows = await page.getByTestId('task-domain').evaluateAll((els) =>
    els.map((e) => ({
      name: e.getAttribute('data-domain')!,
      tasks: Number(e.getAttribute('data-tasks')),
      readOnly: Number(e.getAttribute('data-read-only')),
    })),
  );
  const fit = rows.filter((r) => r.tasks >= n).sort((a, b) => b.tasks - b.readOnly - (a.tasks - a.readOnly));
  expect(fit.length, `a domain with ${n} tasks or more`).toBeGreaterThan(0);
  return fit[0]!.name;
}

/** On /tasks: samples `perDomain` tasks for every domain and waits for the job to finish. */
export async function sampleTasks(page: Page, perDomain: number) {
  await page.goto('/tasks');
  await page.getByRole('textbox', { name: 'Tasks per domain' }).fill(String(perDomain));
  await page.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(page.getByTestId('sample-job')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
}

/** On /runs: launches offline rollouts of `n` of one domain's tasks (optionally named, with one noise switch or every one); answers the run's row. */
export async function launchRun(page: Page, opts: { domain: string; n: number; name?: string; noise?: string | 'every' }) {
  await page.goto('/runs');
  await page.getByRole('combobox', { name: 'Domains' }).click();
  await page.getByRole('combobox', { name: 'Domains' }).fill(opts.domain);
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(opts.domain)} \\(\\d+\\)$`) }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Tasks per domain' }).fill(String(opts.n));
  await expect(page.getByTestId('launch-estimate')).toHaveAttribute('data-count', String(opts.n));
  const noise = page.getByRole('group', { name: 'Noise' }).getByRole('checkbox');
  if (opts.noise === 'every') for (const box of await noise.all()) await box.check();
  else if (opts.noise)
    await page
      .getByRole('group', { name: 'Noise' })
      .getByRole('checkbox', { name: new RegExp(escapeRegExp(opts.noise)) })
      .check();
  // Every trajectory gets the noise here (the default is 30%, one switch each), and 'every' all switches at once.
  if (opts.noise) await page.getByRole('textbox', { name: 'Noise rate' }).fill('100');
  if (opts.noise === 'every') await page.locator('label', { hasText: /^all switches$/ }).click();
  if (opts.name) await page.getByRole('textbox', { name: 'Name' }).fill(opts.name);
  await page.getByRole('button', { name: 'Launch' }).click();
  const rows = page.getByTestId('run-row');
  return opts.name ? rows.filter({ hasText: opts.name }) : rows.first();
}
