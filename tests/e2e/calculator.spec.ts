/**
 * The live calculator in Chromium, checked against the model run in Node: the same wasm, the
 * same `set` calls, the page's own formatting. Served from www/dist as a static host would.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cents, evaluate, expectHeadline, headline, Planner, preset, presetIds, shownHeadline } from './model.ts';
import { choose, open, section } from './page.ts';

test('loads with no console errors and no request to another host', async ({ page }) => {
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await open(page);
  await page.getByText('Advanced').click();
  await page.waitForLoadState('networkidle');
  expect(requests.length).toBeGreaterThan(2);
  expect(requests.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
  expect(problems).toEqual([]);
  expect(await page.evaluate(() => performance.getEntriesByName('headroom:first-figures').length)).toBe(1);
});

for (const id of presetIds()) {
  test(`preset ${id}: the headline figures are the engine's`, async ({ page }) => {
    await open(page);
    await choose(page, presetIds().find((other) => other !== id)!);
    await choose(page, id);
    await expectHeadline(page, evaluate(preset(id)));
  });
}

/** One way of moving a control in the page; returns the value the page sent with `set`. */
type Move = (page: Page) => Promise<number | boolean | string>;

const slider = (name: string, key: string): Move => async (page) => {
  const control = page.getByRole('slider', { name });
  await control.press(key);
  return Number(await control.inputValue());
};
const field = (name: string, text: string): Move => async (page) => {
  await page.getByRole('spinbutton', { name }).fill(text);
  return Number(text);
};
const tick = (name: string, on: boolean): Move => async (page) => {
  await page.getByRole('checkbox', { name }).setChecked(on);
  return on;
};
const pick = (name: string, label: string, value: string): Move => async (page) => {
  await page.getByRole('combobox', { name }).selectOption({ label });
  return value;
};

const CONTROLS: [path: string, moves: Move[]][] = [
  ['customers', [slider('Customers', 'ArrowRight'), slider('Customers', 'ArrowLeft'), field('Customers', '25')]],
  ['peakQpsPerCustomer', [slider('Peak QPS per customer', 'ArrowRight'), field('Peak QPS per customer', '120.5')]],
  ['egressGbPerCustomer', [slider('Egress per customer (GB/month)', 'ArrowLeft'), field('Egress per customer (GB/month)', '750')]],
  ['network.cdnHitRatio', [slider('CDN hit ratio', 'ArrowRight'), field('CDN hit ratio', '0.8')]],
  ['network.cdn', [tick('CDN', false), tick('CDN', true), tick('CDN', false)]],
  ['discounts.cud', [pick('Committed use discount', '1 year', 'oneYear'), pick('Committed use discount', '3 years', 'threeYear')]],
];

test('each named control changes the figures the way the engine says', async ({ page }) => {
  const id = 'phase2-10-customers';
  const model = Planner.fromPreset(id);
  await open(page);
  await choose(page, id);
  await expectHeadline(page, model.estimate());
  for (const [path, moves] of CONTROLS) {
    const before = headline(model.estimate());
    for (const move of moves) {
      const value = await move(page);
      await expectHeadline(page, model.set(path, value).estimate);
    }
    expect(headline(model.estimate()), `${path} moved the figures`).not.toEqual(before);
  }
  model.free();
});

/** The engine's message refusing `path` = `value`. */
function refusal(model: Planner, path: string, value: number): string {
  try {
    model.set(path, value);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${path} = ${value} was accepted`);
}

/** Types `text` in `input`: it is marked with the engine's message for `path`, and the figures stay. */
async function expectRefused(page: Page, model: Planner, input: Locator, path: string, text: string): Promise<void> {
  const message = refusal(model, path, Number(text));
  const shown = await shownHeadline(page);
  await input.fill(text);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(message);
  await expect(page.getByText(message)).toBeVisible();
  expect(await shownHeadline(page)).toEqual(shown);
}

test('a bad value is marked with what is allowed, keeps the last result, and clears when fixed', async ({ page }) => {
  const model = Planner.fromPreset('week9-baseline');
  await open(page);
  const customers = page.getByRole('spinbutton', { name: 'Customers' });
  await expectRefused(page, model, customers, 'customers', '-5');
  await expectRefused(page, model, customers, 'customers', '2.5');
  await customers.fill('12');
  await expect(customers).not.toHaveAttribute('aria-invalid');
  await expect(customers).toHaveAccessibleDescription('');
  await expectHeadline(page, model.set('customers', 12).estimate);

  const ratio = page.getByRole('spinbutton', { name: 'CDN hit ratio' });
  // One slider step (0.01) below the preset's ratio.
  const lower = Math.round(Number(model.get('network.cdnHitRatio')) * 100 - 1) / 100;
  await expectRefused(page, model, ratio, 'network.cdnHitRatio', '1.5');
  await page.getByRole('slider', { name: 'CDN hit ratio' }).press('ArrowLeft');
  await expect(ratio).not.toHaveAttribute('aria-invalid');
  await expect(ratio).toHaveValue(String(lower));
  await expectHeadline(page, model.set('network.cdnHitRatio', lower).estimate);
  model.free();
});

test('Advanced: a price override and a Cloud Run field reprice the month as the engine does', async ({ page }) => {
  const model = Planner.fromPreset('week9-baseline');
  await open(page);
  await page.getByText('Advanced').click();
  const override = page.getByRole('spinbutton', { name: 'Override, Cloud Run requests, request-based' });
  await override.fill('4');
  await expectHeadline(page, model.set('priceOverrides.runRequests', 4).estimate);
  await page.getByRole('spinbutton', { name: 'Max instances per region' }).fill('3');
  await expectHeadline(page, model.set('cloudRun.maxInstances', 3).estimate);
  await override.fill('');
  await expectHeadline(page, model.set('priceOverrides.runRequests', null).estimate);
  await page.getByRole('textbox', { name: 'Regions (comma-separated)' }).fill('us-central1, us-east1');
  await page.getByRole('textbox', { name: 'Regions (comma-separated)' }).press('Tab');
  await expectHeadline(page, model.set('cloudRun.regions', 'us-central1, us-east1').estimate);
  model.free();
});

test('Advanced: a prospect cohort and a fixed line are added and removed as the engine says', async ({ page }) => {
  const model = Planner.fromPreset('phase1-3-customers');
  await open(page);
  await choose(page, 'phase1-3-customers');
  await page.getByText('Advanced').click();
  await page.getByRole('button', { name: 'Add cohort' }).click();
  await expectHeadline(page, model.edit({ kind: 'addCohort', name: 'Prospect' }));
  await expect(page.getByRole('spinbutton', { name: 'Customers' })).toHaveValue('4');
  await page.getByRole('spinbutton', { name: 'ACV (USD), cohort 4' }).fill('90000');
  await expectHeadline(page, model.set('customers[3].profile.acvUsd', 90000).estimate);
  await page.getByRole('button', { name: 'Remove cohort 1' }).click();
  await expectHeadline(page, model.edit({ kind: 'removeCohort', index: 0 }));
  await expect(page.getByRole('textbox', { name: 'Name, cohort 1' })).toHaveValue('Customer #2');
  await page.getByRole('button', { name: 'Add fixed line' }).click();
  await page.getByRole('spinbutton', { name: 'USD per month, fixed line 2' }).fill('250');
  model.edit({ kind: 'addFixedLine', label: 'New line', monthlyUsd: 0 });
  await expectHeadline(page, model.set('operations.fixedLines[1].monthlyUsd', 250).estimate);
  await page.getByRole('button', { name: 'Remove fixed line 1' }).click();
  await expectHeadline(page, model.edit({ kind: 'removeFixedLine', index: 0 }));
  model.free();
});

test('values a change moves besides the one set follow on the page: the Customers knob adds a cohort row and moves the mean peak QPS', async ({ page }) => {
  await open(page);
  await choose(page, 'phase1-3-customers');
  await page.getByText('Advanced').click();
  await expect(page.getByRole('textbox', { name: 'Name, cohort 3' })).toHaveValue('Customer #3');
  await expect(page.getByRole('textbox', { name: 'Name, cohort 4' })).toHaveCount(0);
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('5');
  // Phase 1 is three cohorts of one customer (peak QPS 50, 40 and 35); the two more join a new
  // cohort following the template (45): (50 + 40 + 35 + 2 x 45) / 5 = 43 per customer.
  await expect(page.getByRole('textbox', { name: 'Name, cohort 4' })).toHaveValue('Typical customer');
  await expect(page.getByRole('spinbutton', { name: 'Count, cohort 4' })).toHaveValue('2');
  await expect(page.getByRole('spinbutton', { name: 'Peak QPS per customer' })).toHaveValue('43');
  await expect(page.getByRole('slider', { name: 'Peak QPS per customer' })).toHaveValue('43');
  await expect(page.getByRole('slider', { name: 'Customers' })).toHaveValue('5');
  // Changed while Advanced is closed: opening it shows the new cohort too.
  await choose(page, 'phase1-3-customers');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('6');
  await page.getByText('Advanced').click();
  await expect(page.getByRole('spinbutton', { name: 'Count, cohort 4' })).toHaveValue('3');
});

test('the bill adds up to the monthly cost, folded or whole, and every cohort is listed', async ({ page }) => {
  await open(page);
  await section(page, 'Bill');
  const bill = page.getByRole('table', { name: 'The bill, line by line' });
  const sum = async (selector: string) => (await bill.locator(selector).allInnerTexts()).map(cents).reduce((a, b) => a + b, 0);
  for (const id of presetIds()) {
    await choose(page, id);
    const estimate = evaluate(preset(id));
    const total = cents(await page.getByRole('status', { name: 'Monthly cost' }).innerText());
    // Folded: free tiers and zero lines are one row, and the rows still add up to the total.
    const folded = estimate.lineItems.filter((l) => l.amountCents === 0 || (l.amountCents < 0 && l.component !== 'discount'));
    expect(folded.length).toBeGreaterThan(0);
    await expect(bill.locator('tbody tr')).toHaveCount(estimate.lineItems.length - folded.length);
    await expect(bill.locator('tfoot tr.folded th')).toHaveText(`Free tiers and zero lines (${folded.length})`);
    expect((await sum('tbody tr td:last-child')) + (await sum('tfoot tr.folded td'))).toBe(total);
    // Whole: every line.
    await page.getByRole('button', { name: 'Show all lines' }).click();
    await expect(bill.locator('tbody tr')).toHaveCount(estimate.lineItems.length);
    expect(await sum('tbody tr td:last-child')).toBe(total);
    await page.getByRole('button', { name: 'Fold free tiers and zero lines' }).click();
    const cohorts = page.getByRole('table', { name: 'Cost per customer cohort' }).locator('tbody tr');
    await expect(cohorts).toHaveCount(estimate.customers.length);
    await expect(cohorts.locator('td:first-child')).toHaveText(estimate.customers.map((c) => c.name));
  }
});

test('every input has an accessible name, and axe finds no serious problem', async ({ page }) => {
  await open(page);
  await page.getByText('Advanced').click();
  // Advanced is built when first opened.
  await expect(page.getByRole('heading', { name: 'All inputs and prices' })).toBeVisible();
  const inputs = page.locator('input, select').filter({ visible: true });
  expect(await inputs.count()).toBeGreaterThan(50);
  for (const input of await inputs.all()) await expect(input).toHaveAccessibleName(/\S/);
  await expect(page.getByRole('slider', { name: 'Customers' })).toHaveCount(1);
  await expect(page.getByRole('spinbutton', { name: 'Customers' })).toHaveCount(1);
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('-1');
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('keyboard: the top bar (picker, then the actions), then after the section bar the rail: the name, each slider and its number field, in order', async ({ page }) => {
  await open(page);
  await page.getByRole('combobox', { name: 'Scenario' }).focus();
  for (const name of ['Copy link', 'Save', 'Export', 'Import', 'Print']) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(name);
  }
  await page.getByRole('tab', { name: 'Overview' }).focus();
  const order = [
    page.getByRole('textbox', { name: 'Scenario name' }),
    page.getByRole('slider', { name: 'Customers' }),
    page.getByRole('spinbutton', { name: 'Customers' }),
    page.getByRole('slider', { name: 'Peak QPS per customer' }),
    page.getByRole('spinbutton', { name: 'Peak QPS per customer' }),
  ];
  for (const next of order) {
    await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
  }
});

test('at 375 px the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page);
  await page.getByRole('button', { name: 'Inputs' }).click();
  await page.getByText('Advanced').click();
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
});
