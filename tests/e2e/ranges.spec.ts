/**
 * Usage ranges and the display currency in the page, against the model run in Node: a range set
 * in Advanced shows each headline figure's low-to-high range and lands in the CSV; a currency
 * with its rate and date shows the converted figures and its rate and date in the Markdown export;
 * a currency without a date is refused with the model's message and changes nothing.
 */
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { money, percent } from './written.ts';

/** Euro cents as the page writes a euro amount: `€1,135.80`. */
const euros = ({ minorUnits }: { minorUnits: number }) => money(minorUnits).replace('$', '€');
import { expectHeadline, Planner, shownHeadline, tools } from './model.ts';
import { choose, open, openMenu, section, watchErrors } from './page.ts';

/** Clicks `name` (in the Export menu) and returns the text of the file it downloads. */
async function downloadText(page: Page, name: string): Promise<string> {
  await openMenu(page, 'Export');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return readFileSync(await file.path(), 'utf8').replace(/^\ufeff/, '');
}

/** The figure box of headline figure `name`. */
const figure = (page: Page, name: string) => page.locator('.figure').filter({ has: page.getByRole('status', { name }) });

test('a usage range shows each figure\'s range from full low and high evaluations, and the CSV carries all three', async ({ page }) => {
  const errors = watchErrors(page);
  const model = Planner.fromPreset('phase1-3-customers');
  await open(page);
  await choose(page, 'phase1-3-customers');
  await expect(figure(page, 'Monthly cost').locator('.figure-range')).toBeHidden();
  await page.getByText('Advanced').click();
  await page.getByRole('spinbutton', { name: 'Peak QPS, high (% of typical)' }).fill('150');
  await page.getByRole('spinbutton', { name: 'Egress, low (% of typical)' }).fill('50');
  model.set('ranges.peakQpsHighPct', 150);
  const e = model.set('ranges.egressGbLowPct', 50).estimate;
  const range = e.range!;
  expect(range.low.monthlyCostCents).toBeLessThan(e.totals.monthlyCostCents);
  expect(range.high.monthlyCostCents).toBeGreaterThan(e.totals.monthlyCostCents);
  await expectHeadline(page, e);
  await expect(figure(page, 'Monthly cost').locator('.figure-range')).toHaveText(
    `range ${money(range.low.monthlyCostCents)} to ${money(range.high.monthlyCostCents)}`,
  );
  // More usage, less margin: the margin's range runs from the high scenario's to the low one's.
  await expect(figure(page, 'Gross margin').locator('.figure-range')).toHaveText(
    `range ${percent(range.high.grossMarginPct)} to ${percent(range.low.grossMarginPct)}`,
  );

  const rows: string[][] = parse(await downloadText(page, 'Export CSV'), { relax_column_count: true });
  const at = rows.findIndex((r) => r.length === 1 && r[0] === 'Ranges');
  expect(rows[at + 1]).toEqual(['Figure', 'Low', 'Typical', 'High']);
  const cost = rows[at + 2]!;
  expect(cost[0]).toBe('Monthly cost USD');
  expect(cost.slice(1).map((x) => Math.round(Number(x) * 100))).toEqual([range.low.monthlyCostCents, e.totals.monthlyCostCents, range.high.monthlyCostCents]);
  expect(errors).toEqual([]);
  model.free();
});

test('a display currency converts the headline once and its rate and date are in the Markdown; no date, no change', async ({ page }) => {
  const model = Planner.fromPreset('phase2-10-customers');
  await open(page);
  await choose(page, 'phase2-10-customers');
  const shown = await shownHeadline(page);
  const currency = page.getByRole('group', { name: 'Display currency' });
  await currency.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
  await expect(page.locator('#currency-message')).toHaveText(/^currency\.rateDate = "": allowed .*EUR needs one/);
  expect(await shownHeadline(page)).toEqual(shown);
  await expect(figure(page, 'Monthly cost').locator('.figure-converted')).toBeHidden();

  await currency.getByRole('spinbutton', { name: /Exchange rate/ }).fill('0.92');
  await currency.getByLabel('Rate date').fill('2026-11-27');
  await currency.getByLabel('Rate date').dispatchEvent('change');
  await expect(page.locator('#currency-message')).toHaveText('');
  model.setAll([
    { path: 'currency.rateDate', value: '2026-11-27' },
    { path: 'currency.perUsd', value: 0.92 },
    { path: 'currency.code', value: 'EUR' },
  ]);
  const c = model.estimate().currency!;
  expect(c.monthlyCost.minorUnits).toBe(Math.round((model.estimate().totals.monthlyCostCents * 92) / 100));
  await expect(figure(page, 'Monthly cost').locator('.figure-converted')).toHaveText(euros(c.monthlyCost));
  expect(await shownHeadline(page)).toEqual(shown); // USD underneath, unchanged
  await expect(page.locator('.figure-currency')).toHaveText('In EUR at 0.92 EUR per USD (rate of 2026-11-27), converted once from exact US cents.');

  const md = await downloadText(page, 'Export Markdown');
  expect(md).toContain('In EUR at 0.92 EUR per USD (rate of 2026-11-27)');
  expect(md).toContain(`monthly cost EUR ${euros(c.monthlyCost).replace('€', '')}`);
  // The currency travels in the link: a fresh page shows the same converted figure.
  const link = await page.evaluate(() => location.hash.slice(1));
  const fresh = await page.context().newPage();
  await open(fresh, link);
  await expect(figure(fresh, 'Monthly cost').locator('.figure-converted')).toHaveText(euros(c.monthlyCost));
  await fresh.close();
  model.free();
});

test('with usage ranges the growth charts shade the band between low and high usage, and the tooltip gives it', async ({ page }) => {
  const model = Planner.fromPreset('week9-baseline');
  model.set('ranges.peakQpsHighPct', 200);
  const g = tools.growth(model.link(), tools.growthCounts(1000, 200));
  await open(page, model.link());
  await section(page, 'Growth');
  const chart = page.getByRole('img', { name: /^Monthly cost from/ });
  await expect(chart).toHaveAttribute('aria-label', /The shaded band runs from the low to the high usage scenario\./);
  await chart.scrollIntoViewIfNeeded();
  const over = chart.locator('.u-over');
  // The pointer at 10 customers (log axis from 1 to 1,000).
  const x = await over.evaluate((el) => el.getBoundingClientRect().width / 3);
  await over.hover({ position: { x, y: 20 } });
  const tip = chart.locator('.chart-tip');
  await expect(tip).toContainText(' to ');
  const shown = (await tip.innerText()).split('\n')[0]!;
  const count = Number(shown.split(' customers')[0]!.replaceAll(',', ''));
  const point = g.points.find((p) => p.customers === count)!;
  const whole = (cents: number) => money(cents).replace(/\.\d\d$/, '');
  expect(shown).toBe(`${count} customers: ${whole(point.monthlyCostCents)} (${whole(point.range!.lowMonthlyCostCents)} to ${whole(point.range!.highMonthlyCostCents)})`);
  model.free();
});
