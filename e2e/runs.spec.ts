import { domainForRun, expect, launchRun, prepareEnvironments, sampleTasks, test, topShot } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('sample tasks, launch a run of offline rollouts, follow it, and read a trajectory with its database diffs', async ({ page }, testInfo) => {
  test.setTimeout(400_000);
  await prepareEnvironments(page);

  // Tasks: ten per domain, listed once sampled.
  await sampleTasks(page, 10);
  await expect(page.getByTestId('sample-result')).toBeVisible();
  await expect(page.getByTestId('sample-result')).not.toHaveAttribute('data-stored', '0');
  await expect(page.getByTestId('task-row').first()).toBeVisible();
  await topShot(page, testInfo, 'tasks-sampled');

  // One domain's tasks; a task that writes, in full.
  const domain = await domainForRun(page, 10);
  await page.getByTestId('task-domain').filter({ has: page.getByRole('button', { name: domain, exact: true }) }).getByRole('button').click();
  await expect(page.getByRole('table', { name: 'Tasks', exact: true })).toBeVisible();
  await expect(page.getByText(`Tasks of ${domain}`)).toBeVisible();
  await page.locator('[data-testid=task-row][data-read-only=false]').first().getByRole('link').click();
  await expect(page.getByTestId('task-view')).toBeVisible();
  await expect(page.getByTestId('gold-call').first()).toBeVisible();
  await page.getByTestId('gold-call').first().getByRole('button').click();
  const tables = page.getByTestId('state-table');
  const orders = tables.filter({ hasText: /^orders/ });
  await ((await orders.count()) ? orders.first() : tables.first()).getByRole('button').first().click();
  await expect(page.getByRole('table', { name: /^Rows of / })).toBeVisible();
  await expect(page.getByTestId('state-diff')).not.toHaveAttribute('data-changes', '0');
  await topShot(page, testInfo, 'task');

  // A run of exactly ten offline rollouts: one domain, ten tasks.
  const row = await launchRun(page, { domain, n: 10 });
  const progress = row.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('data-total', '10');
  await expect(progress).toHaveAttribute('data-done', '10', { timeout: 180_000 });
  await expect(progress).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('run-passed')).toContainText(/\d+ of 10/);
  await topShot(page, testInfo, 'runs-finished');

  // The run: its header and its ten trajectories.
  // The launch notice closes by itself; the run's screenshot should not carry it.
  await expect(page.getByText(/^Launched /)).toBeHidden({ timeout: 15_000 });
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('run-header')).toBeVisible();
  await expect(page.getByTestId('run-header').getByTestId('run-progress')).toHaveAttribute('data-done', '10');
  await expect(page.getByTestId('trajectory-row')).toHaveCount(10);
  // Each tab's count is the number of rows it shows.
  const tabs = page.getByTestId('outcome-filter');
  await expect(tabs.locator('label', { hasText: /^All/ })).toHaveText('All 10');
  for (const tab of ['Passed', 'Failed']) {
    const label = tabs.locator('label', { hasText: new RegExp(`^${tab} \\d+$`) });
    const n = Number((await label.textContent())!.replace(/\D+/g, ''));
    await label.click();
    await expect(page.getByTestId('trajectory-row')).toHaveCount(n);
    await expect(page.locator(`[data-testid=trajectory-row][data-passed=${tab === 'Passed' ? 'false' : 'true'}]`)).toHaveCount(0);
  }
  await tabs.locator('label', { hasText: /^All/ }).click();
  await expect(page.getByTestId('trajectory-row')).toHaveCount(10);
  await topShot(page, testInfo, 'run');

  // A trajectory whose task writes: a step of a write call shows the rows it changed.
  const writing = page.locator('[data-testid=trajectory-row][data-read-only=false]');
  await expect(writing.first()).toBeVisible();
  await writing.first().click();
  await expect(page.getByTestId('filter-validity')).toBeVisible();
  await expect(page.getByTestId('filter-state')).toBeVisible();
  await expect(page.getByTestId('filter-exact')).toBeVisible();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByTestId('step').first()).toBeVisible();
  const changed = timeline.locator('[data-testid=step]:not([data-changes="0"])').first();
  await expect(changed).toBeVisible();
  await expect(changed.getByTestId('state-diff')).not.toHaveAttribute('data-changes', '0');
  await expect(page.getByTestId('final-vs-gold')).toBeVisible();
  await topShot(page, testInfo, 'trajectory');

  // j and k walk the run's trajectories.
  const here = page.url();
  const next = page.getByTestId('next-trajectory');
  if (await next.count()) {
    await page.keyboard.press('j');
    await expect(page).not.toHaveURL(here);
    await expect(page.getByTestId('timeline')).toBeVisible();
    await page.keyboard.press('k');
    await expect(page).toHaveURL(here);
  }
  await page.getByTestId('back-to-run').click();
  await expect(page.getByTestId('run-header')).toBeVisible();
});

test('a run with every noise switch on: failed trajectories say which filter failed, malformed calls are shown raw', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/tasks');
  const domain = await domainForRun(page, 10);

  const row = await launchRun(page, { domain, n: 10, noise: 'every', name: 'every noise' });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-done', '10', { timeout: 180_000 });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('run-validity')).not.toContainText('10 of 10');

  await expect(page.getByText(/^Launched /)).toBeHidden({ timeout: 15_000 });
  await row.getByRole('link').first().click();
  await page.getByTestId('outcome-filter').locator('label', { hasText: /^Failed validity/ }).click();
  const failed = page.locator('[data-testid=trajectory-row][data-passed=false]');
  await expect(failed.first()).toBeVisible();
  // The verification outcome is "failed"; "rejected" is kept for a reviewer's verdict.
  await expect(failed.first()).toContainText('failed');
  await expect(failed.first()).not.toContainText('rejected');
  await expect(failed.first()).toContainText('validity');
  await expect(page.locator('[data-testid=trajectory-row][data-passed=true]')).toHaveCount(0);
  await topShot(page, testInfo, 'run-noise');

  await failed.first().click();
  await expect(page.getByTestId('filter-validity')).toHaveAttribute('data-pass', 'false');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('verdict-badge')).toHaveText('failed');
  await expect(page.getByTestId('malformed-arguments').first()).toBeVisible();
  // Which turns exports train on: the malformed call is kept as context only, the rest is trained on.
  await expect(page.getByTestId('training-legend')).toBeVisible();
  const mistaken = page.getByTestId('message-assistant').filter({ has: page.getByTestId('malformed-arguments') });
  await expect(mistaken.first().getByTestId('trained-badge')).toHaveAttribute('data-trained', 'false');
  await expect(mistaken.first().getByTestId('trained-badge')).toHaveText('not trained: injected mistake');
  await expect(page.locator('[data-testid=trained-badge][data-trained=true]').first()).toHaveText('trained');
  await topShot(page, testInfo, 'trajectory-noise');
});
