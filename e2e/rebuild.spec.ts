import type { Page } from '@playwright/test';
import { expect, prepareEnvironments, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/** The names of today's domains, as the Domains page lists them. */
async function domainNames(page: Page) {
  await page.goto('/domains');
  const links = page.getByRole('table', { name: 'Domains' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  return (await links.allTextContents()).sort();
}

test('a rebuild that would retire domains with environments says what changes and asks first; cancelling changes nothing', async ({ page }, testInfo) => {
  // Import, build, environments for every domain, then two dry runs: slower than a minute on a busy machine.
  test.setTimeout(240_000);
  await prepareEnvironments(page);
  const before = await domainNames(page);

  // Settings under which no community is big enough: every unlocked domain would be retired.
  await page.goto('/graph');
  await page.getByRole('textbox', { name: 'Min domain size' }).fill('10000');
  await page.getByRole('button', { name: 'Build graph' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rebuild and retire curated domains?' });
  await expect(dialog).toBeVisible({ timeout: 120_000 });
  await expect(dialog).toContainText(/“.+” \(\d+ environment versions?.*\) will move to “from a previous build”\./);
  await expect(dialog).toContainText('Nothing is deleted');
  // The safe answer has the focus: Enter or Escape right away builds nothing.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, testInfo, 'rebuild-confirm', { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('graph-job')).toHaveCount(0);

  // Asked again, answered from the keyboard: Tab to the choice, Enter on Cancel.
  await page.getByRole('button', { name: 'Build graph' }).click();
  await expect(dialog).toBeVisible({ timeout: 120_000 });
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Rebuild anyway' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('graph-job')).toHaveCount(0);
  expect(await domainNames(page)).toEqual(before);
});

test('a rebuild that finds every curated domain again starts without asking', async ({ page }) => {
  test.setTimeout(180_000);
  const before = await domainNames(page);
  await page.goto('/graph');
  await page.getByRole('button', { name: 'Build graph' }).click();
  await expect(page.getByTestId('graph-job')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('rebuild-plan-dialog')).toHaveCount(0);
  expect(await domainNames(page)).toEqual(before);
});
