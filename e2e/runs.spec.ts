import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { checkOpenAiRecord, type OpenAiMessage, type OpenAiRecord } from '../server/pipeline/export/openai';
import { domainForRun, expect, launchRun, prepareEnvironments, sampleTasks, test, topShot } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('sample tasks, launch a run of offline rollouts, follow it, and read a trajectory with its database diffs', async ({ page }, testInfo) => {
  test.setTimeout(400_000);
  await prepareEnvironments(page);

  // Tasks: ten per domain, listed once sampled.
  await sampleTasks(page, 10);
  await expect(page.getByTestId('sample-result')).toBeVisible();
  await expect(page.getByTestId('sample-result')).not.toHaveAttribute('data-stored', '0');
  await expect(page.getByTestId('task-row').first()).toBeVisible();
  await topShot(page, testInfo, 'tasks-sampled');

  // One domain's tasks; a task that writes, in full.
  const domain = await domainForRun(page, 10);
  await page
    .getByTestId('task-domain')
    .filter({ has: page.getByRole('button', { name: domain, exact: true }) })
    .getByRole('button')
    .click();
  await expect(page.getByRole('table', { name: 'Tasks', exact: true })).toBeVisible();
  await expect(page.getByText(`Tasks of ${domain}`)).toBeVisible();
  await page.locator('[data-testid=task-row][data-read-only=false]').first().getByRole('link').click();
  await expect(page.getByTestId('task-view')).toBeVisible();
  await expect(page.getByTestId('gold-call').first()).toBeVisible();
  await page.getByTestId('gold-call').first().getByRole('button').click();
  const tables = page.getByTestId('state-table');
  const orders = tables.filter({ hasText: /^orders/ });
  await ((await orders.count()) ? orders.first() : tables.first()).getByRole('button').first().click();
  await expect(page.getByRole('table', { name: /^Rows of / })).toBeVisible();
  await expect(page.getByTestId('state-diff')).not.toHaveAttribute('data-changes', '0');
  await topShot(page, testInfo, 'task');

  // A run of exactly ten offline rollouts: one domain, ten tasks.
  const row = await launchRun(page, { domain, n: 10 });
  const progress = row.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('data-total', '10');
  await expect(progress).toHaveAttribute('data-done', '10', { timeout: 180_000 });
  await expect(progress).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('run-passed')).toContainText(/\d+ of 10/);
  await topShot(page, testInfo, 'runs-finished');

  // The run: its header and its ten trajectories.
  // The launch notice closes by itself; the run's screenshot should not carry it.
  await expect(page.getByText(/^Launched /)).toBeHidden({ timeout: 15_000 });
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('run-header')).toBeVisible();
  await expect(page.getByTestId('run-header').getByTestId('run-progress')).toHaveAttribute('data-done', '10');
  await expect(page.getByTestId('trajectory-row')).toHaveCount(10);
  // Each tab's count is the number of rows it shows.
  const tabs = page.getByTestId('outcome-filter');
  await expect(tabs.locator('label', { hasText: /^All/ })).toHaveText('All 10');
  for (const tab of ['Passed', 'Failed']) {
    const label = tabs.locator('label', { hasText: new RegExp(`^${tab} \\d+$`) });
    const n = Number((await label.textContent())!.replace(/\D+/g, ''));
    await label.click();
    await expect(page.getByTestId('trajectory-row')).toHaveCount(n);
    await expect(page.locator(`[data-testid=trajectory-row][data-passed=${tab === 'Passed' ? 'false' : 'true'}]`)).toHaveCount(0);
  }
  await tabs.locator('label', { hasText: /^All/ }).click();
  await expect(page.getByTestId('trajectory-row')).toHaveCount(10);
  await topShot(page, testInfo, 'run');

  // A trajectory whose task writes: a step of a write call shows the rows it changed.
  const writing = page.locator('[data-testid=trajectory-row][data-read-only=false]');
  await expect(writing.first()).toBeVisible();
  await writing.first().click();
  await expect(page.getByTestId('filter-validity')).toBeVisible();
  await expect(page.getByTestId('filter-state')).toBeVisible();
  await expect(page.getByTestId('filter-exact')).toBeVisible();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByTestId('step').first()).toBeVisible();
  const changed = timeline.locator('[data-testid=step]:not([data-changes="0"])').first();
  await expect(changed).toBeVisible();
  await expect(changed.getByTestId('state-diff')).not.toHaveAttribute('data-changes', '0');
  await expect(page.getByTestId('final-vs-gold')).toBeVisible();
  await topShot(page, testInfo, 'trajectory');

  // j and k walk the run's trajectories.
  const here = page.url();
  const next = page.getByTestId('next-trajectory');
  if (await next.count()) {
    await page.keyboard.press('j');
    await expect(page).not.toHaveURL(here);
    await expect(page.getByTestId('timeline')).toBeVisible();
    await page.keyboard.press('k');
    await expect(page).toHaveURL(here);
  }
  await page.getByTestId('back-to-run').click();
  await expect(page.getByTestId('run-header')).toBeVisible();
});

test('a run with every noise switch on: failed trajectories say which filter failed, malformed calls are shown raw', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('/tasks');
  const domain = await domainForRun(page, 10);

  const row = await launchRun(page, { domain, n: 10, noise: 'every', name: 'every noise' });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-done', '10', { timeout: 180_000 });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('run-validity')).not.toContainText('10 of 10');

  await expect(page.getByText(/^Launched /)).toBeHidden({ timeout: 15_000 });
  await row.getByRole('link').first().click();
  await page
    .getByTestId('outcome-filter')
    .locator('label', { hasText: /^Failed validity/ })
    .click();
  const failed = page.locator('[data-testid=trajectory-row][data-passed=false]');
  await expect(failed.first()).toBeVisible();
  // The verification outcome is "failed"; "rejected" is kept for a reviewer's verdict.
  await expect(failed.first()).toContainText('failed');
  await expect(failed.first()).not.toContainText('rejected');
  await expect(failed.first()).toContainText('validity');
  await expect(page.locator('[data-testid=trajectory-row][data-passed=true]')).toHaveCount(0);
  await topShot(page, testInfo, 'run-noise');

  await failed.first().click();
  await expect(page.getByTestId('filter-validity')).toHaveAttribute('data-pass', 'false');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('verdict-badge')).toHaveText('failed');
  await expect(page.getByTestId('malformed-arguments').first()).toBeVisible();
  // Which turns exports train on: the malformed call is kept as context only, the rest is trained on.
  await expect(page.getByTestId('training-legend')).toBeVisible();
  const mistaken = page.getByTestId('message-assistant').filter({ has: page.getByTestId('malformed-arguments') });
  await expect(mistaken.first().getByTestId('trained-badge')).toHaveAttribute('data-trained', 'false');
  await expect(mistaken.first().getByTestId('trained-badge')).toHaveText('not trained: injected mistake');
  await expect(page.locator('[data-testid=trained-badge][data-trained=true]').first()).toHaveText('trained');
  await topShot(page, testInfo, 'trajectory-noise');
});

test('a recovered trajectory, accepted and exported: the refused call is in the file as context (weight 0), the right one is trained on', async ({
  page,
}, testInfo) => {
  test.setTimeout(400_000);
  await page.goto('/tasks');
  const domain = await domainForRun(page, 10);

  // Each trajectory whose task has a probed refusal gets a call the tool refuses, then the right one.
  const row = await launchRun(page, { domain, n: 10, noise: 'tool_error', name: 'refused then right' });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-done', '10', { timeout: 240_000 });
  await expect(row.getByTestId('run-progress')).toHaveAttribute('data-status', 'completed');

  // The run's Recovered tab: trajectories that passed with a refused call on the way.
  await expect(page.getByText(/^Launched /)).toBeHidden({ timeout: 15_000 });
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('run-header')).toBeVisible();
  const tab = page.getByTestId('outcome-filter').locator('label', { hasText: /^Recovered \d+$/ });
  await expect(tab).toBeVisible();
  const n = Number((await tab.textContent())!.replace(/\D+/g, ''));
  expect(n, 'recovered trajectories in the run').toBeGreaterThan(0);
  await tab.click();
  const rows = page.getByTestId('trajectory-row');
  await expect(rows).toHaveCount(n);
  await expect(page.locator('[data-testid=trajectory-row][data-passed=false]')).toHaveCount(0);
  await expect(rows.first()).toContainText('recovered');
  await expect(rows.first()).toContainText('tool_error');
  await rows.first().click();

  // The trajectory: passed, and the one agent message holding the refused call is not trained on.
  await expect(page.getByTestId('verdict-badge')).toHaveText('passed');
  await expect(page.getByTestId('training-legend')).toContainText('This trajectory has 1 masked message.');
  const agent = page.getByTestId('message-assistant');
  const mistaken = agent.filter({ has: page.locator('[data-testid=trained-badge][data-trained=false]') });
  await expect(mistaken).toHaveCount(1);
  await expect(mistaken.getByTestId('trained-badge')).toHaveText('not trained: injected mistake');
  await expect(mistaken.getByTestId('step')).toHaveAttribute('data-ok', 'false');
  await expect(mistaken.getByTestId('step')).toContainText('refused by the tool');
  await expect(mistaken.getByTestId('step-error')).toBeVisible();
  await expect(page.locator('[data-testid=trained-badge][data-trained=true]').first()).toHaveText('trained');
  await topShot(page, testInfo, 'trajectory-recovered');

  // The agent's messages as the page shows them: whether each is trained on, and its calls.
  const shown = await agent.evaluateAll((els) =>
    els.map((el) => ({
      trained: el.querySelector('[data-testid=trained-badge]')?.getAttribute('data-trained') === 'true',
      calls: [...el.querySelectorAll('[data-testid=step]')].map((s) => ({
        name: s.getAttribute('data-name')!,
        ok: s.getAttribute('data-ok') === 'true',
        args: s.querySelector('[aria-label=Arguments]')?.textContent ?? '',
      })),
    })),
  );
  const wrongAt = shown.findIndex((m) => !m.trained);
  const wrong = shown[wrongAt]!.calls[0]!;
  // The right call: the next one to the same tool, answered.
  const right = shown
    .slice(wrongAt + 1)
    .flatMap((m) => m.calls)
    .find((c) => c.name === wrong.name && c.ok);
  expect(right, `a later ${wrong.name} call that succeeded`).toBeDefined();
  expect(JSON.parse(right!.args)).not.toEqual(JSON.parse(wrong.args));
  const id = new URL(page.url()).pathname.split('/').pop()!;

  // A reviewer accepts it from the run's review queue, narrowed to recovered ones.
  await page.getByTestId('back-to-run').click();
  await page.getByTestId('run-header').getByRole('link', { name: 'Review this run' }).click();
  await page.getByRole('combobox', { name: 'Tag' }).click();
  await page.getByRole('option', { name: 'recovered', exact: true }).click();
  await page.getByRole('combobox', { name: 'Review status' }).click();
  await page.getByRole('option', { name: 'Any status', exact: true }).click();
  await expect(page).toHaveURL(/tag=recovered/);
  await expect(page.getByTestId('review-item')).toHaveCount(n);
  const item = page.locator(`[data-testid=review-item][data-review-id="${id}"]`);
  await item.click();
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-id', id);
  await expect(page.getByTestId('review-detail').getByTestId('training-legend')).toContainText('1 masked message');
  await page.getByRole('button', { name: /^Accept a$/ }).click();
  await expect(item).toHaveAttribute('data-verdict', 'accepted');

  // Export phase 1 in OpenAI's format, accepted trajectories only, and download the file.
  await page.goto('/exports');
  await page.getByTestId('export-format').getByText('OpenAI chat JSONL').click();
  const count = page.getByTestId('export-count');
  await expect(count).toHaveText(/^\d+ trajector(y|ies) will be exported$/);
  const records = Number((await count.textContent())!.replace(/\D+/g, ''));
  await page.getByTestId('export-launch').click();
  const exported = page.getByTestId('export-row').first();
  await expect(exported).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(exported.getByTestId('export-records')).toHaveText(String(records));
  const download = page.waitForEvent('download');
  await exported.getByTestId('export-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^phase1-general-openai-.*\.jsonl$/);
  const lines = fs
    .readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(records);

  // The trajectory's record: the one holding the refused call.
  const calls = (m: OpenAiMessage) => (m.role === 'assistant' ? (m.tool_calls ?? []) : []);
  const holds = (m: OpenAiMessage, c: { name: string; args: string }) =>
    calls(m).some((t) => t.function.name === c.name && isDeepStrictEqual(parse(t.function.arguments), JSON.parse(c.args)));
  const mine = lines.map((l) => JSON.parse(l) as OpenAiRecord).filter((r) => r.messages.some((m) => holds(m, wrong)));
  expect(mine, 'records holding the refused call').toHaveLength(1);
  const record = mine[0]!;
  expect(checkOpenAiRecord(record)).toEqual([]);
  const messages = record.messages;
  const at = messages.findIndex((m) => holds(m, wrong));
  expect(messages[at]).toMatchObject({ role: 'assistant', weight: 0 });
  const refusal = messages.find((m) => m.role === 'tool' && m.tool_call_id === calls(messages[at]!)[0]!.id);
  expect(refusal?.content).toMatch(/^Error/);
  const fixed = messages.findIndex((m, i) => i > at && holds(m, right!));
  expect(fixed, 'the right call after the refused one').toBeGreaterThan(at);
  expect(messages[fixed]).toMatchObject({ role: 'assistant', weight: 1 });
  // Every other agent message is trained on, as the page's badges said; the record ends on the agent.
  const weights = messages.flatMap((m) => (m.role === 'assistant' ? [m.weight] : []));
  expect(weights).toEqual(shown.map((m) => (m.trained ? 1 : 0)));
  expect(weights.filter((w) => w === 0)).toHaveLength(1);
  expect(messages.at(-1)!.role).toBe('assistant');
});

/** Arguments as sent: an object when they are JSON, the text when not. */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
