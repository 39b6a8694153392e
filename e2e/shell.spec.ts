import { expect, screenshot, test } from './fixtures';

const PIPELINE = ['Collections', 'Graph', 'Domains', 'Environments', 'Tasks', 'Runs', 'Review', 'Exports', 'Evaluate'];

test('health says the embedded database and its migration', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.ok()).toBe(true);
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'pglite', migration: expect.stringMatching(/^\d{4}_\w+/), pendingMigrations: 0 });
});

test('the overview links every stage of the pipeline', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'From API collections to verified trajectories' })).toBeVisible();
  await expect(page.getByTestId('stage-card')).toHaveCount(PIPELINE.length);
  await expect(page.getByTestId('database-kind')).toHaveText('embedded PGlite');
  await screenshot(page, testInfo, 'overview');
});

// One page walks the navigation, as a person does: each stage is reached by a click (client-side),
// not by a fresh load of the whole app.
test('every stage page loads from the navigation with its empty state or first step', async ({ page }, testInfo) => {
  await page.goto('/');
  for (const label of PIPELINE) {
    await test.step(label, async () => {
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: new RegExp(`^${label}`) })
        .click();
      await expect(page).toHaveURL(new RegExp(`/${label.toLowerCase()}$`));
      await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
      // Stages that have been built show their content once earlier specs gave them data; the others
      // their empty state with the step that comes first.
      const content = page
        .getByTestId('empty-state')
        .or(page.getByTestId('dropzone'))
        .or(page.getByTestId('graph-stats'))
        .or(page.getByRole('table', { name: 'Domains' }))
        .or(page.getByRole('table', { name: 'Environments' }))
        .or(page.getByRole('table', { name: 'Tasks per domain' }))
        .or(page.getByRole('table', { name: 'Runs' }))
        .or(page.getByTestId('review-filters'))
        .or(page.getByRole('table', { name: 'Exports' }))
        .or(page.getByRole('table', { name: 'Evaluations' }));
      await expect(content.first()).toBeVisible();
      await expect(page).toHaveTitle(`${label} · Environment Studio`);
      await screenshot(page, testInfo, label.toLowerCase());
    });
  }
});

test('Settings shows the effective configuration in Monaco, served locally', async ({ page }, testInfo) => {
  const monacoRequests: string[] = [];
  page.on('request', (r) => r.url().includes('/monaco/vs/') && monacoRequests.push(r.url()));
  await page.goto('/settings');
  const editor = page.locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await expect(editor.locator('.view-lines')).toContainText('"kind": "pglite"');
  await expect(editor.locator('.view-lines')).toContainText('"mode": "offline"');
  expect(monacoRequests.length).toBeGreaterThan(0);
  await screenshot(page, testInfo, 'settings');
  // Read-only: typing changes nothing.
  await editor.click();
  await page.keyboard.type('xyz');
  await expect(editor.locator('.view-lines')).not.toContainText('xyz');
});

test('an unknown address shows a way back', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByText('Page not found')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the overview' }).click();
  await expect(page).toHaveURL(/\/$/);
});
