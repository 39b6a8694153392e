import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, prepareEnvironments, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/** Replaces the whole text of the Monaco editor the way a person does: select all, paste. */
async function replaceCode(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('code-editor').first().locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(page)).toBe(text);
}

/** The editor's whole text (the DOM shows only the lines in view). */
async function editorText(page: Page) {
  await page.waitForFunction(() => ((window as unknown as { monaco?: { editor: { getEditors(): unknown[] } } }).monaco?.editor.getEditors().length ?? 0) > 0);
  return page.evaluate(() => (window as unknown as { monaco: { editor: { getEditors(): Array<{ getValue(): string }> } } }).monaco.editor.getEditors()[0]!.getValue());
}

test('generate an environment, break a tool and see validation fail, fix it, and try it with a state diff', async ({ page, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await prepareEnvironments(page);
  await screenshot(page, testInfo, 'environments');

  // The domain with the most tools; its first write tool.
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  await expect(page.getByTestId('validation-summary')).toBeVisible();
  const write = page.getByTestId('env-tool').filter({ hasText: 'write' }).first();
  await write.click();
  const name = (await write.innerText()).split('\n').pop()!.trim();
  await expect(page.getByTestId('tool-check')).toContainText('Passes validation');
  const original = await editorText(page);

  // Break it: validation of the saved version names the error.
  await replaceCode(page, "(db, args) => { throw new Error('broken on purpose'); }");
  await page.getByLabel('What changed').fill(`break ${name}`);
  await page.getByRole('button', { name: /^Save as version/ }).click();
  await expect(page.getByTestId('tool-check')).toContainText('Fails validation', { timeout: 30_000 });
  await expect(page.getByTestId('tool-check')).toContainText('broken on purpose');
  await expect(write).toHaveAttribute('data-status', 'fail');
  await screenshot(page, testInfo, 'environment-failing', { fullPage: false });

  // Fix it: the next version passes again.
  await replaceCode(page, original);
  await page.getByLabel('What changed').fill(`fix ${name}`);
  await page.getByRole('button', { name: /^Save as version/ }).click();
  await expect(page.getByTestId('tool-check')).toContainText('Passes validation', { timeout: 30_000 });
  await expect(write).toHaveAttribute('data-status', 'pass');

  // Try it: the sampled arguments are filled in; running shows the rows it changed.
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('try-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('state-diff')).not.toHaveAttribute('data-changes', '0');
  await page.getByTestId('state-diff').scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'environment-try', { fullPage: false });

  await page.getByRole('tab', { name: /Versions/ }).click();
  await page.getByRole('button', { name: 'Compare with current' }).first().click();
  await expect(page.getByTestId('version-diff')).toBeVisible();
});

test('download a version as one file and import it back as a new version; a broken file is refused, saying where', async ({ page }) => {
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  const version = page.getByTestId('env-version');
  await expect(version).toBeVisible();
  const before = Number(await version.getAttribute('data-number'));

  const download = page.waitForEvent('download');
  await page.getByTestId('env-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`-v${before}\\.environment\\.json$`));
  const text = fs.readFileSync((await file.path())!, 'utf8');

  await page.getByTestId('env-import-input').setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByText(`Imported version ${before + 1}`)).toBeVisible({ timeout: 30_000 });
  await expect(version).toHaveAttribute('data-number', String(before + 1));
  await expect(page.getByTestId('validation-summary')).toBeVisible();

  // A tool without code: refused, naming the file and the JSON path; no new version.
  const broken = JSON.parse(text) as { environment: { content: { tools: Array<{ code?: string }> } } };
  delete broken.environment.content.tools[0]!.code;
  await page.getByTestId('env-import-input').setInputFiles({ name: 'broken.environment.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('env-import-error')).toContainText('broken.environment.json: environment.content.tools[0].code');
  await expect(version).toHaveAttribute('data-number', String(before + 1));
});
