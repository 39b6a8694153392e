import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

/** Starts a self-check from the Jobs page and returns its row in the table. */
async function startSelfCheck(page: Page, probes: number) {
  await page.goto('/jobs');
  await page.getByLabel('Latency probes').fill(String(probes));
  await page.getByRole('button', { name: 'Run self-check' }).click();
  return page.getByTestId('job-row').filter({ hasText: `Self-check (${probes} latency probes)` });
}

test('a job started from the UI shows live progress and can be cancelled', async ({ page }, testInfo) => {
  const row = await startSelfCheck(page, 3000);
  await expect(row).toHaveAttribute('data-status', 'running');
  const bar = row.getByTestId('job-progress');
  const first = Number(await bar.getAttribute('data-value'));
  // The bar moves while we watch: the page polls while the job runs.
  await expect.poll(async () => Number(await bar.getAttribute('data-value')), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect(row).toContainText(/Latency probe \d+ of 3000/);
  await screenshot(page, testInfo, 'jobs-running');

  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toHaveAttribute('data-status', 'cancelled');
  await expect(row.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  expect(Number(await bar.getAttribute('data-value'))).toBeLessThan(100);
});

test('a short job runs to completion and shows its result', async ({ page }, testInfo) => {
  const row = await startSelfCheck(page, 5);
  await expect(row).toHaveAttribute('data-status', 'completed');
  await row.getByRole('button', { name: 'Details' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('"latencyMs"');
  await expect(drawer).toContainText('local copy present in public/monaco');
  await screenshot(page, testInfo, 'jobs-details');
});
