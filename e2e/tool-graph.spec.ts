import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { sharedData } from '../server/testing/shared-data';
import { confirmRebuildIfAsked, dropFiles, expect, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/**
 * The Graph page's tool graph, on the fresh studio (after the stakeholder demo, or alone: then it
 * loads the demo itself): the demo's 51 tools coloured by domain, then the Discord API (242
 * operations) imported and the graph rebuilt; a tool found by search, its domain opened from it.
 */

type Cy = { nodes: (sel?: string) => Array<{ id: () => string; position: () => { x: number; y: number } }> };

/** Node positions as drawn (the instance Cytoscape keeps on its container). */
async function positions(page: Page) {
  return page.getByTestId('cytoscape').evaluate((el) => {
    // Right after a reload the container can be on the page before Cytoscape has mounted on it.
    const cy = (el as unknown as { _cyreg?: { cy: Cy } })._cyreg?.cy;
    return cy ? Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()])) : null;
  });
}

/** Where on the page an element of the graph is drawn (a node's centre, an edge's midpoint). */
async function pointOf(page: Page, selector: string) {
  const box = (await page.getByTestId('cytoscape').boundingBox())!;
  const p = await page.getByTestId('cytoscape').evaluate((el, sel) => {
    const cy = (
      el as unknown as {
        _cyreg: {
          cy: {
            $: (s: string) => {
              first: () => { isEdge: () => boolean; renderedMidpoint: () => { x: number; y: number }; renderedPosition: () => { x: number; y: number } };
            };
          };
        };
      }
    )._cyreg.cy;
    const e = cy.$(sel).first();
    return e.isEdge() ? e.renderedMidpoint() : e.renderedPosition();
  }, selector);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** The graph's first frame is on screen (CytoscapeView marks its container). */
const drawn = (page: Page) => expect(page.locator('[data-testid=cytoscape][data-drawn=true]')).toBeVisible();

const search = (page: Page) => page.getByRole('textbox', { name: 'Find a tool or domain' });

async function buildGraph(page: Page) {
  await page.goto('/graph');
  await page.getByRole('button', { name: 'Build graph' }).click();
  await confirmRebuildIfAsked(page);
  await expect(page.getByTestId('graph-job')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
}

test('the demo as a tool graph coloured by domain, the same on every visit, searchable, with edge reasons on hover', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/graph');
  const stats = page.getByTestId('graph-stats');
  await expect(stats.or(page.getByText('No tool graph built'))).toBeVisible();
  if (!(await stats.isVisible())) {
    await page.goto('/');
    await page.getByTestId('load-demo').getByRole('button', { name: 'Load demo' }).click();
    await expect(page.getByTestId('demo-result')).toContainText('51 tools in 5 domains', { timeout: 180_000 });
    await page.goto('/graph');
  }
  await expect(page.getByTestId('stat-tools')).toHaveText('51');

  // Tools, not domains: 51 nodes in five colours, a legend naming each domain.
  await expect(page.getByRole('img', { name: /^Tool graph: 51 tools coloured by domain, \d+ edges$/ })).toBeVisible();
  const legend = page.getByTestId('graph-legend').getByRole('listitem');
  await expect(legend).toHaveCount(5);
  await expect(legend.first()).toContainText(/\(\d+\)$/);
  await drawn(page);
  const before = await positions(page);
  expect(Object.keys(before ?? {}).length).toBeGreaterThanOrEqual(51);
  await screenshot(page, testInfo, 'graph-tools-demo');

  // A second visit draws the same picture.
  await page.reload();
  await expect(page.getByTestId('graph-legend').getByRole('listitem')).toHaveCount(5);
  await drawn(page);
  await expect.poll(() => positions(page)).toEqual(before);

  // Hovering an edge tells why the build joined the two tools.
  await page.mouse.move(...(Object.values(await pointOf(page, 'edge[forward = 1]')) as [number, number]));
  await expect(page.getByTestId('graph-tooltip')).toContainText('→');
  await expect(page.getByTestId('graph-tooltip')).not.toContainText('Loading');
  await page.mouse.move(0, 0);

  // Headless Chromium renders WebGL in software, where the page draws with the canvas renderer
  // (faster there, bench/graph-frames.ts); asked for, it draws with WebGL.
  await expect(page.locator('canvas[data-id=layer3-webgl]')).toHaveCount(0);
  await page.goto('/graph?renderer=webgl');
  await drawn(page);
  await expect(page.locator('canvas[data-id=layer3-webgl]')).toHaveCount(1);
  await expect.poll(() => positions(page)).toEqual(before);

  // Search by keyboard: "/" focuses it, the count and the first match show, Enter moves on, and the URL keeps it.
  await page.keyboard.press('/');
  await expect(search(page)).toBeFocused();
  await page.keyboard.type('order');
  await expect(page.getByTestId('graph-search-result')).toHaveText(/^\d+ matches: \d+ tools?(, 1 domain)? · 1 of \d+ \(Enter: next\)$/);
  const first = await page.getByTestId('graph-selected').locator('p').first().textContent();
  expect(first).toMatch(/order/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('graph-search-result')).toContainText('· 2 of');
  await expect(page.getByTestId('graph-selected').locator('p').first()).not.toHaveText(first!);
  await expect(page).toHaveURL(/[?&]q=order/);
  await page.reload();
  await expect(search(page)).toHaveValue('order');
  await expect(page.getByTestId('graph-selected')).toBeVisible();

  await search(page).fill('ferry timetable');
  await expect(page.getByTestId('graph-search-result')).toHaveText('No tool or domain named “ferry timetable”');
  await search(page).press('Escape');
  await expect(search(page)).toHaveValue('');
});

test('Discord imported and the graph rebuilt: its tools coloured by domain; a tool found by search opens its domain', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/collections');
  await dropFiles(page, [{ name: 'discord_openapi.json', content: fs.readFileSync(sharedData('openapi', 'discord_openapi.json'), 'utf8') }]);
  await page.getByRole('button', { name: 'Import 1 collection' }).click();
  await expect(page.getByTestId('import-job')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await buildGraph(page);
  await expect(page.getByTestId('stat-tools')).toHaveText('293');
  await expect(page.getByRole('img', { name: /^Tool graph: 293 tools coloured by domain/ })).toBeVisible();
  expect(await page.getByTestId('graph-legend').getByRole('listitem').count()).toBeGreaterThan(10);
  await drawn(page);
  await screenshot(page, testInfo, 'graph-tools-discord');

  // Find a tool: the matches are counted, the first is selected, its card names its domain.
  await search(page).fill('guild member');
  await expect(page.getByTestId('graph-search-result')).toHaveText(/^\d+ matches: \d+ tools · 1 of \d+/);
  await search(page).press('Enter');
  const card = page.getByTestId('graph-selected');
  await expect(card).toContainText('guild_member');
  await screenshot(page, testInfo, 'graph-tools-search');
  const link = card.getByRole('link', { name: /^Open its domain “.+” →$/ });
  const domain = (await link.textContent())!.match(/“(.+)”/)![1]!;
  await link.click();
  await expect(page).toHaveURL(/\/domains\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('domain-name')).toHaveText(domain);

  // The domain overview: click a domain to zoom into its tools; the link back survives a reload.
  await page.goto('/graph?view=domains');
  await expect(page.getByRole('img', { name: /^Overview: \d+ domains/ })).toBeVisible();
  await drawn(page);
  const target = await pointOf(page, 'node');
  await page.mouse.click(target.x, target.y);
  await expect(page).toHaveURL(/[?&]domain=[0-9a-f-]{36}/);
  await expect(page.getByRole('img', { name: /^Tool graph: \d+ tools coloured by domain/ })).toBeVisible();
  // At the narrower width the page is also made for.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
  await expect(page.getByTestId('graph-domain')).toBeVisible();
  await expect(page.getByRole('button', { name: 'All domains' })).toBeVisible();
  await drawn(page);
  await screenshot(page, testInfo, 'graph-tools-domain');
  await page.getByTestId('graph-domain').getByRole('link', { name: 'open its page →' }).click();
  await expect(page).toHaveURL(/\/domains\/[0-9a-f-]{36}$/);
});
