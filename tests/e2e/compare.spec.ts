/**
 * Compare: pin the scenario as A, change it, and read A beside "Now" against the model run in
 * Node: the headline's and line items' differences (which add up to the cost's), the changed
 * inputs marked, the pins carried by the share link and a saved scenario, and unpinning; a pin
 * named on the page heads its column and travels in the link; the capacity rows are each
 * column's own estimate.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { money } from './written.ts';
import { cents, evaluate, Planner, preset, tools } from './model.ts';
import { choose, open, openMenu, section, watchErrors } from './page.ts';

/** The comparison's table `name`. */
const table = (page: Page, name: string) => page.getByRole('table', { name });

/**
 * Cells of `name`'s row `label` as text: a value and, after A, its difference. The table is
 * scrolled into view first: off screen its layout is skipped (`content-visibility`), and so is
 * its text.
 */
async function cells(page: Page, name: string, label: string): Promise<string[]> {
  await table(page, name).scrollIntoViewIfNeeded();
  // Content skipped off screen is laid out in the next rendering update.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const row = table(page, name).locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  return row.locator('td').allInnerTexts();
}

/** Cents from a signed difference such as `+$1,234.56`, `−$4.00` or `no change`. */
function delta(text: string): number {
  if (text === 'no change') return 0;
  const sign = text.startsWith('−') ? -1 : 1;
  return sign * cents(text.slice(1));
}

test('pin A, change the scenario: figures, line items and their differences are the model\'s and add up', async ({ page }) => {
  const errors = watchErrors(page);
  const model = Planner.fromPreset('phase1-3-customers');
  await open(page);
  await choose(page, 'phase1-3-customers');
  await section(page, 'Compare');
  await expect(page.locator('#compare-section')).toBeHidden();
  await page.getByRole('button', { name: 'Pin as A' }).click();
  model.pin();
  await expect(page.getByRole('button', { name: 'Pin as B' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'CDN', exact: true }).setChecked(true);
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('5');
  // The CDN comes with the global load balancer it needs (the page's guardrail).
  model.setAll([
    { path: 'network.loadBalancer', value: 'global' },
    { path: 'network.cdn', value: true },
  ]);
  const now = model.set('customers', 5).estimate;
  const c = tools.comparison(model.link());
  const a = c.headline[0]!.values[0]!;
  expect(c.headline[0]!.differences[1]).toBe(now.totals.monthlyCostCents - a);

  await section(page, 'Compare');
  // The comparison follows in a later frame (at most every 100 ms): wait for the last change.
  await expect.poll(() => cells(page, 'Headline figures', 'Customers')).toEqual(['3', '5\n+2']);
  const head = await cells(page, 'Headline figures', 'Monthly cost');
  expect(head.map((t) => t.split('\n')[0])).toEqual([money(a), money(now.totals.monthlyCostCents)]);
  const costDelta = delta(head[1]!.split('\n')[1]!);
  expect(costDelta).toBe(now.totals.monthlyCostCents - a);

  // Every line item's difference, read from the page, adds up to the monthly cost's.
  const lines = table(page, 'Line items (a missing line counts as zero)').locator('tbody tr');
  await expect(lines).toHaveCount(c.lineItems.length);
  const lineDeltas = (await lines.locator('td:last-child .delta').allInnerTexts()).map(delta);
  expect(lineDeltas.reduce((x, y) => x + y, 0)).toBe(costDelta);
  expect(lineDeltas).toEqual(c.lineItems.map((r) => r.differences[1]));
  // The CDN lines exist only in "Now".
  const cdn = c.lineItems.filter((r) => r.component === 'cdn');
  expect(cdn.length).toBeGreaterThan(0);
  expect(cdn.every((r) => r.values[0] === null)).toBe(true);

  // Changed inputs: listed and marked.
  const inputs = table(page, 'Inputs that differ (a value other than A’s is marked)');
  // The model lists the CDN switch first (field order), then the added cohort's fields; the
  // first 8 are shown until "Show all".
  expect(c.inputs.map((r) => r.path)).toContain('network.cdn');
  expect(c.inputs.length).toBeGreaterThan(8);
  // Each reads by its label, a cohort's after the cohort's name, its field path in a tooltip.
  await expect(inputs.locator('tbody th')).toHaveText(c.inputs.slice(0, 8).map((r) => r.name));
  const cohortRow = c.inputs.find((r) => r.path.startsWith('customers['))!;
  const cohort = /^customers\[\d+\]/.exec(cohortRow.path)![0];
  expect(cohortRow.name).toBe(`${model.get(`${cohort}.name`)}: ${cohortRow.label}`);
  const cdnRow = inputs.locator('tbody tr').filter({ has: page.locator('th[title="network.cdn"]') });
  await expect(cdnRow.locator('td')).toHaveText(['off', 'on']);
  await expect(cdnRow.locator('td').last()).toHaveClass(/changed/);
  await expect(cdnRow.locator('td').first()).not.toHaveClass(/changed/);

  // The share link carries the pin: a fresh page shows the same comparison.
  await expect.poll(() => page.evaluate(() => location.hash.split('&&').length)).toBe(2);
  const link = await page.evaluate(() => location.hash.slice(1));
  const fresh = await page.context().newPage();
  await open(fresh, link);
  await section(fresh, 'Compare');
  expect(await cells(fresh, 'Headline figures', 'Monthly cost')).toEqual(head);
  await fresh.close();

  // Accessible, no sideways scroll of the page at 375 px.
  await page.setViewportSize({ width: 375, height: 800 });
  const axe = await new AxeBuilder({ page }).include('#compare-section').analyze();
  expect(axe.violations).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

  await page.getByRole('button', { name: 'Unpin A' }).click();
  await expect(page.locator('#compare-section')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Pin as A' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => location.hash.includes('&&'))).toBe(false);
  expect(errors).toEqual([]);
  model.free();
});

test('three pins at most; a preset keeps the pins; a saved scenario reopens with them', async ({ page }) => {
  await open(page);
  await section(page, 'Compare');
  for (const [label, customers] of [['A', '2'], ['B', '3'], ['C', '4']] as const) {
    await page.getByRole('spinbutton', { name: 'Customers' }).fill(customers);
    await page.getByRole('button', { name: `Pin as ${label}` }).click();
  }
  await expect(page.getByRole('button', { name: 'A, B and C pinned' })).toBeDisabled();
  await choose(page, 'phase2-10-customers');
  await section(page, 'Compare');
  const headings = table(page, 'Headline figures').locator('thead th');
  await expect(headings).toHaveCount(5);
  await expect.poll(async () => (await cells(page, 'Headline figures', 'Customers'))[3]).toBe('10\n+8');
  // Many inputs differ: the first 8 are listed, the rest on "Show all".
  const inputRows = table(page, 'Inputs that differ (a value other than A’s is marked)').locator('tbody tr');
  await expect(inputRows).toHaveCount(8);
  const differ = Number(/(\d+) inputs differ/.exec(await page.locator('#compare p.hint').first().innerText())![1]);
  expect(differ).toBeGreaterThan(8);
  await page.getByRole('button', { name: `Show all ${differ} inputs` }).click();
  await expect(inputRows).toHaveCount(differ);
  await page.getByRole('button', { name: 'Show the first 8 inputs' }).click();
  await expect(inputRows).toHaveCount(8);
  const counts = await cells(page, 'Headline figures', 'Customers');
  expect(counts.map((t) => t.split('\n')[0])).toEqual(['2', '3', '4', '10']);
  expect(counts.map((t) => t.split('\n')[1] ?? '')).toEqual(['', '+1', '+2', '+8']);

  await openMenu(page, 'Save');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Unpin B' }).click();
  await expect(headings).toHaveCount(4);
  await openMenu(page, 'Save');
  await page.getByRole('button', { name: /^Open / }).first().click();
  await expect(headings).toHaveCount(5);
});

/** `x` with `digits` decimals at most and thousands separators, en-US (the test's own formatting). */
const fixed = (x: number, digits: number) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

test('a pin named on the page heads its column and travels in the link; capacity rows are each column\'s own', async ({ page }) => {
  const errors = watchErrors(page);
  const name = preset('phase2-10-customers').name;
  await open(page);
  await section(page, 'Compare');
  await choose(page, 'phase2-10-customers');
  await page.getByRole('button', { name: 'Pin as A' }).click();
  const box = page.getByRole('textbox', { name: 'Name of pin A' });
  // The pin's name is its scenario's at first; the inputs that differ come first.
  await expect(box).toHaveValue(name);
  await expect(page.locator('#compare table caption').first()).toHaveText('Inputs that differ (a value other than A’s is marked)');
  await box.fill('Before: 3 regions');
  await box.press('Enter');
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('14');
  const headings = table(page, 'Capacity at peak').locator('thead th');
  await expect(headings).toHaveText(['What', 'A: Before: 3 regions', `Now: ${name}`]);
  await expect.poll(() => page.evaluate(() => location.hash.split('&&').length)).toBe(2);

  // Each column's own estimate, evaluated here from its scenario.
  const a = preset('phase2-10-customers');
  const now = Planner.fromPreset('phase2-10-customers');
  now.set('customers', 14);
  const own = [evaluate(a), evaluate(now.scenario())];
  now.free();
  const worst = (e: (typeof own)[number]) => (e.findings[0]!.severity === 'info' ? 'none' : e.findings[0]!.severity);
  const headroom = own.map((e) => e.sizing.headroomRatio!);
  const sign = (d: number) => (d > 0 ? '+' : d < 0 ? '−' : '');
  const change = (d: number, text: string) => (d === 0 ? 'no change' : `${sign(d)}${text}`);
  await expect
    .poll(() => cells(page, 'Capacity at peak', 'Headroom (capacity / peak)'))
    .toEqual([`${headroom[0]!.toFixed(2)}×`, `${headroom[1]!.toFixed(2)}×\n${change(headroom[1]! - headroom[0]!, `${Math.abs(headroom[1]! - headroom[0]!).toFixed(2)}×`)}`]);
  const p95 = own.map((e) => e.sizing.latencyP95Ms!);
  expect(await cells(page, 'Capacity at peak', 'Latency p95 at peak')).toEqual([
    `${fixed(p95[0]!, 1)} ms`,
    `${fixed(p95[1]!, 1)} ms\n${change(p95[1]! - p95[0]!, `${fixed(Math.abs(p95[1]! - p95[0]!), 1)} ms`)}`,
  ]);
  const cpu = own.map((e) => e.sizing.cpuUtilizationAtPeak * 100);
  const cpuCells = await cells(page, 'Capacity at peak', 'CPU at peak');
  expect(cpuCells.map((t) => t.split('\n')[0])).toEqual(cpu.map((x) => `${x.toFixed(1)}%`));
  expect(await cells(page, 'Capacity at peak', 'What binds capacity')).toEqual(
    own.map((e) => (e.sizing.capacityBound === 'cpu' ? 'CPU' : 'concurrency')),
  );
  expect(await cells(page, 'Capacity at peak', 'Worst finding')).toEqual(own.map(worst));

  // The link keeps the name: a fresh page heads A with it.
  const link = await page.evaluate(() => location.hash.slice(1));
  const fresh = await page.context().newPage();
  await open(fresh, link);
  await section(fresh, 'Compare');
  await expect(fresh.getByRole('textbox', { name: 'Name of pin A' })).toHaveValue('Before: 3 regions');
  await fresh.locator('#compare').scrollIntoViewIfNeeded();
  await expect(table(fresh, 'Headline figures').locator('thead th').nth(1)).toHaveText('A: Before: 3 regions');
  await fresh.close();

  // A name the model refuses stays in the box, marked, with the model's message; the pin keeps its name.
  await box.fill('x'.repeat(121));
  await box.press('Enter');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#compare [role=status]')).toContainText('pins[0].name = ');
  await expect(headings.nth(1)).toHaveText('A: Before: 3 regions');
  expect(errors).toEqual([]);
});
