import { expect, screenshot, test } from './fixtures';

test('Load demo runs every stage from the overview, and its run is there to open', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('load-demo').getByRole('button', { name: 'Load demo' }).click();
  const result = page.getByTestId('demo-result');
  await expect(result).toContainText(/tools in 5 domains/, { timeout: 120_000 });
  await screenshot(page, testInfo, 'demo-loaded');

  await result.getByRole('link', { name: 'Open the run' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Demo: offline oracle with noise' })).toBeVisible();
  // The demo rolls out inside its own job, not in a run job: the run is simply full.
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-done', '50');
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-total', '50');

  await page.goto('/graph');
  await expect(page.getByTestId('graph-stats')).toBeVisible();
});
