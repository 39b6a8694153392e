import { expect, screenshot, test } from './fixtures';

test('Load demo runs every stage from the overview, and its run is there to open', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.getByTestId('load-demo').getByRole('button', { name: 'Load demo' }).click();
  const result = page.getByTestId('demo-result');
  // Earlier specs' collections share the database, so the demo's domain count may differ from a fresh start's 5.
  await expect(result).toContainText(/51 tools in \d+ domains/, { timeout: 120_000 });
  await screenshot(page, testInfo, 'demo-loaded');

  await result.getByRole('link', { name: 'Open the run' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Demo: offline oracle with noise' })).toBeVisible();
  // The demo rolls out inside its own job, not in a run job: the run is simply full.
  const progress = page.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('data-done', /^[1-9]\d*$/);
  expect(await progress.getAttribute('data-done')).toBe(await progress.getAttribute('data-total'));

  await page.goto('/graph');
  await expect(page.getByTestId('graph-stats')).toBeVisible();
});
