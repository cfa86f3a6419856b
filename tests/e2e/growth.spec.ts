/**
 * The growth panel against the model run in Node: the markers listed under the charts (a step
 * marker among them), the break-even count and where capacity runs out, for the same scenario
 * and the same 200 customer counts the page uses.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Growth } from '../../www/src/tools.ts';
import { num } from './written.ts';
import { Planner, tools } from './model.ts';
import { choose, cspViolations, open, watchErrors, watchViolations, section } from './page.ts';

/** The curve of `planner`'s scenario, as the page asks for it. */
const curve = (planner: Planner): Growth => tools.growth(planner.link(), tools.growthCounts(1000, 200));

/** Scrolls the growth panel into view (it draws only while on screen). */
async function showGrowth(page: Page): Promise<void> {
  await section(page, 'Growth');
}

/** The markers table's rows as `[customers, kind, what]` text, all of them ("Show all" pressed when offered). */
async function markerRows(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Markers on the growth curve' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const more = page.getByRole('button', { name: /^Show all \d+ markers$/ });
  if (await more.isVisible()) await more.click();
  const rows = await page.getByRole('table', { name: 'Markers on the growth curve' }).locator('tbody tr').all();
  return Promise.all(rows.map((r) => r.locator('td').allInnerTexts()));
}

/** The model's markers as the page lists them. */
function expectedRows(g: Growth): string[][] {
  return g.markers.map((m) => [num(m.customers), m.kind === 'finding' ? `Finding (${m.severity})` : 'Step', m.text]);
}

test('phase 2: the markers, with the Premium egress third tier at 55 customers, are the model\'s', async ({ page }) => {
  const errors = watchErrors(page);
  const model = Planner.fromPreset('phase2-10-customers');
  const g = curve(model);
  const step = g.markers.find((m) => m.kind === 'step' && m.text === 'Internet egress, Premium, third tier');
  expect(step?.customers).toBe(55);
  await open(page);
  await choose(page, 'phase2-10-customers');
  await showGrowth(page);
  const table = page.getByRole('table', { name: 'Markers on the growth curve' });
  // A long list shows its first 8 markers until "Show all" is pressed.
  expect(g.markers.length).toBeGreaterThan(8);
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await page.getByRole('button', { name: `Show all ${g.markers.length} markers` }).click();
  await expect(table.locator('tbody tr')).toHaveCount(g.markers.length);
  const row = table.locator('tbody tr').filter({ hasText: 'Internet egress, Premium, third tier' });
  await expect(row.locator('td')).toHaveText(['55', 'Step', 'Internet egress, Premium, third tier']);
  expect(await markerRows(page)).toEqual(expectedRows(g));
  await expect(page.getByRole('status', { name: 'Break-even' })).toHaveText('from the first customer');
  await expect(page.getByRole('status', { name: 'Capacity runs out' })).toHaveText('not within 1,000 customers');
  expect(errors).toEqual([]);
  model.free();
});

test('break-even and capacity run-out are the model\'s, and follow a change of the scenario', async ({ page }) => {
  const model = Planner.fromPreset('phase1-3-customers');
  model.set('typicalCustomer.acvUsd', 1000);
  for (let i = 0; i < 3; i++) model.set(`customers[${i}].profile.acvUsd`, 1000);
  const g = curve(model);
  expect(g.breakEvenCustomers).toBe(25);
  expect(g.capacityExhaustedAt).toBe(223);
  await open(page, model.link());
  await showGrowth(page);
  await expect(page.getByRole('status', { name: 'Break-even' })).toHaveText(`${num(g.breakEvenCustomers!)} customers`);
  await expect(page.getByRole('status', { name: 'Capacity runs out' })).toHaveText(`at ${num(g.capacityExhaustedAt!)} customers`);
  await expect(page.getByRole('img', { name: /^Monthly cost from/ })).toHaveAccessibleName(/Break-even 25 customers; capacity runs out at 223 customers/);
  expect(await markerRows(page)).toEqual(expectedRows(g));

  // A lower max-instances bound brings the run-out forward.
  await page.getByText('Advanced').click();
  await page.getByRole('spinbutton', { name: 'Max instances per region' }).fill('20');
  const after = curve((model.set('cloudRun.maxInstances', 20), model));
  expect(after.capacityExhaustedAt).not.toBe(g.capacityExhaustedAt);
  await showGrowth(page);
  await expect(page.getByRole('status', { name: 'Capacity runs out' })).toHaveText(`at ${num(after.capacityExhaustedAt!)} customers`);
  model.free();
});

test('pointing at a marker line names it in the tooltip', async ({ page }) => {
  await open(page);
  await choose(page, 'week9-baseline');
  await showGrowth(page);
  await expect(page.getByRole('status', { name: 'Capacity runs out' })).toHaveText('at 23 customers');
  const chart = page.getByRole('img', { name: /^Cost per customer from/ });
  await chart.scrollIntoViewIfNeeded();
  const over = chart.locator('.u-over');
  const x = await over.evaluate((el) => el.getBoundingClientRect().width * Math.log10(23) / 3);
  await over.hover({ position: { x, y: 20 } });
  await expect(chart.locator('.chart-tip')).toContainText('Capacity runs out');
});

test('at 375 px, drawn and with a refused deal field, the growth and deal panels are axe clean, do not scroll sideways and break no CSP rule', async ({ page }) => {
  await watchViolations(page);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  await choose(page, 'phase2-10-customers');
  await showGrowth(page);
  await expect(page.getByRole('table', { name: 'Markers on the growth curve' }).locator('tbody tr').first()).toBeVisible();
  await section(page, 'Deal');
  await page.locator('#deal').getByLabel('Prospect name', { exact: true }).fill('Acme');
  await page.locator('#deal').getByLabel('Peak QPS (requests/s)', { exact: true }).fill('30');
  await expect(page.getByRole('table', { name: /^The deal by basis/ }).locator('tbody tr')).toHaveCount(4);
  const target = page.getByRole('spinbutton', { name: 'Target margin (%)' });
  await target.fill('120');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
  const { violations } = await new AxeBuilder({ page }).include('#growth').include('#deal').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // The tooltip is placed through the CSSOM, which the policy allows (no inline style attribute).
  await showGrowth(page);
  const chart = page.getByRole('img', { name: /^Gross margin from/ });
  await chart.scrollIntoViewIfNeeded();
  await chart.locator('.u-over').hover({ position: { x: 40, y: 20 } });
  await expect(chart.locator('.chart-tip')).toContainText('customers:');
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
