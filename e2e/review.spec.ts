import { domainForRun, expect, launchRun, prepareEnvironments, sampleTasks, test, topShot } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('review a run by keyboard: accept, reject with a reason, accept; the history says who and why', async ({ page }, testInfo) => {
  test.setTimeout(400_000);
  await prepareEnvironments(page);

  // No task yet: Launch is disabled, and says why and where to get some.
  await page.goto('/runs');
  await expect(page.getByTestId('launch-blocked')).toContainText('sample some on the Tasks page first');
  await expect(page.getByRole('button', { name: 'Launch' })).toBeDisabled();

  await sampleTasks(page, 10);
  const domain = await domainForRun(page, 10);

  // A run of ten rollouts, some with malformed calls.
  const row = await launchRun(page, { domain, n: 10, noise: 'malformed_call', name: 'to review' });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-done', '10', { timeout: 180_000 });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-status', 'completed');

  // The queue, every status (the filter lives in the URL); verdicts are recorded as the signed-in person.
  await page.goto('/review?status=all');
  const items = page.getByTestId('review-item');
  await expect(items).toHaveCount(10);
  await expect(page.getByTestId('review-detail')).toBeVisible();
  await expect(page.getByTestId('reviewing-as')).toContainText('Verdicts are recorded as Ada');
  await expect(page.getByRole('button', { name: /^Accept a$/ })).toBeEnabled();

  // Keys do nothing while typing: `a` in the search field is just a letter.
  const search = page.getByRole('textbox', { name: 'Search' });
  await search.fill('');
  await search.press('a');
  await expect(search).toHaveValue('a');
  await expect(items.first()).toHaveAttribute('data-verdict', 'none');
  await search.fill('');
  await expect(items).toHaveCount(10);

  await items.first().click();
  await expect(items.first()).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('a');
  await expect(items.nth(0)).toHaveAttribute('data-verdict', 'accepted');
  await expect(items.nth(1)).toHaveAttribute('data-selected', 'true');

  await page.keyboard.press('r');
  const form = page.getByTestId('reject-form');
  await expect(form).toBeVisible();
  const reason = form.getByRole('combobox', { name: 'Reason' });
  await expect(reason).toBeFocused();
  await reason.click();
  await page.getByRole('option', { name: 'wrong arguments', exact: true }).click();
  await form.getByRole('textbox', { name: 'Comment' }).fill('the malformed call');
  await form.getByRole('textbox', { name: 'Comment' }).press('Enter');
  await expect(form).toBeHidden();
  await expect(items.nth(1)).toHaveAttribute('data-verdict', 'rejected');
  await expect(items.nth(2)).toHaveAttribute('data-selected', 'true');

  await page.keyboard.press('a');
  await expect(items.nth(2)).toHaveAttribute('data-verdict', 'accepted');
  await expect(items.nth(0)).toHaveAttribute('data-verdict', 'accepted');
  await expect(items.nth(1)).toHaveAttribute('data-verdict', 'rejected');
  await expect(items.nth(3)).toHaveAttribute('data-verdict', 'none');

  // k goes back to the rejected one: its history names the reviewer and the reason.
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(items.nth(1)).toHaveAttribute('data-selected', 'true');
  const history = page.getByTestId('review-history');
  await expect(history).toHaveAttribute('data-count', '1');
  await expect(history).toContainText('Ada');
  await expect(history).toContainText('wrong arguments');
  await expect(history).toContainText('the malformed call');
  await expect(history).toContainText('rejected');

  // The default status is "unreviewed": the three reviewed ones are gone from it.
  await page.getByRole('combobox', { name: 'Review status' }).click();
  await page.getByRole('option', { name: 'Unreviewed', exact: true }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(items).toHaveCount(7);
  await expect(page.getByTestId('bulk-accepted')).toContainText('Accept all 7');

  // Reject the other seven at once: the confirmation states how many and why.
  await page.getByTestId('bulk-rejected').click();
  const confirm = page.getByTestId('bulk-confirm');
  await expect(confirm).toContainText('7');
  await confirm.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'unnecessary calls', exact: true }).click();
  await expect(confirm).toContainText('Reason: unnecessary calls');
  await confirm.getByRole('button', { name: 'Reject 7' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('review-empty')).toBeVisible();
  await expect(page.getByTestId('bulk-accepted')).toBeDisabled();

  // A text search (debounced, kept in the URL) that matches nothing.
  await page.getByRole('textbox', { name: 'Search' }).fill('no such text anywhere');
  await expect(page).toHaveURL(/search=no\+such/);
  await expect(page.getByTestId('review-empty')).toBeVisible();

  await page.goto('/review?status=all');
  await expect(items).toHaveCount(10);
  await items.nth(1).click();
  await expect(page.getByTestId('review-history')).toContainText('wrong arguments');
  await page.keyboard.press('?');
  await expect(page.getByTestId('review-help')).toBeVisible();
  await expect(page.getByTestId('review-help')).toContainText('Next trajectory');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-help')).toBeHidden();
  await topShot(page, testInfo, 'review');
});
