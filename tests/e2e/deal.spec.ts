/**
 * The prospect deal view against the model run in Node: a prospect like an existing cohort
 * costs what `deal` says, which is `evaluate(with) - evaluate(without)`; the lowest ACVs are the
 * model's; refused input is marked next to the field the model names and the last result stays;
 * the prospect can join the scenario as a cohort.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Scenario } from '../../www/src/engine.ts';
import { money } from './written.ts';
import { encodeLink, evaluate, expectHeadline, preset, tools } from './model.ts';
import { choose, open, watchErrors, section } from './page.ts';

const ID = 'phase1-3-customers';
const ACV = 52000;
const usd = (x: number) => money(Math.round(x * 100));

/** The scenario with one more cohort: one customer like cohort `like`, paying `acvUsd`. */
function withProspect(scenario: Scenario, name: string, like: number, acvUsd: number): Scenario {
  const profile = { ...scenario.customers[like]!.profile, acvUsd };
  return { ...scenario, customers: [...scenario.customers, { name, count: 1, profile, goLiveMonth: 1, rampMonths: 0 }] };
}

/** The result table's cells in the row whose basis starts with `basis`. */
function resultRow(page: Page, basis: string) {
  return page.getByRole('table', { name: 'Prospect deal' }).locator('tbody tr').filter({ hasText: basis }).locator('td');
}

/** Fills the form for a prospect like cohort `like` (0-based). */
async function likeCohort(page: Page, name: string, like: number, acvUsd: number): Promise<void> {
  await choose(page, ID);
  await section(page, 'Deal');
  await page.getByRole('textbox', { name: 'Prospect name' }).fill(name);
  await page.getByRole('spinbutton', { name: 'ACV (USD)' }).fill(String(acvUsd));
  await page.getByRole('radio', { name: 'Like an existing cohort' }).check();
  await page.getByRole('combobox', { name: 'Cohort', exact: true }).selectOption(String(like));
}

test('a prospect like an existing cohort: incremental cost and lowest ACVs are the model\'s', async ({ page }) => {
  const errors = watchErrors(page);
  const scenario = preset(ID);
  const d = tools.deal(encodeLink(scenario), { name: 'Acme', acvUsd: ACV, usage: { likeCohort: 1 } });
  const increment = evaluate(withProspect(scenario, 'Acme', 1, ACV)).totals.monthlyCostCents - evaluate(scenario).totals.monthlyCostCents;
  expect(d.incrementalMonthlyCents).toBe(increment);
  await open(page);
  await likeCohort(page, 'Acme', 1, ACV);
  await expect(resultRow(page, 'Incremental')).toHaveText(['Incremental (total with it less total without it)', money(increment), /%$/, usd(d.minAcvIncrementalUsd)]);
  for (const [rule, basis] of [['equal', 'Equal share'], ['byUsage', 'Share by usage'], ['byAcv', 'Share by ACV']] as const) {
    const share = d.allocated.find((s) => s.rule === rule)!;
    await expect(resultRow(page, basis)).toHaveText([basis, money(share.allocatedMonthlyCents), /%$/, usd(share.minAcvUsd)]);
  }
  expect(errors).toEqual([]);
});

test('refused input is marked next to its field with the model\'s message, and the last result stays', async ({ page }) => {
  const scenario = preset(ID);
  await open(page);
  await likeCohort(page, 'Acme', 0, ACV);
  const good = tools.deal(encodeLink(scenario), { name: 'Acme', acvUsd: ACV, usage: { likeCohort: 0 } });
  const incremental = resultRow(page, 'Incremental');
  await expect(incremental.nth(1)).toHaveText(money(good.incrementalMonthlyCents));

  const target = page.getByRole('spinbutton', { name: 'Target margin (%)' });
  await target.fill('100');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(target).toHaveAccessibleDescription('targetMarginPct = 100: allowed a number from 0 to 99.9');
  await expect(incremental.nth(1)).toHaveText(money(good.incrementalMonthlyCents));
  await target.fill('80');
  await expect(target).not.toHaveAttribute('aria-invalid');
  const at80 = tools.deal(encodeLink(scenario), { name: 'Acme', acvUsd: ACV, usage: { likeCohort: 0 } }, 80);
  await expect(incremental.nth(3)).toHaveText(usd(at80.minAcvIncrementalUsd));

  await page.getByRole('radio', { name: 'Scaled from the typical customer' }).check();
  const factor = page.getByRole('spinbutton', { name: 'Times the typical customer' });
  await factor.fill('2000');
  await expect(factor).toHaveAccessibleDescription('prospect.usage.scaledTypical = 2000: allowed a number from 0 to 1000');

  await page.getByRole('radio', { name: 'Given directly' }).check();
  const typical = scenario.typicalCustomer;
  const direct = tools.deal(encodeLink(scenario), { name: 'Acme', acvUsd: ACV, usage: { profile: typical } }, 80);
  await expect(incremental.nth(3)).toHaveText(usd(direct.minAcvIncrementalUsd));
  await page.getByRole('spinbutton', { name: 'Peak QPS', exact: true }).fill(String(typical.peakQps * 2));
  const peakUsage = { profile: { ...typical, peakQps: typical.peakQps * 2 } };
  const doubled = tools.deal(encodeLink(scenario), { name: 'Acme', acvUsd: ACV, usage: peakUsage }, 80);
  await expect(incremental.nth(3)).toHaveText(usd(doubled.minAcvIncrementalUsd));
  const mean = page.getByRole('spinbutton', { name: 'Mean QPS' });
  await mean.fill(String(typical.peakQps * 3));
  await expect(mean).toHaveAttribute('aria-invalid', 'true');
  await expect(mean).toHaveAccessibleDescription(new RegExp(`^customers\\[3\\]\\.profile\\.avgQps = ${typical.peakQps * 3}: allowed from peakQps`));
  await expect(incremental.nth(3)).toHaveText(usd(doubled.minAcvIncrementalUsd));
});

test('"Add the prospect to the scenario as a cohort" adds it as the engine says', async ({ page }) => {
  const scenario = preset(ID);
  await open(page);
  await likeCohort(page, 'Acme', 2, ACV);
  await page.getByRole('button', { name: 'Add the prospect to the scenario as a cohort' }).click();
  await expectHeadline(page, evaluate(withProspect(scenario, 'Acme', 2, ACV)));
  await expect(page.getByRole('spinbutton', { name: 'Customers' })).toHaveValue('4');
});
