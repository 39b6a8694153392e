import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, test, topShot } from './fixtures';

const BEN = { name: 'Ben Reviewer', email: 'ben@studio.test', password: 'difference engine', role: 'reviewer' };
const VIC = { name: 'Vic Viewer', email: 'vic@studio.test', password: 'read only please', role: 'viewer' };

/** A browser of its own (no admin session), signed in through the form on the page asked for. */
async function signInAs(browser: Browser, testInfo: TestInfo, person: { email: string; password: string }, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(path);
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password').fill('wrong password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Invalid email or password');
  await form.getByLabel('Password').fill(person.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  return page;
}

test('the admin adds a reviewer and a viewer; the reviewer signs in, reviews and signs out; the viewer only reads', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/people');
  for (const p of [BEN, VIC]) {
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Email').fill(p.email);
    await form.getByLabel('Name').fill(p.name);
    await form.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: new RegExp(`^${p.role}:`) }).click();
    await form.getByLabel('First password').fill(p.password);
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByTestId(`person-${p.email}`)).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'People' }).getByRole('row')).toHaveCount(4);
  await topShot(page, testInfo, 'people');

  // Ben reviews the first trajectory of the queue; his verdict joins the history under his name.
  const ben = await signInAs(browser, testInfo, BEN, '/review?status=all');
  await expect(ben.getByTestId('user-role')).toHaveText('reviewer');
  await expect(ben.getByTestId('reviewing-as')).toContainText('Verdicts are recorded as Ben Reviewer');
  const first = ben.getByTestId('review-item').first();
  await first.click();
  await ben.getByRole('button', { name: /^Accept a$/ }).click();
  await first.click();
  await expect(ben.getByTestId('review-history')).toContainText('Ben Reviewer');
  // Reviewers do not run the pipeline: no upload, no people page.
  await ben.goto('/collections');
  await expect(ben.getByTestId('dropzone')).toHaveCount(0);
  await expect(ben.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'People' })).toHaveCount(0);
  await ben.getByTestId('user-menu').click();
  await ben.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(ben.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await ben.context().close();

  // Vic reads the queue but is offered no verdict.
  const vic = await signInAs(browser, testInfo, VIC, '/review?status=all');
  await expect(vic.getByTestId('reviewing-as')).toContainText('Your role (viewer) reads the queue');
  await vic.getByTestId('review-item').first().click();
  await expect(vic.getByTestId('reviewer-hint')).toContainText('Your role (viewer) can read trajectories but not give verdicts.');
  await expect(vic.getByRole('button', { name: /^Accept a$/ })).toHaveCount(0);
  await vic.context().close();
});
