import fs from 'node:fs';
import { sharedData } from '../server/testing/shared-data';
import { expect, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const dbJson = () => fs.readFileSync(sharedData('taubench', 'retail', 'db.json'));
type RefTask = { id: number; calls: Array<{ name: string }> };

test('upload a database on an environment, see its rows, generate from it, run a reference check and open a disagreement', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  // The environments spec left τ-bench retail's domains with heuristic environments: take the largest.
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  await expect(page.getByTestId('env-version')).toBeVisible();
  const domainUrl = page.url();
  const tools = (await page.getByTestId('env-tool').allInnerTexts()).map((t) => t.split('\n').pop()!.trim());
  expect(tools.length).toBeGreaterThan(2);

  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByTestId('data-pane')).toContainText('starts from rows seeded from its schema');

  // Bad files are refused with where and what, and nothing is stored.
  await page.getByTestId('data-upload-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"orders": {"#W1": {"status": }}}') });
  await expect(page.getByTestId('data-error')).toContainText(/broken\.json at line 1, column \d+: not valid JSON/);
  await page.getByTestId('data-upload-input').setInputFiles({ name: 'planets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ planets: { p1: { name: 'Mars' } } })) });
  await expect(page.getByTestId('data-error')).toContainText(/planets\.json at planets: .*no tool/);
  await expect(page.getByTestId('data-uploads')).toHaveCount(0);

  // τ-bench's own db.json: stored, previewed table by table, a page at a time.
  await page.getByTestId('data-upload-input').setInputFiles({ name: 'db.json', mimeType: 'application/json', buffer: dbJson() });
  await expect(page.getByTestId('data-uploads')).toContainText('db.json');
  await expect(page.getByTestId('data-uploads')).toContainText('1,550');
  await page.getByRole('radio', { name: /^orders/ }).check({ force: true });
  await expect(page.getByTestId('data-rows')).toContainText('#W');
  const firstKey = await page.getByTestId('data-rows').locator('tbody tr').first().locator('code').innerText();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('data-rows').locator('tbody tr').first().locator('code')).not.toHaveText(firstKey);
  await screenshot(page, testInfo, 'environment-data', { fullPage: false });

  // A version generated from it starts from it.
  const before = Number(await page.getByTestId('env-version').getAttribute('data-number'));
  await page.getByTestId('data-generate').click();
  await expect(page.getByTestId('env-version')).toHaveAttribute('data-number', String(before + 1), { timeout: 120_000 });
  await page.goto(domainUrl);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByTestId('data-pane')).toContainText('This version starts from db.json');

  // A reference naming a tool this domain lacks is refused by that tool's name.
  const reference = JSON.parse(fs.readFileSync(sharedData('reference', 'taubench-retail.json'), 'utf8')) as { tasks: RefTask[] };
  await page.getByRole('tab', { name: 'Reference check' }).click();
  const foreign = reference.tasks.find((t) => t.calls.some((c) => !tools.includes(c.name)))!;
  const missing = foreign.calls.find((c) => !tools.includes(c.name))!.name;
  await page.getByTestId('reference-input').setInputFiles({ name: 'whole.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ tasks: [foreign] })) });
  await expect(page.getByTestId('reference-error')).toContainText(missing);

  // The tasks this domain's tools can replay: scored, and a disagreement opens side by side.
  const own = reference.tasks.filter((t) => t.calls.length > 0 && t.calls.every((c) => tools.includes(c.name)));
  expect(own.length).toBeGreaterThan(0);
  await page.getByTestId('reference-input').setInputFiles({ name: 'retail-subset.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ tasks: own })) });
  await expect(page.getByTestId('reference-score')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('reference-score').locator('[data-measure="load"]')).toContainText('1550 / 1550');
  const disagreements = page.getByTestId('disagreement');
  if ((await disagreements.count()) > 0) {
    await disagreements.first().click();
    await expect(page.getByTestId('side-by-side')).toBeVisible();
    await expect(page.getByTestId('side-by-side')).toContainText(/Real/);
  }
  await screenshot(page, testInfo, 'environment-reference-check', { fullPage: false });
});

test('a database over the 50 MB limit is refused by the server while reading, and nothing is stored', async ({ page, request }) => {
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link').first().click();
  const domainId = new URL(page.url()).pathname.split('/').pop()!;
  const big = Buffer.alloc(60 * 2 ** 20, 0x20);
  const res = await request.post(`/api/domains/${domainId}/data`, { data: big, headers: { 'Content-Type': 'application/json', 'X-File-Name': 'big.json' } });
  expect(res.status()).toBe(413);
  expect((await res.json()).error).toMatch(/larger than 50 MB/);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByTestId('data-uploads')).not.toContainText('big.json');
});
