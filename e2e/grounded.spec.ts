import fs from 'node:fs';
import { sharedData } from '../server/testing/shared-data';
import { expect, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const dbJson = () => fs.readFileSync(sharedData('taubench', 'retail', 'db.json'));
type RefTask = { id: number; calls: Array<{ name: string }> };

test('upload a database on an environment, see its rows, generate from it, run a reference check and open a disagreement', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  // The graph spec kept τ-bench retail whole: one domain of its 16 tools, not generated yet.
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link', { name: 'retail_tools', exact: true }).click();
  await expect(page.getByTestId('data-pane')).toContainText('Your own data');

  // Bad files are refused with where and what, and nothing is stored.
  await page
    .getByTestId('data-upload-input')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"orders": {"#W1": {"status": }}}') });
  await expect(page.getByTestId('data-error')).toContainText(/broken\.json at line 1, column \d+: not valid JSON/);
  await page
    .getByTestId('data-upload-input')
    .setInputFiles({ name: 'planets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ planets: { p1: { name: 'Mars' } } })) });
  await expect(page.getByTestId('data-error')).toContainText(/planets\.json at planets: .*no tool/);
  await page.getByTestId('data-upload-input').setInputFiles({
    name: 'keyless.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ orders: [{ order_id: '#1' }, { status: 'pending' }] })),
  });
  await expect(page.getByTestId('data-error')).toContainText(/keyless\.json at orders\[1\]\.order_id: this row has no key/);
  await expect(page.getByTestId('data-uploads')).toHaveCount(0);

  // τ-bench's own db.json: stored, previewed table by table, a page at a time.
  await page.getByTestId('data-upload-input').setInputFiles({ name: 'db.json', mimeType: 'application/json', buffer: dbJson() });
  await expect(page.getByTestId('data-uploads')).toContainText('db.json');
  await expect(page.getByTestId('data-uploads')).toContainText('1,550');
  await page.getByText(/^orders \(/).click();
  await expect(page.getByTestId('data-rows')).toContainText('#W');
  const firstKey = await page.getByTestId('data-rows').locator('tbody tr').first().locator('code').innerText();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('data-rows').locator('tbody tr').first().locator('code')).not.toHaveText(firstKey);
  await screenshot(page, testInfo, 'environment-data', { fullPage: false });

  // A version generated from it starts from it.
  await page.getByTestId('data-generate').click();
  await expect(page.getByTestId('env-version')).toHaveAttribute('data-number', '1', { timeout: 120_000 });
  await page.reload();
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByTestId('data-pane')).toContainText('This version starts from db.json');

  // A reference naming a tool this domain lacks is refused by that tool's name.
  const reference = JSON.parse(fs.readFileSync(sharedData('reference', 'taubench-retail.json'), 'utf8')) as { tasks: RefTask[] };
  await page.getByRole('tab', { name: 'Reference check' }).click();
  const renamed = { tasks: [{ ...reference.tasks[0]!, calls: reference.tasks[0]!.calls.map((c, i) => (i === 0 ? { ...c, name: 'teleport_order' } : c)) }] };
  await page.getByTestId('reference-input').setInputFiles({ name: 'renamed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await expect(page.getByTestId('reference-error')).toContainText('teleport_order');

  // The real traces: scored, and a disagreement opens side by side.
  await page
    .getByTestId('reference-input')
    .setInputFiles({ name: 'taubench-retail.json', mimeType: 'application/json', buffer: fs.readFileSync(sharedData('reference', 'taubench-retail.json')) });
  await expect(page.getByTestId('reference-score')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('reference-score').locator('[data-measure="load"]')).toContainText('1550 / 1550');
  await expect(page.getByTestId('reference-score').locator('[data-measure="calls"]')).toContainText('/ 582');
  await page.getByTestId('disagreement').first().click();
  await expect(page.getByTestId('side-by-side')).toContainText('Real');
  await expect(page.getByTestId('side-by-side')).toContainText('Simulated');
  await screenshot(page, testInfo, 'environment-reference-check', { fullPage: false });
});

test('a database over the 50 MB limit is refused by the server while reading, and nothing is stored', async ({ page, request }) => {
  await page.goto('/environments');
  await page.getByRole('table', { name: 'Environments' }).getByRole('link', { name: 'retail_tools', exact: true }).click();
  await page.waitForURL(/\/environments\/[0-9a-f-]{36}$/);
  const domainId = new URL(page.url()).pathname.split('/').pop()!;
  const big = Buffer.alloc(60 * 2 ** 20, 0x20);
  const res = await request.post(`/api/domains/${domainId}/data`, { data: big, headers: { 'Content-Type': 'application/json', 'X-File-Name': 'big.json' } });
  expect(res.status()).toBe(413);
  expect((await res.json()).error).toMatch(/larger than 50 MB/);
  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByTestId('data-uploads')).not.toContainText('big.json');
});
