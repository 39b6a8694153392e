import { expect, screenshot, test } from './fixtures';

test('a job started from the UI shows live progress and can be cancelled', async ({ page }, testInfo) => {
  await page.goto('/jobs');
  await page.getByLabel('Latency probes').fill('3000');
  await page.getByRole('button', { name: 'Run self-check' }).click();

  const row = page.getByTestId('job-row').filter({ hasText: 'Self-check (3000 latency probes)' });
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
  await page.goto('/jobs');
  await page.getByLabel('Latency probes').fill('5');
  await page.getByRole('button', { name: 'Run self-check' }).click();
  const row = page.getByTestId('job-row').filter({ hasText: 'Self-check (5 latency probes)' });
  await expect(row).toHaveAttribute('data-status', 'completed');
  await row.getByRole('button', { name: 'Details' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText('"latencyMs"');
  await expect(drawer).toContainText('local copy present in public/monaco');
  await screenshot(page, testInfo, 'jobs-details');
});
