/**
 * The 12-month timeline panel against the model run in Node: the table's months are the tools
 * module's `timeline` of the scenario on screen (written by the tests' own formatting, written.ts), month 12 is
 * the headline monthly cost once every cohort is live at full load, the summary is computed from
 * the months, and a go-live month or ramp edited in the cohort table moves the timeline as it
 * moves the model's.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Scenario } from '../../www/src/engine.ts';
import { money, num, percent } from './written.ts';
import type { Timeline, TimelineMonth } from '../../www/src/tools.ts';
import { encodeLink, evaluate, Planner, preset, tools } from './model.ts';
import { choose, open, watchErrors, section } from './page.ts';

const CAPTION = '12-month timeline';

/**
 * Scrolls the timeline panel into view (it computes only while on screen), and once its code is
 * in, its table (the panels above it, built at the same time, may have pushed it off screen).
 */
async function showTimeline(page: Page): Promise<void> {
  await section(page, 'Growth');
  await page.getByRole('table', { name: CAPTION }).scrollIntoViewIfNeeded();
}

/** A month as the page's table writes it. */
function row(m: TimelineMonth): string[] {
  return [
    String(m.month),
    num(m.customersLive),
    money(m.monthlyCostCents),
    money(m.monthlyRevenueCents),
    percent(m.grossMarginPct),
    money(m.cumulativeCostCents),
    money(m.cumulativeRevenueCents),
    percent(m.cumulativeMarginPct),
  ];
}

/** Waits until the table shows `t`'s months exactly. */
async function expectMonths(page: Page, t: Timeline): Promise<void> {
  const rows = page.getByRole('table', { name: CAPTION }).locator('tbody tr');
  await expect(rows).toHaveCount(12);
  await expect(async () => {
    const shown = await Promise.all((await rows.all()).map((r) => r.locator('td').allInnerTexts()));
    expect(shown).toEqual(t.months.map(row));
  }).toPass({ timeout: 5000 });
}

/** Every cohort live and at full load by month 12 (then month 12 is the scenario itself). */
const settled = (s: Scenario) => s.customers.every((c) => c.goLiveMonth + c.rampMonths <= 12);

/** The first month from which cumulative revenue stays above cumulative cost, or null. */
function payback(t: Timeline): number | null {
  let from: number | null = null;
  for (const m of t.months) {
    if (m.cumulativeRevenueCents > m.cumulativeCostCents) from ??= m.month;
    else from = null;
  }
  return from;
}

test('seed-path: the table is the model\'s timeline, month 12 is the headline monthly cost, the summary says when cumulative margin turns positive', async ({ page }) => {
  const errors = watchErrors(page);
  const scenario = preset('seed-path');
  const t = tools.timeline(encodeLink(scenario));
  expect(t.paybackMonth).toBe(payback(t));
  expect(scenario.customers.map((c) => c.goLiveMonth)).toEqual([3, 4, 4, 5]);
  expect(t.months.map((m) => m.customersLive)).toEqual([0, 0, 1, 3, 10, 10, 10, 10, 10, 10, 10, 10]);
  await open(page);
  await choose(page, 'seed-path');
  await showTimeline(page);
  await expectMonths(page, t);

  // Every cohort is live at full load by month 12, so month 12 costs what the headline says.
  expect(settled(scenario)).toBe(true);
  const monthly = evaluate(scenario).totals.monthlyCostCents;
  expect(t.months[11]!.monthlyCostCents).toBe(monthly);
  const headline = await page.getByRole('status', { name: 'Monthly cost' }).innerText();
  expect(headline).toBe(money(monthly));
  const month12 = page.getByRole('table', { name: CAPTION }).locator('tbody tr').nth(11).locator('td').nth(2);
  await expect(month12).toHaveText(headline);

  const n = payback(t);
  expect(n).not.toBeNull();
  const summary = page.getByRole('status', { name: 'Timeline summary' });
  await expect(summary).toHaveText(
    `Cumulative margin turns positive in month ${n}. Month 12 costs ${headline}, the scenario's monthly cost: every cohort is live at full load.`,
  );
  await expect(page.getByRole('img', { name: /^Monthly cost and revenue, months 1 to 12: cost from/ })).toHaveAccessibleName(
    new RegExp(`to ${money(t.months[11]!.monthlyCostCents).replace('$', '\\$')}, revenue from \\$0\\.00 to`),
  );
  // Printed at the print test's width, the drawn table (it cannot scroll on paper) fits.
  await page.setViewportSize({ width: 700, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(700);
  expect(errors).toEqual([]);
});

test('a go-live month and a ramp edited in the cohort table move the timeline as they move the model\'s', async ({ page }) => {
  const errors = watchErrors(page);
  const model = Planner.fromPreset('seed-path');
  await open(page);
  await choose(page, 'seed-path');
  await page.getByText('Advanced').click();

  // The typical customers go live in month 8 instead of 5.
  const goLive = page.getByRole('spinbutton', { name: /^Go-live month.*, cohort 4$/ });
  await expect(goLive).toHaveValue('5');
  await goLive.fill('8');
  model.set('customers[3].goLiveMonth', 8);
  const later = tools.timeline(model.link());
  expect(later.months[6]!.customersLive).toBe(3);
  await showTimeline(page);
  await expectMonths(page, later);
  expect(settled(model.scenario())).toBe(true);
  await expect(page.getByRole('status', { name: 'Timeline summary' })).toContainText("the scenario's monthly cost: every cohort is live at full load.");

  // Customer #1 ramps over 11 months from month 3: not at full load by month 12, so month 12
  // costs less than the headline figure, and the summary says so.
  const ramp = page.getByRole('spinbutton', { name: /^Months to ramp.*, cohort 1$/ });
  await ramp.fill('11');
  model.set('customers[0].rampMonths', 11);
  const ramped = tools.timeline(model.link());
  expect(settled(model.scenario())).toBe(false);
  await showTimeline(page);
  await expectMonths(page, ramped);
  const monthly = model.estimate().totals.monthlyCostCents;
  expect(ramped.months[11]!.monthlyCostCents).not.toBe(monthly);
  await expect(page.getByRole('status', { name: 'Monthly cost' })).toHaveText(money(monthly));
  await expect(page.getByRole('status', { name: 'Timeline summary' })).toContainText(
    `Month 12 costs ${money(ramped.months[11]!.monthlyCostCents)} against the scenario's ${money(monthly)}: a cohort is not yet live at full load.`,
  );
  expect(errors).toEqual([]);
  model.free();
});

test('at 375 px the timeline panel is axe clean, does not scroll sideways, breaks no CSP rule and its tooltip names the month', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { __violations?: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  await choose(page, 'seed-path');
  await showTimeline(page);
  await expectMonths(page, tools.timeline(encodeLink(preset('seed-path'))));
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
  const { violations } = await new AxeBuilder({ page }).include('#timeline').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const chart = page.getByRole('img', { name: /^Cumulative cost and revenue, months/ });
  await chart.scrollIntoViewIfNeeded();
  await chart.locator('.u-over').hover({ position: { x: 60, y: 20 } });
  await expect(chart.locator('.chart-tip')).toContainText(/Month \d+\nCumulative cost \$/);
  expect(await page.evaluate(() => (window as { __violations?: string[] }).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});
