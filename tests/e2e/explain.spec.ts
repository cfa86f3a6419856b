/**
 * Explanations in the page: a figure of each kind wired (summary strip, bill line, cohort's
 * allocation, sizing figure, finding) opens its derivation in the side panel by mouse and by
 * keyboard; the root's figure is the estimate's, computed by the model in Node (evaluate, not
 * explain) and hand-worked where the presets' tests work it out; an input in the explanation
 * jumps to its control; the panel follows a slider; "Copy as text" copies the indented tree.
 * The default scenario is the Week 9 baseline.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { evaluate, Planner, preset } from './model.ts';
import { money } from './written.ts';
import { open, section } from './page.ts';

const week9 = evaluate(preset('week9-baseline'));

const panel = (page: Page) => page.getByRole('dialog', { name: 'How this figure is computed' });
/** The root node's raw figure, as the model gave it to the panel. */
const rootFigure = async (page: Page) => Number(await panel(page).locator('.explain-figure').first().getAttribute('data-figure'));

interface Kind {
  kind: string;
  /** The section it is in. */
  section: string;
  /** The figure on the page. */
  figure: (page: Page) => Locator;
  /** The explained figure, from the estimate. */
  expected: number;
  /** Its text in the panel, written by the test. */
  shown?: string;
}

const KINDS: Kind[] = [
  {
    kind: 'summary strip',
    section: 'Overview',
    figure: (page) => page.locator('[data-explain="totals.monthlyCostCents"]'),
    expected: week9.totals.monthlyCostCents / 100,
    shown: money(week9.totals.monthlyCostCents),
  },
  {
    // 400 GB = 372.5 GiB at 0.12 USD: $44.70.
    kind: 'bill line',
    section: 'Bill',
    figure: (page) => page.getByRole('row').filter({ hasText: 'Internet egress, Premium, first tier' }),
    expected: 44.7,
    shown: '$44.70',
  },
  {
    kind: 'allocation',
    section: 'Bill',
    figure: (page) => page.getByRole('region', { name: 'Cost per customer cohort' }).getByRole('row').filter({ hasText: 'Customer #1' }),
    expected: week9.customers[0]!.allocatedMonthlyCents / 100,
    shown: money(week9.customers[0]!.allocatedMonthlyCents),
  },
  {
    // 6 ms of CPU a request: a 1-vCPU instance carries 100 QPS at 60%; 10 instances 1,000 QPS.
    kind: 'sizing figure',
    section: 'Capacity',
    figure: (page) => page.locator('#sizing [data-explain="sizing.capacityQps"]'),
    expected: 1000,
  },
  {
    // One region against the two redundancy needs.
    kind: 'finding',
    section: 'Overview',
    figure: (page) => page.locator('#findings li').filter({ hasText: 'One region' }),
    expected: 1,
  },
];

for (const k of KINDS) {
  for (const how of ['mouse', 'keyboard'] as const) {
    test(`a ${k.kind} opens its explanation by ${how}`, async ({ page }) => {
      await open(page);
      await section(page, k.section);
      const figure = k.figure(page);
      if (how === 'mouse') {
        await figure.click();
      } else {
        await figure.focus();
        await page.keyboard.press('Enter');
      }
      await expect(panel(page)).toBeVisible();
      await expect.poll(() => rootFigure(page)).toBeCloseTo(k.expected, 9);
      if (k.shown) await expect(panel(page).locator('.explain-figure').first()).toHaveText(k.shown);
      if (how === 'keyboard') {
        await page.keyboard.press('Escape');
        await expect(panel(page)).toBeHidden();
        await expect(figure).toBeFocused();
      }
    });
  }
}

test('an input in the explanation jumps to its control', async ({ page }) => {
  await open(page);
  await section(page, 'Bill');
  await page.getByRole('row').filter({ hasText: 'Cloud Run CPU, active' }).click();
  // Quantity = billed active instance-hours x 3,600 x vCPU per instance.
  await panel(page).getByRole('button', { name: 'Input cloudRun.vcpu' }).click();
  await expect(page.locator('[data-path="cloudRun.vcpu"]')).toBeFocused();
  // A cohort's own field is in the Advanced inputs, built when first opened.
  await page.locator('[data-explain="totals.monthlyCostCents"]').click();
  await panel(page).getByRole('button', { name: 'Explain lines.egress.internet-egress-premium-first-tier' }).click();
  await expect(panel(page)).toHaveAttribute('data-target', 'lines.egress.internet-egress-premium-first-tier');
  await panel(page).locator('summary').first().click();
  await panel(page).getByRole('button', { name: 'Explain sizing.egressGibPerMonth' }).click();
  await panel(page).getByRole('button', { name: 'Input customers[0].profile.egressGbPerMonth' }).click();
  const field = page.locator('[data-path="customers[0].profile.egressGbPerMonth"]');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('400');
});

test('the explanation follows a slider, and copies as indented text', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await page.locator('[data-explain="totals.monthlyCostCents"]').click();
  await expect.poll(() => rootFigure(page)).toBeCloseTo(week9.totals.monthlyCostCents / 100, 9);
  const slider = page.getByRole('slider', { name: 'Customers' });
  await slider.press('ArrowRight');
  const planner = Planner.fromPreset('week9-baseline');
  const after = planner.set('customers', Number(await slider.inputValue())).estimate;
  expect(after.totals.monthlyCostCents).not.toBe(week9.totals.monthlyCostCents);
  await expect.poll(() => rootFigure(page)).toBeCloseTo(after.totals.monthlyCostCents / 100, 9);
  await expect(panel(page)).toBeVisible();
  await panel(page).getByRole('button', { name: 'Copy as text' }).click();
  await expect(panel(page).getByText('Copied.')).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text.split('\n');
  expect(lines[0]).toBe(`Monthly cost: ${money(after.totals.monthlyCostCents)}`);
  const { violations } = await new AxeBuilder({ page }).include('#explain').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  expect(lines).toContain('  Cloud Run: ' + money(after.components.find((c) => c.component === 'cloudRun')!.amountCents));
});

test('a sanity warning shows beside the input it is about, with the implied figure', async ({ page }) => {
  await open(page);
  const egress = page.getByRole('spinbutton', { name: 'Egress per customer (GB/month)' });
  await egress.fill('500000');
  await egress.press('Tab');
  // 500,000 GB over 15 QPS x 2,628,000 s a month: 12,684 KB a response, above 10 MB.
  const planner = Planner.fromPreset('week9-baseline');
  planner.set('egressGbPerCustomer', 500000);
  // The knob sets the new-customer template too (13.5 QPS mean): its warning shows as well.
  const warnings = planner.warnings();
  expect(warnings.map((w) => w.path)).toEqual(['customers[0].profile.egressGbPerMonth', 'typicalCustomer.egressGbPerMonth']);
  expect(warnings[0]!.figure).toBeCloseTo(500000e9 / (15 * 2_628_000) / 1e3, 6);
  expect(warnings[1]!.figure).toBeCloseTo(500000e9 / (13.5 * 2_628_000) / 1e3, 6);
  const line = page.locator('[id="warning-egressGbPerCustomer"]');
  await expect(line).toHaveText(warnings.map((w) => w.message).join(' '));
  await expect(egress).toHaveAttribute('aria-describedby', /warning-egressGbPerCustomer/);
  await egress.fill('400');
  await egress.press('Tab');
  await expect(line).toBeEmpty();
});

test('a comparison cell explains its own column\'s scenario: a pin\'s figure from the pin, the current one from the planner', async ({ page }) => {
  const planner = Planner.fromPreset('phase1-3-customers');
  planner.pin();
  planner.openPreset('phase2-10-customers');
  const [pinned, now] = [evaluate(preset('phase1-3-customers')), evaluate(preset('phase2-10-customers'))];
  await open(page, planner.link());
  planner.free();
  await section(page, 'Compare');
  const compare = page.locator('#compare-section');
  await compare.locator('[data-explain="pin:0:totals.monthlyCostCents"]').click();
  await expect(page.getByRole('dialog', { name: 'How this figure is computed, for pin A' })).toBeVisible();
  expect(await rootFigure(page)).toBeCloseTo(pinned.totals.monthlyCostCents / 100, 9);
  // The current scenario's column, by keyboard.
  await compare.locator('[data-explain="totals.monthlyCostCents"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'How this figure is computed', exact: true })).toBeVisible();
  await expect.poll(() => rootFigure(page)).toBeCloseTo(now.totals.monthlyCostCents / 100, 9);
});
