/**
 * The Deal view's other ways of giving usage, against the model run in Node: a prospect like an
 * existing cohort costs `evaluate(with) - evaluate(without)`; daily active users become QPS as
 * worked by hand; a refused value is marked next to its field by the model's message and the last
 * answer stays. (The rep's main task, the link, exports, "Add" and the quote: quote.spec.ts.)
 */
import { expect, test, type Page } from '@playwright/test';
import { evaluate, preset } from './model.ts';
import { choose, open, section, watchErrors } from './page.ts';
import { money } from './written.ts';

/** The deal form's input labelled `name`. */
const input = (page: Page, name: string) => page.locator('#deal').getByLabel(name, { exact: true });

/** The detail table's row for `basis`. */
const row = (page: Page, basis: string) => page.getByRole('table', { name: /^The deal by basis/ }).locator('tbody tr').filter({ hasText: basis }).locator('td');

test("a prospect like an existing cohort costs what two evaluations say", async ({ page }) => {
  const errors = watchErrors(page);
  const s = preset('phase1-3-customers');
  const profile = { ...s.customers[1]!.profile, acvUsd: 52000 };
  const w = evaluate({ ...s, customers: [...s.customers, { name: 'Acme', count: 1, profile, goLiveMonth: 1, rampMonths: 0 }] });
  const incremental = w.totals.monthlyCostCents - evaluate(s).totals.monthlyCostCents;
  await open(page);
  await choose(page, 'phase1-3-customers');
  await section(page, 'Deal');
  await input(page, 'Prospect name').fill('Acme');
  await input(page, 'ACV (USD a year)').fill('52000');
  await input(page, 'Usage given as').selectOption({ label: 'Like a cohort' });
  await input(page, 'Like the cohort').selectOption({ label: '2. Customer #2' });
  await expect(row(page, 'Incremental').nth(1)).toHaveText(money(incremental));
  await expect(row(page, "Share by usage (the scenario's rule)").nth(1)).toHaveText(money(w.customers.at(-1)!.allocatedMonthlyCents));
  await expect(input(page, 'Peak QPS (requests/s)')).toBeHidden();
  expect(errors).toEqual([]);
});

test('daily active users become QPS shaped like the typical customer, said in a sentence', async ({ page }) => {
  await open(page);
  await choose(page, 'phase2-10-customers');
  await section(page, 'Deal');
  await input(page, 'Prospect name').fill('Acme');
  await input(page, 'Usage given as').selectOption({ label: 'Daily active users' });
  await input(page, 'Daily active users').fill('10000');
  await input(page, 'Requests per user a day').fill('50');
  // 10,000 x 50 = 500,000 requests a day = 5.79 QPS on average. Phase 2's typical customer runs
  // 45 QPS for 2 hours with a 13.5 mean: 45 x 2 / (24 x 13.5) = 28% of its requests in its peak
  // hours, a peak of 5.787 x 45 / 13.5 = 19.29 QPS.
  await expect(page.locator('.deal-sentence')).toHaveText(
    '10,000 users × 50 requests = 500,000 requests a day, 5.79 QPS on average; shaped like the typical customer (28% of the day\'s requests in its 2 peak hours), 19.29 QPS at peak.',
  );
});

test('a refused value is marked next to its field with the model\'s message, and the last answer stays', async ({ page }) => {
  await open(page);
  await choose(page, 'phase2-10-customers');
  await section(page, 'Deal');
  await input(page, 'Prospect name').fill('Acme');
  await input(page, 'Peak QPS (requests/s)').fill('30');
  const headline = page.locator('.deal-headline');
  // The answer for 30 QPS (the panel redraws at most every 100 ms: wait past the answer for 0).
  await expect(headline).toHaveText(/^Acme costs \$(?!0\.00 )/);
  const before = await headline.innerText();
  const target = input(page, 'Target margin (%)');
  await target.fill('100');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(target).toHaveAccessibleDescription('deal.targetMarginPct = 100: allowed a number from 0 to 99.9');
  await expect(headline).toHaveText(before);
  // Mean QPS above the peak, given under "More": the deal field is named, the answer stays.
  await page.getByText('More: mean QPS').click();
  await page.getByLabel('Set mean QPS, Firestore and CPU myself').check();
  await expect(input(page, 'Mean QPS (requests/s)')).toHaveValue('9');
  await input(page, 'Mean QPS (requests/s)').fill('40');
  await expect(page.locator('.deal-state')).toHaveText(/^Not priced: deal\.avgQps = 40: allowed/);
  await expect(headline).toHaveText(before);
});

test('a hostile prospect name stays text in the Deal, the Quote and its Markdown', async ({ page }) => {
  const IMG = '<img src=x onerror=window.__pwned=1>';
  await open(page);
  await section(page, 'Deal');
  await input(page, 'Prospect name').fill(IMG);
  await input(page, 'Peak QPS (requests/s)').fill('30');
  await expect(page.locator('.deal-headline')).toContainText(`${IMG} costs`);
  await section(page, 'Quote');
  await expect(page.getByRole('heading', { name: `Quote for ${IMG}` })).toBeVisible();
  await page.getByText('The quote as Markdown', { exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'The quote as Markdown' })).toHaveValue(/^# Quote for \\<img src=x onerror=window\.\\_\\_pwned=1\\>\n/);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('#view-quote img, #view-deal img').count()).toBe(0);
});
