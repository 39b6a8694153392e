import { expect, test as setup } from '@playwright/test';
import { ADMIN, authFile, FRESH_PORT, STUDIO_PORT } from './accounts';

/**
 * Each e2e server starts empty, so its first visitor is asked to make the admin account: done here
 * once per server, as a person would, and the signed-in browser state kept for the specs.
 */
for (const [name, port] of [
  ['studio', STUDIO_PORT],
  ['fresh', FRESH_PORT],
] as const) {
  setup(`first visit of the ${name} server: create the admin account and sign in`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    await page.goto('/domains');
    const form = page.getByRole('form', { name: 'Create the admin account' });
    await expect(form).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('This studio has no accounts yet.')).toBeVisible();
    await form.getByRole('textbox', { name: 'Your name', exact: true }).fill(ADMIN.name);
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill(ADMIN.email);
    await form.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
    await form.getByRole('textbox', { name: 'Password again', exact: true }).fill('not the same');
    await expect(form.getByText('The two passwords differ.')).toBeVisible();
    await form.getByRole('textbox', { name: 'Password again', exact: true }).fill(ADMIN.password);
    if (name === 'studio') {
      const file = testInfo.outputPath('first-run.png');
      await page.screenshot({ path: file });
      await testInfo.attach('first-run', { path: file, contentType: 'image/png' });
    }
    await form.getByRole('button', { name: 'Create the admin account' }).click();
    // Signed in on the page that was asked for.
    await expect(page.getByTestId('user-role')).toHaveText('admin', { timeout: 30_000 });
    await expect(page).toHaveURL(/\/domains$/);
    await context.storageState({ path: authFile(name) });
    await context.close();
  });
}
