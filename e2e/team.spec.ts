import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, test, topShot } from './fixtures';

const BEN = { name: 'Ben Reviewer', email: 'ben@studio.test', password: 'difference engine', role: 'reviewer' };
const VIC = { name: 'Vic Viewer', email: 'vic@studio.test', password: 'read only please', role: 'viewer' };

/** A browser of its own (no admin session), signed in through the form on the page asked for. */
async function signInAs(browser: Browser, testInfo: TestInfo, person: { email: string; password: string }, path: string): Promise<Page> {
  // Explicitly empty: in a test, new contexts otherwise start from the project's (admin's) storage state.
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 1280, height: 900 },
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await page.goto(path);
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();
  await form.getByRole('textbox', { name: 'Email', exact: true }).fill(person.email);
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toContainText('Invalid email or password');
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill(person.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  return page;
}

test('the admin adds a reviewer and a viewer; the reviewer signs in, reviews and signs out; the viewer only reads', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/people');
  for (const p of [BEN, VIC]) {
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill(p.email);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(p.name);
    await form.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: new RegExp(`^${p.role}:`) }).click();
    await form.getByRole('textbox', { name: 'First password', exact: true }).fill(p.password);
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByTestId(`person-${p.email}`)).toBeVisible();
  }
  await expect(page.getByRole('table', { name: 'People' }).getByRole('row')).toHaveCount(4);
  await topShot(page, testInfo, 'people');

  // Ben opens a trajectory Ada accepted (review.spec) and rejects it: both verdicts are kept, the
  // trajectory is disputed, and the queue says the two reviewers disagree.
  const ben = await signInAs(browser, testInfo, BEN, '/review?status=accepted');
  await expect(ben.getByTestId('user-role')).toHaveText('reviewer');
  await expect(ben.getByTestId('reviewing-as')).toContainText('Verdicts are recorded as Ben Reviewer');
  const first = ben.getByTestId('review-item').first();
  await first.click();
  const id = (await first.getAttribute('data-review-id'))!;
  await ben.keyboard.press('r');
  const form = ben.getByTestId('reject-form');
  await form.getByRole('combobox', { name: 'Reason' }).click();
  await ben.getByRole('option', { name: 'unhelpful or wrong reply', exact: true }).click();
  await form.getByRole('textbox', { name: 'Comment' }).press('Enter');
  await expect(form).toBeHidden();
  await ben.goto('/review?status=disputed');
  const item = ben.locator(`[data-testid=review-item][data-review-id="${id}"]`);
  await expect(item).toHaveAttribute('data-verdict', 'disputed');
  await expect(item.getByTestId('review-item-reviewers')).toContainText('Ada');
  await expect(item.getByTestId('review-item-reviewers')).toContainText('Ben');
  await item.click();
  const history = ben.getByTestId('review-history');
  await expect(history).toContainText('Ben Reviewer');
  await expect(history).toContainText('Ada Lovelace');
  await ben.goto('/review?status=all');
  await expect(ben.getByTestId('review-agreement')).toContainText('Reviewers agree on 0 of 1 trajectory judged by two or more (0%)');
  await topShot(ben, testInfo, 'review-two-reviewers');
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
