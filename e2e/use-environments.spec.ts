import { expect, screenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

/**
 * What comes after training data, on the fresh studio's demo (loaded by the stakeholder demo, or
 * here when this spec runs alone): an agent evaluated as pass^k, two evaluations compared, and an
 * environment's "Connect an agent" with its MCP URL and an API key.
 */

async function demoLoaded(page: import('@playwright/test').Page) {
  await page.goto('/tasks');
  const domains = page.getByTestId('task-domain');
  await expect(domains.first().or(page.getByTestId('empty-state'))).toBeVisible();
  if (await domains.first().isVisible()) return;
  await page.goto('/');
  await page.getByTestId('load-demo').getByRole('button', { name: 'Load demo' }).click();
  await expect(page.getByTestId('demo-result')).toContainText('51 tools in 5 domains', { timeout: 180_000 });
}

test('evaluate the oracle with and without noise: pass^k falls with k, the curves side by side', async ({ page }, testInfo) => {
  test.setTimeout(400_000);
  await demoLoaded(page);

  const launch = async (name: string, noisy: boolean) => {
    await page.goto('/evaluate');
    const form = page.getByRole('region', { name: 'Launch an evaluation' });
    if (noisy) {
      await form
        .getByRole('group', { name: 'Noise' })
        .getByRole('checkbox', { name: /wrong_argument/ })
        .check();
      await form.getByRole('textbox', { name: 'Noise rate' }).fill('30');
    }
    await form.getByRole('textbox', { name: 'Tasks per domain' }).fill('4');
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('button', { name: 'Evaluate' }).click();
    const row = page.getByTestId('evaluation-row').filter({ hasText: name });
    await expect(row).toHaveAttribute('data-status', 'finished', { timeout: 240_000 });
    return row;
  };

  const noisy = await launch('oracle, 30% wrong arguments', true);
  const clean = await launch('oracle, clean', false);
  await expect(clean.getByTestId('evaluation-pass1')).toHaveText('1.000');
  const p1 = Number(await noisy.getByTestId('evaluation-pass1').textContent());
  const pk = Number((await noisy.getByTestId('evaluation-passk').textContent())!.split(' ')[0]);
  expect(p1).toBeLessThan(1);
  expect(pk).toBeLessThanOrEqual(p1);

  // Both checked: two curves, a pass^k table and the per-domain one; the choice survives a reload.
  await noisy.getByRole('checkbox').check();
  await clean.getByRole('checkbox').check();
  await expect(page.getByTestId('passk-curve')).toHaveCount(2);
  await expect(page.getByRole('img', { name: /^pass\^k curves\. oracle, 30% wrong arguments: pass\^1 0\.\d\d, pass\^2/ })).toBeVisible();
  await expect(page.getByTestId('passk-table').getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('passk-domains').getByRole('row')).not.toHaveCount(1);
  await expect(page).toHaveURL(/\?compare=[^,]+,[^,]+$/);
  await page.reload();
  await expect(page.getByTestId('passk-curve')).toHaveCount(2);
  await screenshot(page, testInfo, 'evaluate');
});

test('an environment says how to connect an agent: its MCP URL, a client configuration, and a key made once', async ({ page }, testInfo) => {
  await demoLoaded(page);
  await page.goto('/environments');
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('tab', { name: 'Connect an agent' }).click();
  await expect(page).toHaveURL(/[?&]tab=connect/);
  const pane = page.getByTestId('connect-pane');
  await expect(pane.getByTestId('mcp-url')).toContainText(/\/api\/mcp\/[0-9a-f-]{36}/);
  await expect(pane.getByTestId('mcp-config')).toContainText('Authorization');
  await pane.getByRole('textbox', { name: 'Name' }).fill('trainer');
  await pane.getByRole('button', { name: 'Make a key' }).click();
  await expect(pane.getByTestId('new-key')).toHaveText(/^\S{20,}$/);
  await expect(pane.getByRole('table', { name: 'Your API keys' })).toContainText('trainer');
  await screenshot(page, testInfo, 'connect-an-agent', { fullPage: false });
});
