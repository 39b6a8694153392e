import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { sharedData } from '../server/testing/shared-data';
import { confirmRebuildIfAsked, dropFiles, expect, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

async function buildGraph(page: Page) {
  await page.goto('/graph');
  await page.getByRole('button', { name: 'Build graph' }).click();
  await confirmRebuildIfAsked(page);
  await expect(page.getByTestId('graph-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(page.getByTestId('graph-stats')).toBeVisible();
}

/** The names listed in the open domain's tool checklist. */
async function toolNames(page: Page) {
  const list = page.getByLabel('Tools in this domain');
  await expect(list.getByRole('checkbox').first()).toBeVisible();
  return (await list.getByRole('button').allTextContents()).sort();
}

test('build the graph, curate a domain with undo, lock it, and a rebuild keeps it', async ({ page }, testInfo) => {
  // Two graph builds over everything earlier specs imported: slower than one minute on a busy machine.
  test.setTimeout(180_000);
  // Two τ-bench tool sets give domains of both kinds.
  await page.goto('/collections');
  await dropFiles(page, [
    { name: 'retail_tools.json', content: fs.readFileSync(sharedData('taubench', 'retail', 'tools.json'), 'utf8') },
    { name: 'airline_tools.json', content: fs.readFileSync(sharedData('taubench', 'airline', 'tools.json'), 'utf8') },
  ]);
  await expect(page.getByTestId('upload-preview')).toHaveCount(2);
  await page.getByRole('button', { name: 'Import 2 collections' }).click();
  await expect(page.locator('[data-testid=import-job][data-status=completed]')).toHaveCount(2, { timeout: 30_000 });

  await buildGraph(page);
  await expect(page.getByTestId('stat-domains')).not.toHaveText('0');
  // The page opens on the tool graph, coloured by domain; the domain overview is one switch away.
  await expect(page.getByRole('img', { name: /^Tool graph: \d+ tools coloured by domain/ })).toBeVisible();
  await page.locator('label', { hasText: /^Domains$/ }).click();
  await expect(page).toHaveURL(/[?&]view=domains/);
  await expect(page.getByRole('img', { name: /^Overview: \d+ domains/ })).toBeVisible();
  // CytoscapeView marks its container once the first frame is on screen.
  await expect(page.locator('[data-testid=cytoscape][data-drawn=true]')).toBeVisible();
  await screenshot(page, testInfo, 'graph-overview');

  // Open the largest domain.
  await page.goto('/domains');
  const first = page.getByRole('table', { name: 'Domains' }).getByRole('link').first();
  const domainName = (await first.textContent())!;
  await first.click();
  await expect(page.getByTestId('domain-name')).toHaveText(domainName);
  const domainUrl = page.url();
  const before = await toolNames(page);
  expect(before.length).toBeGreaterThan(1);

  // Move one tool to another domain, then undo.
  const moved = before[0]!;
  await page.getByRole('checkbox', { name: `Select ${moved}` }).check();
  await page.getByRole('combobox', { name: 'Move selected tools to' }).click();
  await page.getByRole('option').nth(1).click();
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByTestId('last-change')).toContainText(`Moved “${moved}” to`);
  await expect.poll(() => toolNames(page)).not.toContain(moved);
  await screenshot(page, testInfo, 'domain-view');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => toolNames(page)).toEqual(before);
  await expect(page.getByTestId('last-change')).toHaveText('No changes to undo');

  // Lock it, then rebuild with another τ: the locked domain stays as it is.
  // The switch shows the saved state: it turns on once the change is stored.
  await page.getByRole('switch', { name: /Locked/ }).click();
  await expect(page.getByRole('switch', { name: /Locked/ })).toBeChecked();
  await expect(page.getByTestId('last-change')).toContainText(`Locked “${domainName}”`);
  await page.goto('/graph');
  const slider = page.getByRole('slider', { name: 'Similarity threshold' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('button', { name: 'Build graph' }).click();
  await confirmRebuildIfAsked(page);
  await expect(page.getByTestId('graph-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });

  await page.goto(domainUrl);
  await expect(page.getByTestId('domain-name')).toHaveText(domainName);
  await expect(page.getByRole('switch', { name: /Locked/ })).toBeChecked();
  expect(await toolNames(page)).toEqual(before);
});

test('a tool dropped from a domain is listed on the Domains page and can be brought back; undo reverses that', async ({ page }, testInfo) => {
  await page.goto('/domains');
  await page.getByRole('table', { name: 'Domains' }).getByRole('link').nth(1).click();
  const tool = (await toolNames(page))[0]!;
  await page.getByRole('checkbox', { name: `Select ${tool}` }).check();
  await page.getByRole('button', { name: 'Drop from the graph' }).click();
  await expect(page.getByTestId('last-change')).toContainText(`Dropped “${tool}” from the graph`);

  await page.goto('/domains');
  const panel = page.getByRole('region', { name: 'Tools outside the domains' });
  await panel.getByText(/^Dropped \(\d+\)$/).click();
  const dropped = panel.getByRole('table', { name: 'Dropped tools' });
  await expect(dropped).toContainText(tool);
  await panel.getByRole('textbox', { name: 'Search tools outside the domains' }).fill(tool);
  await expect(dropped.getByTestId('outside-tool')).toHaveCount(1);
  await panel.getByRole('checkbox', { name: `Select ${tool}` }).check();
  await screenshot(page, testInfo, 'domains-outside');
  await panel.getByRole('button', { name: /^Bring back 1 as unassigned$/ }).click();
  await expect(page.getByTestId('last-change')).toContainText(`Moved “${tool}” to unassigned`);
  await expect(panel.getByTestId('outside-empty')).toBeVisible();
  await panel.getByText(/^Unassigned \(\d+\)$/).click();
  await expect(panel.getByRole('table', { name: 'Unassigned tools' })).toContainText(tool);

  // Undo: dropped again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await panel.getByText(/^Dropped \(\d+\)$/).click();
  await expect(panel.getByRole('table', { name: 'Dropped tools' })).toContainText(tool);

  // Brought back for good: later specs build over every tool of its collection.
  await panel.getByRole('textbox', { name: 'Search tools outside the domains' }).fill(tool);
  await panel.getByRole('checkbox', { name: `Select ${tool}` }).check();
  await panel.getByRole('button', { name: /^Bring back 1 as unassigned$/ }).click();
  await expect(page.getByTestId('last-change')).toContainText(`Moved “${tool}” to unassigned`);
});

test('merge two domains into one from its page; undo splits them apart again', async ({ page }) => {
  await page.goto('/domains');
  const links = page.getByRole('table', { name: 'Domains' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await links.first().click();
  const before = await toolNames(page);

  const picker = page.getByRole('combobox', { name: 'Domains to merge into this one' });
  await picker.click();
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options.first()).toBeVisible();
  const names = (await options.allTextContents()).slice(0, 2);
  for (const name of names) await page.getByRole('option', { name }).click();
  await expect(page.getByRole('button', { name: 'Merge 2' })).toBeEnabled();
  await page.getByRole('button', { name: 'Merge 2' }).click();
  await expect(page.getByTestId('last-change')).toContainText(/^Last change: Merged “.+”, “.+” into /);
  await expect.poll(async () => (await toolNames(page)).length).toBeGreaterThan(before.length);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => toolNames(page)).toEqual(before);
  await page.goto('/domains');
  await expect(page.getByRole('table', { name: 'Domains' }).getByRole('link')).toHaveCount(count);
});

test('keep a collection whole: chosen on the build form, its tools become one locked domain named after it', async ({ page }, testInfo) => {
  // A graph build over everything earlier specs imported, on a busy machine.
  test.setTimeout(180_000);
  const name = 'retail_tools';
  await page.goto('/collections');
  const row = page
    .getByRole('table', { name: 'Collections' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('kept-whole')).toHaveCount(0);
  const tools = Number((await row.getByRole('cell').nth(2).textContent())!.replace(/\D/g, ''));
  expect(tools).toBe(16);

  await page.goto('/graph');
  await page.getByRole('combobox', { name: 'Keep whole' }).click();
  await page.getByRole('option', { name: `${name} (16 tools)` }).click();
  await page.keyboard.press('Escape');
  // The preview already counts the collection as one domain.
  await expect(page.getByTestId('graph-preview')).toContainText(/domains/);
  await page.getByRole('button', { name: 'Build graph' }).click();
  await confirmRebuildIfAsked(page);
  await expect(page.getByTestId('graph-job')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('keep-whole')).toContainText(name);

  // One domain named after the collection, locked, with every one of its tools.
  await page.goto('/domains');
  const link = page.getByRole('table', { name: 'Domains' }).getByRole('link', { name, exact: true });
  await expect(link).toHaveCount(1);
  await link.click();
  await expect(page.getByTestId('domain-name')).toHaveText(name);
  await expect(page.getByRole('switch', { name: /Locked/ })).toBeChecked();
  const names = await toolNames(page);
  const expected = (JSON.parse(fs.readFileSync(sharedData('taubench', 'retail', 'tools.json'), 'utf8')) as Array<{ function: { name: string } }>)
    .map((t) => t.function.name)
    .sort();
  expect(names).toEqual(expected);

  // The collections list says so, and the choice is remembered by the next build's form.
  await page.goto('/collections');
  await expect(row.getByTestId('kept-whole')).toHaveText('kept whole');
  await page.goto('/graph');
  await expect(page.getByTestId('keep-whole')).toContainText(name);
  await expect(page.locator('[data-testid=cytoscape][data-drawn=true]')).toBeVisible();
  await screenshot(page, testInfo, 'graph-keep-whole');
});
