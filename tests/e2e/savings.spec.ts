/**
 * The savings and sensitivity panels against the model run in Node: the savings listed are the
 * model's `savings` (safe ones best first, the risky ones apart with why); applying the top
 * saving lowers the headline monthly cost by exactly the stated amount and Undo returns the
 * figures and the share link; the tornado's bars and table are the model's `sensitivity`.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { money } from './written.ts';
import { barCells, figuresOf, rangeText } from '../../www/src/decidetext.ts';
import type { Saving } from '../../www/src/tools.ts';
import { cents, encodeLink, evaluate, expectHeadline, Planner, preset, tools } from './model.ts';
import { choose, cspViolations, open, watchErrors, watchViolations, section } from './page.ts';

const ID = 'phase2-10-customers';

/** The address bar's fragment, once it holds `link` (it follows changes at most every 250 ms). */
async function expectLink(page: Page, link: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash.slice(1)))).toBe(decodeURIComponent(link));
}

/** A card's figures as `[label, value]` pairs. */
async function cardFigures(page: Page, list: string, index: number): Promise<[string, string][]> {
  const card = page.getByRole('list', { name: list, exact: true }).getByRole('listitem').nth(index);
  const names = await card.locator('dt').allInnerTexts();
  const values = await card.locator('dd').allInnerTexts();
  return names.map((n, i) => [n, values[i]!]);
}

/** Expects the cards of `list` to be `savings`, in order, with their figures. */
/** How many cards each list shows before "Show all", and what its button calls them. */
const SHORT: Record<string, [limit: number, noun: string]> = {
  'Safe savings, largest first': [5, 'safe savings'],
  'Savings that break a target or capacity': [3, 'savings that break a target'],
};

async function expectCards(page: Page, list: string, savings: readonly Saving[]): Promise<void> {
  const items = page.getByRole('list', { name: list, exact: true }).getByRole('listitem');
  const [limit, noun] = SHORT[list]!;
  await expect(items.first()).toBeVisible();
  const folded = !(await page.getByRole('button', { name: `Show the first ${limit} ${noun}` }).isVisible());
  if (savings.length > limit && folded) {
    await expect(items).toHaveCount(limit);
    await page.getByRole('button', { name: `Show all ${savings.length} ${noun}` }).click();
  }
  await expect(items).toHaveCount(savings.length);
  await expect(items.getByRole('heading')).toHaveText(savings.map((s) => s.title));
  for (const [i, s] of savings.entries()) {
    expect(await cardFigures(page, list, i)).toEqual(figuresOf(s));
    await expect(items.nth(i).getByRole('button', { name: `Apply: ${s.title}` })).toBeVisible();
  }
}

test('phase 2: the savings are the model\'s; Apply lowers the monthly cost by the stated amount and Undo returns the figures and link', async ({ page }) => {
  const errors = watchErrors(page);
  const model = Planner.fromPreset(ID);
  const found = tools.savings(model.link());
  const top = found.safe[0]!;
  expect(found.safe.length).toBeGreaterThan(1);
  expect(found.risky.length).toBeGreaterThan(0);
  // Each saving is the difference of two evaluations.
  const applied = model.setAll(top.changes.map(({ path, value }) => ({ path, value }))).estimate;
  expect(applied.totals.monthlyCostCents).toBe(found.monthlyCostCents - top.monthlySavingCents);

  await open(page);
  await choose(page, ID);
  const original = evaluate(preset(ID));
  await expectHeadline(page, original);
  const linkBefore = Planner.fromPreset(ID).link();
  await expectLink(page, linkBefore);

  await section(page, 'Savings');
  await expectCards(page, 'Safe savings, largest first', found.safe);
  await expectCards(page, 'Savings that break a target or capacity', found.risky);
  const risky = page.getByRole('list', { name: 'Savings that break a target or capacity' }).getByRole('listitem').first();
  await expect(risky.locator('dd.error')).toHaveText(found.risky[0]!.breaks.join(' '));

  const cost = page.getByRole('status', { name: 'Monthly cost' });
  const before = cents(await cost.innerText());
  expect(before).toBe(found.monthlyCostCents);
  await page.getByRole('button', { name: `Apply: ${top.title}` }).click();
  await expect(cost).toHaveText(money(before - top.monthlySavingCents));
  expect(cents(await cost.innerText())).toBe(before - top.monthlySavingCents);
  await expectHeadline(page, applied);
  await expect(page.locator('.savings-status')).toContainText(`Applied: ${top.title}. Monthly cost fell by ${money(top.monthlySavingCents)}`);
  await expectLink(page, model.link());
  // The list follows the applied scenario: the top saving is gone from it.
  await expect(page.getByRole('button', { name: `Apply: ${top.title}` })).toHaveCount(0);
  await expectCards(page, 'Safe savings, largest first', tools.savings(model.link()).safe);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expectHeadline(page, original);
  await expectLink(page, linkBefore);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden();
  await expect(page.locator('.savings-status')).toHaveText(`Undone: back to ${money(before)} a month.`);
  await expectCards(page, 'Safe savings, largest first', found.safe);
  expect(errors).toEqual([]);
  model.free();
});

test('Undo after a later change returns to the scenario before the Apply, pins included', async ({ page }) => {
  const model = Planner.fromPreset('week9-baseline');
  model.pin();
  const linkBefore = model.link();
  const original = model.estimate();
  const top = tools.savings(model.link()).safe[0]!;
  await open(page, linkBefore);
  await section(page, 'Compare');
  await expect(page.getByRole('table', { name: 'Headline figures' })).toBeVisible();
  await section(page, 'Savings');
  await page.getByRole('button', { name: `Apply: ${top.title}` }).click();
  await expect(page.getByRole('status', { name: 'Monthly cost' })).toHaveText(money(original.totals.monthlyCostCents - top.monthlySavingCents));
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('9');
  await expect(page.getByRole('status', { name: 'Monthly cost' })).not.toHaveText(money(original.totals.monthlyCostCents - top.monthlySavingCents));
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectHeadline(page, original);
  await expectLink(page, linkBefore);
  model.free();
});

test('phase 2: the tornado\'s bars and table are the model\'s sensitivity, for cost and for margin', async ({ page }) => {
  const errors = watchErrors(page);
  const t = tools.sensitivity(encodeLink(preset(ID)));
  expect(t.bars.length).toBe(10);
  await open(page);
  await choose(page, ID);
  // Down the page as a reader goes: the savings list above is built first (a jump straight to a
  // panel below it can see that panel pushed off screen while the list is built).
  await section(page, 'Savings');
  await expect(page.getByRole('list', { name: 'Safe savings, largest first' }).getByRole('listitem').first()).toBeVisible();
  await section(page, 'Savings');
  const table = page.getByRole('table', { name: /^Sensitivity/ });
  await expect(table.locator('tbody tr')).toHaveCount(t.bars.length);
  const rows = await table.locator('tbody tr').all();
  // textContent: the table's scrolling box skips rendering off screen (content-visibility), so innerText reads empty.
  expect(await Promise.all(rows.map((r) => r.locator('td').allTextContents()))).toEqual(t.bars.map(barCells));

  const chart = page.getByRole('img', { name: /^Tornado chart of monthly cost, 10 bars/ });
  const bars = chart.locator('li');
  await expect(bars).toHaveCount(10);
  for (const [i, bar] of t.bars.entries()) {
    await expect(bars.nth(i)).toContainText(`${bar.label} (${rangeText(bar)})`);
    await expect(bars.nth(i)).toContainText(`low: ${money(bar.monthlyCostLowCents)} · high: ${money(bar.monthlyCostHighCents)}`);
  }
  // The widest bar spans the track's half on its longer side, drawn through the CSSOM.
  const widths = await bars.first().locator('.tornado-bar').evaluateAll((els) => els.map((e) => (e as HTMLElement).style.width));
  expect(widths).toContain('50%');

  await page.getByRole('radio', { name: 'Gross margin' }).check();
  const margin = page.getByRole('img', { name: /^Tornado chart of gross margin, 10 bars/ });
  await expect(margin).toBeVisible();
  const swing = (b: (typeof t.bars)[number]) =>
    Math.max(Math.abs((b.grossMarginLowPct ?? t.grossMarginPct!) - t.grossMarginPct!), Math.abs((b.grossMarginHighPct ?? t.grossMarginPct!) - t.grossMarginPct!));
  const first = [...t.bars].sort((a, b) => swing(b) - swing(a))[0]!;
  await expect(margin.locator('li').first()).toContainText(first.label);
  expect(errors).toEqual([]);
});

test('at 375 px, drawn, the savings and sensitivity panels are axe clean, do not scroll sideways and break no CSP rule', async ({ page }) => {
  await watchViolations(page);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  await choose(page, ID);
  await section(page, 'Savings');
  const top = tools.savings(encodeLink(preset(ID))).safe[0]!;
  await page.getByRole('button', { name: `Apply: ${top.title}` }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await section(page, 'Savings');
  // The tornado draws once near the screen, as a reader scrolls to it.
  await page.locator('#tornado').scrollIntoViewIfNeeded();
  await expect(page.getByRole('table', { name: /^Sensitivity/ }).locator('tbody tr').first()).toBeVisible();
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
  const { violations } = await new AxeBuilder({ page }).include('#savings').include('#tornado').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});
