import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { escapeRegExp, expect, prepareEnvironments, screenshot, test } from './fixtures';

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
  return page.evaluate(() =>
    (window as unknown as { monaco: { editor: { getEditors(): Array<{ getValue(): string }> } } }).monaco.editor.getEditors()[0]!.getValue(),
  );
}

/** The texts of the diff editor now shown (before, after), once it has its models. */
async function diffTexts(page: Page) {
  type DiffEditors = { editor: { getDiffEditors(): Array<{ getModel(): { original: { getValue(): string }; modified: { getValue(): string } } | null }> } };
  await page.waitForFunction(() => (window as unknown as { monaco?: DiffEditors }).monaco?.editor.getDiffEditors().some((d) => d.getModel()) ?? false);
  return page.evaluate(() => {
    const d = (window as unknown as { monaco: DiffEditors }).monaco.editor.getDiffEditors().find((x) => x.getModel())!;
    return { before: d.getModel()!.original.getValue(), after: d.getModel()!.modified.getValue() };
  });
}

type Drawn = {
  zoom: number;
  nodes: Array<{ id: string; label: string; x: number; y: number }>;
  edges: Array<{ source: string; target: string; label: string }>;
};

/** What the schema diagram drew: Cytoscape keeps its instance on its container, so read where each table is. */
async function drawnDiagram(page: Page): Promise<Drawn> {
  return page.getByTestId('schema-diagram').evaluate((el): Drawn => {
    const cy = (el as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return {
      zoom: cy.zoom(),
      nodes: cy.nodes().map((n) => ({ id: n.id(), label: String(n.data('label')), ...n.renderedPosition() })),
      edges: cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id(), label: String(e.data('label')) })),
    };
  });
}

test('generate an environment, see a broken tool fail while typing, save it only after confirming, fix it, and try it with a state diff', async ({
  page,
  context,
}, testInfo) => {
  // Generation, three validated saves and live checks: longer than the default on a loaded machine.
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await prepareEnvironments(page);
  await screenshot(page, testInfo, 'environments');

  // The domain with the most tools; its first write tool.
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  await expect(page.getByTestId('validation-summary')).toBeVisible();
  const version = page.getByTestId('env-version');
  const first = Number(await version.getAttribute('data-number'));
  const write = page.getByTestId('env-tool').filter({ hasText: 'write' }).first();
  await write.click();
  const name = (await write.innerText()).split('\n').pop()!.trim();
  await expect(page.getByTestId('tool-check')).toContainText('Passes validation');
  const original = await editorText(page);

  // Break it: the sandbox says so while the edit is still unsaved.
  await replaceCode(page, "(db, args) => { throw new Error('broken on purpose'); }");
  const live = page.getByTestId('live-check');
  await expect(live).toHaveAttribute('data-status', 'fail', { timeout: 30_000 });
  await expect(live).toContainText('Your edit fails validation');
  await expect(live).toContainText('broken on purpose');
  await expect(live).toContainText('The saved version passes.');
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 900 });
  // Two frames: Monaco lays itself out again for the new width (a ResizeObserver) before the shot.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await screenshot(page, testInfo, 'environment-live-validation', { fullPage: false });
  await page.setViewportSize(viewport);

  // Saving asks first, naming the failing tool; Escape keeps editing and stores nothing.
  await page.getByLabel('What changed').fill(`break ${name}`);
  await page.getByRole('button', { name: /^Save as version/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a version that fails validation?' });
  await expect(dialog).toContainText(`${name}: threw: broken on purpose`, { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(version).toHaveAttribute('data-number', String(first));
  await page.getByRole('button', { name: /^Save as version/ }).click();
  await dialog.getByRole('button', { name: 'Save anyway' }).click();
  await expect(version).toHaveAttribute('data-number', String(first + 1), { timeout: 30_000 });
  await expect(page.getByTestId('tool-check')).toContainText('Fails validation');
  await expect(page.getByTestId('tool-check')).toContainText('broken on purpose');
  await expect(write).toHaveAttribute('data-status', 'fail');
  await screenshot(page, testInfo, 'environment-failing', { fullPage: false });

  // Fix it: the edit passes while typed, and Ctrl+S saves it with no question.
  await replaceCode(page, original);
  await expect(live).toHaveAttribute('data-status', 'pass', { timeout: 30_000 });
  await expect(live).toContainText('The saved version fails.');
  await page.getByLabel('What changed').fill(`fix ${name}`);
  await page.getByTestId('code-editor').first().locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(version).toHaveAttribute('data-number', String(first + 2), { timeout: 30_000 });
  await expect(page.getByTestId('tool-check')).toContainText('Passes validation');
  await expect(write).toHaveAttribute('data-status', 'pass');

  // Try it: the sampled arguments are filled in; running shows the rows it changed.
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('try-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('state-diff')).not.toHaveAttribute('data-changes', '0');
  // The save notices would cover the rows changed: they close by themselves after a few seconds.
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId('state-diff').scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, 'environment-try', { fullPage: false });

  // Unsaved edits: closing the tab is cancelled, and a link inside the studio asks first.
  await replaceCode(page, `${original}\n// not saved yet`);
  const unloadCancelled = () => page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
  await expect.poll(unloadCancelled, { message: 'closing the tab with unsaved edits is cancelled' }).toBe(true);
  const url = page.url();
  await page.getByRole('link', { name: 'All environments' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(leave).toBeHidden();
  expect(page.url()).toBe(url);
  expect(await editorText(page)).toBe(`${original}\n// not saved yet`);
  await page.getByRole('link', { name: 'All environments' }).click();
  await leave.getByRole('button', { name: 'Leave and discard' }).click();
  await expect(page).toHaveURL(/\/environments$/);
  await expect.poll(unloadCancelled, { message: 'after leaving, closing the tab is not held back' }).toBe(false);
});

test('compare two versions in the diff editor, file by file, and restore the broken one as a new version', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  const version = page.getByTestId('env-version');
  await expect(version).toBeVisible();
  const latest = Number(await version.getAttribute('data-number'));
  await page.getByRole('tab', { name: /Versions/ }).click();

  // At first the one before the current against the current: the fix, one tool's code.
  const summary = page.getByTestId('compare-summary');
  await expect(summary).toContainText(new RegExp(`^1 of \\d+ files differs between version ${latest - 1} and version ${latest}\\.$`));
  const changed = page.getByTestId('compare-file').first();
  await expect(changed).toHaveAttribute('data-change', 'changed');
  await expect(changed).toHaveAttribute('aria-current', 'true');
  const texts = await diffTexts(page);
  expect(texts.before).toContain('broken on purpose');
  expect(texts.after).not.toContain('broken on purpose');
  await expect(page.getByTestId('diff-editor').locator('.line-insert, .char-insert').first()).toBeVisible();
  await screenshot(page, testInfo, 'environment-compare', { fullPage: false });

  // The schema, picked by keyboard: unchanged, the same text on both sides.
  const schema = page.getByTestId('compare-file').filter({ hasText: 'Schema' });
  await schema.focus();
  await page.keyboard.press('Enter');
  await expect(schema).toHaveAttribute('aria-current', 'true');
  await expect
    .poll(async () => {
      const t = await diffTexts(page);
      return t.before === t.after && t.before.includes('"tables"');
    })
    .toBe(true);

  // The generated version against the fixed one: the same.
  await page.getByLabel('Compare from version').click();
  await page.getByRole('option', { name: new RegExp(`^v${latest - 2}\\b`) }).click();
  await expect(summary).toHaveText(`Versions ${latest - 2} and ${latest} are the same.`);

  // The current version cannot be restored over itself; the broken one can, by keyboard in the dialog.
  await page.getByRole('button', { name: 'Compare with current' }).nth(0).click();
  await expect(page.getByRole('button', { name: `Restore version ${latest - 1}` })).toBeEnabled();
  await page.getByRole('button', { name: `Restore version ${latest - 1}` }).click();
  const dialog = page.getByRole('dialog', { name: `Restore version ${latest - 1}?` });
  await expect(dialog).toContainText(`saved again as version ${latest + 1}`);
  // The broken version fails the tool broken on purpose, and whatever else its domain already failed.
  await expect(dialog).toContainText(new RegExp(`In version ${latest - 1}, \\d+ tools? failed validation\\.`));
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: `Restore as version ${latest + 1}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(version).toHaveAttribute('data-number', String(latest + 1), { timeout: 30_000 });
  await expect(summary).toHaveText(`Versions ${latest - 1} and ${latest + 1} are the same.`);
  await expect(page.getByRole('table', { name: 'Versions' })).toContainText(`Restored version ${latest - 1}`);
  await expect(page.getByTestId('validation-summary')).not.toHaveText(/^(\d+)\/\1 tools pass$/);
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
  await page
    .getByTestId('env-import-input')
    .setInputFiles({ name: 'broken.environment.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId('env-import-error')).toContainText('broken.environment.json: environment.content.tools[0].code');
  await expect(version).toHaveAttribute('data-number', String(before + 1));
});

test('the schema as a diagram: tables with their keys, references as arrows; a table opens to its rows, and the link survives a reload', async ({
  page,
}, testInfo) => {
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  await expect(page.getByTestId('env-version')).toBeVisible();
  await page.getByRole('tab', { name: /^Schema/ }).click();
  await expect(page).toHaveURL(/[?&]tab=schema\b/);

  // The diagram is the default view: every table a node, every reference between them an edge.
  const diagram = page.getByTestId('schema-diagram');
  await expect(diagram).toHaveAttribute('data-ready', 'true');
  const drawn = () => drawnDiagram(page);
  const { nodes, edges } = await drawn();
  const buttons = page.getByTestId('schema-table-buttons').getByRole('button');
  await expect(buttons).toHaveCount(nodes.length);
  expect(nodes.length).toBeGreaterThan(1);
  expect(edges.length).toBeGreaterThan(0);
  for (const n of nodes)
    expect(
      n.label
        .split('\n')
        .filter((l) => !l.startsWith('─'))
        .slice(0, 2)
        .join('|'),
    ).toMatch(new RegExp(`^${escapeRegExp(n.id)}\\|PK \\S+$`));
  // Every table is inside the view, fitted.
  const box = (await diagram.boundingBox())!;
  for (const n of nodes) {
    expect(n.x).toBeGreaterThan(0);
    expect(n.x).toBeLessThan(box.width);
    expect(n.y).toBeGreaterThan(0);
    expect(n.y).toBeLessThan(box.height);
  }
  await diagram.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, testInfo, 'environment-schema-diagram', { fullPage: false });
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect.poll(async () => (await diagram.boundingBox())!.width).toBeLessThan(box.width);
  // The view refits to its new width: every table still inside it.
  await expect
    .poll(async () => {
      const b = (await diagram.boundingBox())!;
      return (await drawn()).nodes.every((n) => n.x > 0 && n.x < b.width);
    })
    .toBe(true);
  await screenshot(page, testInfo, 'environment-schema-diagram-1280', { fullPage: false });
  await page.setViewportSize(viewport);

  // A click on a referenced table in the picture: the Data tab, with that table's rows.
  const target = edges[0]!.target;
  await expect
    .poll(async () => {
      const b = (await diagram.boundingBox())!;
      return (await drawn()).nodes.every((n) => n.x < b.width);
    })
    .toBe(true);
  const at = (await drawn()).nodes.find((n) => n.id === target)!;
  const now = (await diagram.boundingBox())!;
  await page.mouse.click(now.x + at.x, now.y + at.y);
  await expect(page).toHaveURL(new RegExp(`[?&]table=${escapeRegExp(target)}\\b`));
  await expect(page).toHaveURL(/[?&]tab=data\b/);
  const rows = page.getByRole('table', { name: `Rows of ${target}` });
  await expect(rows).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await expect(rows).toBeVisible();
  await expect(rows.locator('tbody tr').first()).toBeVisible();
  await screenshot(page, testInfo, 'environment-schema-rows', { fullPage: false });

  // Back returns to the picture; the list view is there too, and a table opens by keyboard.
  await page.goBack();
  await expect(page.getByRole('tab', { name: /^Schema/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByText('List', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]view=list\b/);
  await expect(page.getByTestId('schema-table')).toHaveCount(nodes.length);
  const source = edges[0]!.source;
  await page.getByTestId('schema-table').getByRole('button', { name: source, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: `Rows of ${source}` })).toBeVisible();
});

/** A made-up parcel network of 40 tables: hubs many tables reference, a chain, and tables linked to none. */
function fortyTables() {
  const table = (name: string, refs: string[] = []) => ({
    name,
    description: '',
    primaryKey: `${name}_id`,
    columns: Object.fromEntries([`${name}_id`, ...refs.map((r) => `${r}_id`), 'note'].map((c) => [c, { type: 'string' }])),
    required: [`${name}_id`],
    references: refs.map((r) => ({ column: `${r}_id`, table: r })),
  });
  const hubs = ['customers', 'depots', 'carriers', 'regions'];
  return {
    tables: [
      table('regions'),
      table('customers', ['regions']),
      table('depots', ['regions']),
      table('carriers'),
      ...Array.from({ length: 28 }, (_, i) => table(`parcel_kind_${String(i).padStart(2, '0')}`, [hubs[i % 3]!, ...(i % 4 === 0 ? ['regions'] : [])])),
      ...Array.from({ length: 8 }, (_, i) => table(`archive_${i}`)),
    ],
  };
}

test('a schema of 40 tables is drawn across the page, every table in view, and zooms in to read', async ({ page }, testInfo) => {
  // The environment as the server sends it, with a larger schema in place of its own: the database stays as it is.
  const big = fortyTables();
  await page.route(/\/api\/trpc\/[^?]*environments\.forDomain/, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Array<{ result: { data: { json: { latest: { content: { schema: unknown } } } } } }>;
    const procedures = new URL(route.request().url()).pathname.split('/').pop()!.split(',');
    body[procedures.indexOf('environments.forDomain')]!.result.data.json.latest.content.schema = big;
    await route.fulfill({ response, json: body });
  });
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Schema (40 tables)' }).click();
  const diagram = page.getByTestId('schema-diagram');
  await expect(diagram).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('schema-table-buttons').getByRole('button')).toHaveCount(40);

  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expect
      .poll(async () => {
        const b = (await diagram.boundingBox())!;
        const d = await drawnDiagram(page);
        return d.nodes.length === 40 && d.nodes.every((n) => n.x > 0 && n.x < b.width && n.y > 0 && n.y < b.height);
      })
      .toBe(true);
    // The picture takes the page's width (the JSON editor goes below it).
    const tabs = (await page.getByRole('tablist').boundingBox())!;
    expect((await diagram.boundingBox())!.width).toBeGreaterThan(tabs.width * 0.95);
    await diagram.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, testInfo, `environment-schema-diagram-40-${width}`, { fullPage: false });
  }

  const fitted = (await drawnDiagram(page)).zoom;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  expect((await drawnDiagram(page)).zoom).toBeGreaterThan(fitted * 1.5);
  await screenshot(page, testInfo, 'environment-schema-diagram-40-zoomed', { fullPage: false });
  await page.getByRole('button', { name: 'Fit the whole schema' }).click();
  expect((await drawnDiagram(page)).zoom).toBeCloseTo(fitted, 5);
});
