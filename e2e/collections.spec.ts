import fs from 'node:fs';
import { sharedData } from '../server/testing/shared-data';
import { dropFiles, expect, screenshot, test } from './fixtures';

const PETSTORE = sharedData('openapi', 'swagger_petstore_v3_openapi.yaml');

test.describe.configure({ mode: 'serial' });

test('dropping the Swagger petstore previews 19 tools, imports them and lists them in the tools table', async ({ page }, testInfo) => {
  await page.goto('/collections');
  await dropFiles(page, [{ name: 'swagger_petstore_v3_openapi.yaml', content: fs.readFileSync(PETSTORE, 'utf8') }]);

  const preview = page.getByTestId('upload-preview').filter({ hasText: 'swagger_petstore_v3_openapi.yaml' });
  await expect(preview.getByTestId('preview-tool-count')).toHaveText('19 tools');
  await expect(preview).toContainText('OpenAPI 3');
  await screenshot(page, testInfo, 'collections-preview');

  await page.getByRole('button', { name: 'Import 1 collection' }).click();
  const job = page.getByTestId('import-job');
  await expect(job).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(job).toContainText('19 tools');
  await expect(page.getByRole('table', { name: 'Collections' })).toContainText('Swagger Petstore - OpenAPI 3.0');
  await screenshot(page, testInfo, 'collections');

  await job.getByRole('link', { name: 'Show its tools' }).click();
  await expect(page.getByTestId('tool-count')).toHaveText('19 tools');
  const rows = page.getByRole('grid', { name: 'Tools' }).locator('[role=row][data-index]');
  await expect(rows).toHaveCount(19);
  await expect(rows.first()).toContainText('addPet');

  // Search narrows the table; the write filter keeps only writes.
  await page.getByLabel('Search tools').fill('order');
  await expect(page.getByTestId('tool-count')).toHaveText(/^[1-9] tools?$/);
  for (const text of await rows.allTextContents()) expect(text.toLowerCase()).toContain('order');
  await page.getByLabel('Search tools').fill('');
  await expect(page.getByTestId('tool-count')).toHaveText('19 tools');
  await screenshot(page, testInfo, 'tools');

  // Keyboard: focus the first row, Enter opens the drawer with the schema and source.
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('tool-drawer');
  await expect(drawer.getByTestId('tool-source')).toContainText('swagger_petstore_v3_openapi.yaml#/paths/~1pet/post');
  await expect(drawer.getByTestId('op-reason')).toHaveText('HTTP POST');
  await expect(drawer.getByTestId('code-editor')).toContainText('"properties"');
  await screenshot(page, testInfo, 'tool-drawer');

  // A person can override read/write; the reason then says what was detected.
  await drawer.getByText('Read', { exact: true }).click();
  await expect(drawer.getByTestId('op-reason')).toHaveText('set by hand; detected write: HTTP POST');
  await drawer.getByText(/^Detected/).click();
  await expect(drawer.getByTestId('op-reason')).toHaveText('HTTP POST');
});

test('an invalid file shows its located error inline and cannot be imported', async ({ page }, testInfo) => {
  await page.goto('/collections');
  // "version" is indented one column short of "title": line 4, column 1.
  const broken = 'openapi: 3.0.0\ninfo:\n  title: Broken\n version: 1\npaths: {}\n';
  await dropFiles(page, [{ name: 'broken.yaml', content: broken }]);
  const error = page.getByTestId('upload-preview').filter({ hasText: 'broken.yaml' }).getByTestId('upload-error');
  await expect(error).toContainText('broken.yaml, line 4, column 1');
  await expect(error).toContainText('not valid YAML: All mapping items must start at the same column');
  await expect(page.getByRole('button', { name: 'Import 0 collections' })).toBeDisabled();
  await screenshot(page, testInfo, 'collections-error');
});

test('dropping the same file again offers to replace the earlier import', async ({ page }) => {
  await page.goto('/collections');
  await dropFiles(page, [{ name: 'swagger_petstore_v3_openapi.yaml', content: fs.readFileSync(PETSTORE, 'utf8') }]);
  const preview = page.getByTestId('upload-preview').filter({ hasText: 'swagger_petstore_v3_openapi.yaml' });
  await expect(preview).toContainText('Already imported as “Swagger Petstore - OpenAPI 3.0”');
  await page.getByRole('button', { name: 'Import 1 collection' }).click();
  await expect(page.getByTestId('import-job')).toContainText('replacing the earlier import', { timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Collections' }).getByRole('row')).toHaveCount(2);
});

test('pasted text stays in the box after Preview, to fix or import; the same text is not previewed twice', async ({ page }) => {
  await page.goto('/collections');
  await page.getByRole('tab', { name: 'Paste' }).click();
  const box = page.getByRole('textbox', { name: 'Pasted collection' });
  const tools = JSON.stringify([
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather for a city.',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ]);
  await box.fill(tools);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('upload-preview').last();
  await expect(preview.getByTestId('preview-tool-count')).toHaveText('1 tool');
  await expect(box).toHaveValue(tools);
  await expect(page.getByTestId('paste-previewed')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Preview', exact: true })).toBeDisabled();

  // An edit can be previewed again; clearing the previews clears nothing the user typed.
  await box.fill(tools.replace('get_weather', 'get_forecast'));
  await expect(page.getByRole('button', { name: 'Preview', exact: true })).toBeEnabled();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByTestId('upload-previews')).toBeHidden();
  await expect(box).toHaveValue(/get_forecast/);
  await page.getByRole('button', { name: 'Clear text' }).click();
  await expect(box).toHaveValue('');
});
