import fs from 'node:fs';
import { checkOpenAiRecord } from '../server/pipeline/export/openai';
import { checkShareGptRecord } from '../server/pipeline/export/sharegpt';
import { expect, screenshot, test, topShot } from './fixtures';

test.describe.configure({ mode: 'serial' });

/**
 * The demo a lead gives: a fresh studio (its own server and data folder, see playwright.config.ts),
 * one click to load the demo, then every screen in pipeline order down to the training file.
 */
test('stakeholder demo: Load demo → graph → environment → run → review three by keyboard → export phase 1 → the file holds the accepted ones', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);

  // Fresh start: nothing imported yet.
  await page.goto('/');
  await page.getByTestId('load-demo').getByRole('button', { name: 'Load demo' }).click();
  const result = page.getByTestId('demo-result');
  await expect(result).toContainText('51 tools in 5 domains', { timeout: 120_000 });
  await topShot(page, testInfo, 'demo-1-loaded');

  // The graph overview: the demo's tools in their domains.
  await result.getByRole('link', { name: 'the graph' }).click();
  await expect(page.getByTestId('stat-tools')).toHaveText('51');
  await expect(page.getByTestId('stat-domains')).toHaveText('5');
  await expect(page.locator('[data-testid=cytoscape][data-drawn=true]')).toBeVisible();
  await screenshot(page, testInfo, 'demo-2-graph', { fullPage: false });

  // A domain's environment: its schema and tool code, every tool validated.
  await page.goto('/environments');
  await expect(page.getByTestId('environments-summary')).toContainText(/51 of 51 tools pass/);
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByTestId('env-download')).toBeVisible();
  // The version downloads as one environment file, with the tasks sampled on it.
  const envDownload = page.waitForEvent('download');
  await page.getByTestId('env-download').click();
  const envFile = JSON.parse(fs.readFileSync((await (await envDownload).path())!, 'utf8')) as { format: string; tasks: unknown[] };
  expect(envFile.format).toBe('environment-studio/environment');
  expect(envFile.tasks.length).toBeGreaterThan(0);
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await screenshot(page, testInfo, 'demo-3-environment', { fullPage: false });

  // The demo's run and its trajectories, some rejected by the filters (the noise).
  await page.goto('/runs');
  await page.getByTestId('run-row').filter({ hasText: 'Demo: offline oracle with noise' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Demo: offline oracle with noise' })).toBeVisible();
  await expect(page.getByTestId('trajectory-row').first()).toBeVisible();
  const runId = new URL(page.url()).pathname.split('/').pop()!;
  await topShot(page, testInfo, 'demo-4-run');

  // Review three by keyboard: accept, reject with a reason, accept.
  await page.goto(`/review?runId=${runId}&status=all`);
  const items = page.getByTestId('review-item');
  await expect(items.first()).toBeVisible();
  await items.first().click();
  const detail = page.getByTestId('review-detail');
  const opening = async () => (await detail.getByTestId('message-user').first().locator('.mantine-Paper-root').innerText()).trim();
  const accepted: string[] = [];

  await expect(detail).toHaveAttribute('data-id', (await items.nth(0).getAttribute('data-review-id'))!);
  accepted.push(await opening());
  await page.keyboard.press('a');
  await expect(items.nth(0)).toHaveAttribute('data-verdict', 'accepted');

  await expect(items.nth(1)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('r');
  const form = page.getByTestId('reject-form');
  await form.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'unnecessary calls', exact: true }).click();
  await form.getByRole('textbox', { name: 'Comment' }).fill('shown to stakeholders');
  await form.getByRole('textbox', { name: 'Comment' }).press('Enter');
  await expect(items.nth(1)).toHaveAttribute('data-verdict', 'rejected');

  await expect(items.nth(2)).toHaveAttribute('data-selected', 'true');
  await expect(detail).toHaveAttribute('data-id', (await items.nth(2).getAttribute('data-review-id'))!);
  accepted.push(await opening());
  await page.keyboard.press('a');
  await expect(items.nth(2)).toHaveAttribute('data-verdict', 'accepted');
  await topShot(page, testInfo, 'demo-5-review');

  // Export phase 1 (general), accepted only: two trajectories.
  await page.goto('/exports');
  await expect(page.getByTestId('export-count')).toHaveText('2 trajectories will be exported');
  await page.getByTestId('export-launch').click();
  const row = page.getByTestId('export-row').first();
  await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(row.getByTestId('export-records')).toHaveText('2');
  await row.getByRole('button', { name: 'Show the manifest' }).click();
  await expect(page.getByTestId('export-manifest-details')).toBeVisible();
  await topShot(page, testInfo, 'demo-6-exports');

  const download = page.waitForEvent('download');
  await row.getByTestId('export-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^phase1-general-openai-\d{8}-\d{4}\.jsonl$/);
  const lines = fs
    .readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(2);
  const records = lines.map((l) => JSON.parse(l) as { messages: Array<{ role: string; content: string | null }> });
  for (const r of records) expect(checkOpenAiRecord(r)).toEqual([]);
  // The file holds exactly the two accepted conversations.
  const openings = records.map((r) => r.messages.find((m) => m.role === 'user')!.content!.trim());
  expect(openings.sort()).toEqual([...accepted].sort());
});

test('phase 2: mark a target domain, and a vertical ShareGPT export holds only its accepted trajectories', async ({ page }, testInfo) => {
  // After the demo above (same fresh studio): both accepted trajectories are in one domain or two.
  await page.goto('/exports');
  await page.getByRole('radio', { name: /^Phase 2/ }).check();
  await expect(page.getByTestId('export-launch')).toBeDisabled();

  // Mark the domain of the last export's records (its manifest names them).
  const manifestHref = await page.getByTestId('export-row').first().getByTestId('export-manifest').getAttribute('href');
  const manifest = (await (await page.request.get(manifestHref!)).json()) as { domains: Array<{ name: string; records: number }> };
  const target = manifest.domains[0]!;
  const box = page.getByRole('checkbox', { name: `Target: ${target.name}` });
  await box.click();
  await expect(box).toBeChecked();
  await expect(page.getByTestId('targets-marked')).toContainText(target.name);
  await expect(page.getByRole('radio', { name: /^Phase 2 · vertical: the 1 target domain$/ })).toBeChecked();
  await page.getByTestId('export-format').getByText('ShareGPT with tools').click();
  await expect(page.getByTestId('export-count')).toHaveText(`${target.records} trajector${target.records === 1 ? 'y' : 'ies'} will be exported`);
  await page.getByTestId('export-launch').click();

  const row = page.getByTestId('export-row').first();
  await expect(row).toContainText('Phase 2 · vertical · ShareGPT with tools');
  await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(row).toContainText(`targets: ${target.name}`);
  await expect(row.getByTestId('export-records')).toHaveText(String(target.records));
  const download = page.waitForEvent('download');
  await row.getByTestId('export-download').click();
  const lines = fs
    .readFileSync((await (await download).path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(target.records);
  for (const line of lines) expect(checkShareGptRecord(JSON.parse(line))).toEqual([]);
  await topShot(page, testInfo, 'exports-vertical');
});
