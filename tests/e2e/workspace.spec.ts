/**
 * The workspace (issue 14) at 1440 x 900 and 390 x 844: the summary strip in view at every
 * section, the inputs rail in view on wide screens, sections in one click or key press and in
 * the link, no blank gaps, prints that are current whatever was opened (PDF text per page, from
 * poppler's pdftotext), the CDN guardrail, the picker's "Custom: ..." and phone tables.
 * Expected figures come from the model run in Node and are written out by this file's own code.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeLink, evaluate, Planner, preset } from './model.ts';
import { open, section } from './page.ts';

const PHASE2 = 'phase2-10-customers';
const WEEK9 = 'week9-baseline';
const SECTIONS = ['Overview', 'Bill', 'Capacity', 'Savings', 'Growth', 'Deal', 'Quote', 'Compare'];
const STRIP = ['Monthly cost', 'Cost per customer', 'Cost as % of ACV', 'Gross margin', 'Headroom', 'p95 at peak', 'CPU at peak', 'Worst finding'];
const SIZES = [
  { name: 'wide', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/** `$1,234.56` from cents, written here (not by the page's code). */
function usd(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const [whole, frac] = (Math.abs(cents) / 100).toFixed(2).split('.');
  return `${sign}$${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Asserts the element is entirely inside the viewport. */
async function inViewport(page: Page, selector: string, what: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const { width, height } = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.y, what).toBeGreaterThanOrEqual(0);
  expect(box!.x, what).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, what).toBeLessThanOrEqual(height + 0.5);
  expect(box!.x + box!.width, what).toBeLessThanOrEqual(width + 0.5);
}

/** Scrolls whatever scrolls the main area (the page on a phone, the main box on wide screens) to its end. */
async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.getElementById('main')!.scrollTop = 1e9;
    window.scrollTo(0, 1e9);
  });
}

for (const size of SIZES) {
  test.describe(`at ${size.width} x ${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('the summary strip (and, wide, the inputs rail) stays in view at every section, scrolled to its end', async ({ page }) => {
      await open(page, encodeLink(preset(PHASE2)));
      for (const name of SECTIONS) {
        await section(page, name);
        await page.waitForTimeout(300); // lazy sections build
        await scrollToEnd(page);
        for (const figure of STRIP) {
          const output = page.getByRole('status', { name: figure, exact: true });
          await expect(output, `${figure} at ${name}`).not.toBeEmpty();
          const box = (await output.boundingBox())!;
          expect(box.y, `${figure} at ${name}`).toBeGreaterThanOrEqual(0);
          expect(box.y + box.height, `${figure} at ${name}`).toBeLessThanOrEqual(size.height);
        }
        if (size.name === 'wide') await inViewport(page, '#rail .rail-title', `rail at ${name}`);
      }
    });

    test('each section opens in one click or key press, its name is in the link, and the link reopens it', async ({ page, browser }) => {
      await open(page, encodeLink(preset(PHASE2)));
      await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
      for (const [i, name] of SECTIONS.entries()) {
        await section(page, name);
        await expect(page.locator(`#view-${name.toLowerCase()}`)).toBeVisible();
        expect(new URL(page.url()).searchParams.get('view')).toBe(i === 0 ? null : name.toLowerCase());
      }
      // A key press: 3 is Capacity.
      await page.locator('body').press('3');
      await expect(page.getByRole('tab', { name: 'Capacity' })).toHaveAttribute('aria-selected', 'true');
      await section(page, 'Deal');
      const fresh = await browser.newPage({ viewport: page.viewportSize()! });
      await open(fresh, '');
      await fresh.goto(page.url());
      await expect(fresh.getByRole('tab', { name: 'Deal' })).toHaveAttribute('aria-selected', 'true');
      await expect(fresh.locator('#view-deal')).toBeVisible();
      await expect(fresh.locator('#view-overview')).toBeHidden();
      await fresh.close();
    });

    test('no vertical gap over 120 px between consecutive parts of a section once loaded', async ({ page }) => {
      await open(page, encodeLink(preset(PHASE2)));
      for (const name of SECTIONS) {
        await section(page, name);
        const view = page.locator(`#view-${name.toLowerCase()}`);
        await expect(view.locator('.lazy:empty')).toHaveCount(0, { timeout: 15_000 });
        await page.waitForTimeout(200);
        const gaps = await view.evaluate((el) => {
          const parts = [...el.children].filter((c) => c.getBoundingClientRect().height > 0);
          const found: string[] = [];
          for (let i = 1; i < parts.length; i++) {
            const gap = parts[i]!.getBoundingClientRect().top - parts[i - 1]!.getBoundingClientRect().bottom;
            if (gap > 120) found.push(`${parts[i - 1]!.id || parts[i - 1]!.tagName} → ${parts[i]!.id || parts[i]!.tagName}: ${gap} px`);
          }
          return found;
        });
        expect(gaps, name).toEqual([]);
      }
    });
  });
}

/** Text of each page of `pdf`, by poppler's pdftotext. */
function pages(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'headroom-pdf-'));
  const file = path.join(dir, 'print.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1); // pdftotext ends every page with a form feed
}

/** Prints with the page's own action (the dialog replaced by a flag), then makes the PDF. */
async function printPdf(page: Page, how: 'summary' | 'full' | 'keys', format: 'A4' | 'Letter'): Promise<string[]> {
  await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'true')));
  if (how === 'keys') await page.keyboard.press('Control+p');
  else {
    await page.locator('details.menu summary', { hasText: /^Print$/ }).click();
    await page.getByRole('button', { name: how === 'full' ? 'Print full report' : 'Print summary' }).click();
  }
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'true', { timeout: 20_000 });
  await page.evaluate(() => document.body.removeAttribute('data-printed'));
  return pages(await page.pdf({ format, printBackground: true }));
}

test('a print made right after a change, without opening any section, shows the changed figures in every printed panel and no blank page', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, encodeLink(preset(PHASE2)));
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('14');
  const p = Planner.fromPreset(PHASE2);
  p.set('customers', 14);
  const cost = usd(p.estimate().totals.monthlyCostCents);
  expect(cost).not.toBe(usd(evaluate(preset(PHASE2)).totals.monthlyCostCents));
  for (const format of ['A4', 'Letter'] as const) {
    const summary = await printPdf(page, 'summary', format);
    expect(summary.length, `summary on ${format}`).toBeLessThanOrEqual(2);
    for (const [i, text] of summary.entries()) expect(text.trim().length, `summary page ${i + 1} on ${format}`).toBeGreaterThan(0);
    const all = summary.join('\n');
    expect(all).toMatch(new RegExp(`Monthly cost\\s[\\s\\S]*\\${cost}`)); // the strip
    expect(all).toMatch(new RegExp(`Total per month\\s+\\${cost}`)); // the bill
    expect(all).toContain('Capacity and latency');
    expect(all).not.toContain('Savings');

    const full = await printPdf(page, 'full', format);
    for (const [i, text] of full.entries()) expect(text.trim().length, `full report page ${i + 1} on ${format}`).toBeGreaterThan(0);
    const report = full.join('\n');
    expect(report).toMatch(new RegExp(`Total per month\\s+\\${cost}`));
    expect(report).toContain(`Now ${cost} a month.`); // savings, computed for the print
    expect(report).toMatch(new RegExp(`\\n\\s*12\\s+14\\s+\\${cost}`)); // the timeline's month 12: 14 customers live
    expect(report).toContain('Markers on the growth curve');
    expect(report).toContain('Prospect deal');
    // No heading alone at a page's foot.
    for (const [i, text] of full.entries()) {
      const last = text.trimEnd().split('\n').at(-1)!.trim();
      expect(['Savings', 'Growth: 1 to 1,000 customers', '12-month timeline', 'Prospect deal', 'Assumptions'], `foot of page ${i + 1}`).not.toContain(last);
    }
  }
  // Ctrl+P prints the last layout chosen (the full report), current too.
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('15');
  p.set('customers', 15);
  const keys = (await printPdf(page, 'keys', 'A4')).join('\n');
  expect(keys).toContain(`Now ${usd(p.estimate().totals.monthlyCostCents)} a month.`);
});

test('turning the CDN on behind the regional load balancer brings the global one and Premium Tier, says so, and refuses going back', async ({ page }) => {
  const start = preset(WEEK9);
  expect(start.network.loadBalancer).toBe('regional');
  await open(page, encodeLink(start));
  await page.getByRole('checkbox', { name: 'CDN', exact: true }).check();
  await expect(page.getByText('Cloud CDN needs the global external Application Load Balancer: switched on with it.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Load balancer' })).toHaveValue('global');
  await expect(page.getByRole('combobox', { name: 'Network tier' })).toHaveValue('premium');
  const p = Planner.fromPreset(WEEK9);
  p.setAll([
    { path: 'network.loadBalancer', value: 'global' },
    { path: 'network.cdn', value: true },
  ]);
  await expect(page.getByRole('status', { name: 'Monthly cost' })).toHaveText(usd(p.estimate().totals.monthlyCostCents));
  expect(p.estimate().findings.map((f) => f.code)).not.toContain('cdn-needs-global-lb');
  // Back to the regional load balancer with the CDN on: refused, the figures stay.
  await page.getByRole('combobox', { name: 'Load balancer' }).selectOption('regional');
  await expect(page.getByText(/network\.loadBalancer = "regional": Cloud CDN is on and works only behind the global load balancer/)).toBeVisible();
  await expect(page.getByRole('status', { name: 'Monthly cost' })).toHaveText(usd(p.estimate().totals.monthlyCostCents));
  await page.getByRole('combobox', { name: 'Network tier' }).selectOption('standard');
  await expect(page.getByText(/network\.tier = "standard": Cloud CDN is on and needs Premium Tier/)).toBeVisible();
});

test('a link that is no preset reads "Custom: <name>" in the picker; a preset\'s link reads the preset; a change makes it custom', async ({ page }) => {
  const custom = { ...preset(PHASE2), name: 'Acme pilot' };
  custom.typicalCustomer = { ...custom.typicalCustomer, peakQps: 61 };
  await open(page, encodeLink(custom));
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  await expect(picker.locator('option:checked')).toHaveText('Custom: Acme pilot');
  await page.goto(`./#${encodeLink(preset(WEEK9))}`);
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(picker.locator('option:checked')).toHaveText(preset(WEEK9).name);
  await page.getByRole('slider', { name: 'Customers' }).press('ArrowRight');
  await expect(picker.locator('option:checked')).toHaveText(`Custom: ${preset(WEEK9).name}`);
});

test.describe('at 390 x 844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the bill's Amount and the deal's Lowest ACV show without sideways scrolling; the inputs sheet and the figures are seen together", async ({ page }) => {
    await open(page, encodeLink(preset(PHASE2)));
    await section(page, 'Bill');
    const bill = page.getByRole('table', { name: 'The bill, line by line' });
    const amounts = bill.locator('tbody td:last-child');
    await expect(amounts.first()).toBeVisible();
    for (const box of await amounts.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // A line reads by its item, on the amount's line; its product follows under it.
    const first = evaluate(preset(PHASE2)).lineItems[0]!;
    const row = bill.locator('tbody tr').first();
    const [product, item, amount] = [1, 2, 6].map((n) => row.locator(`td:nth-child(${n})`));
    await expect(item).toHaveText(first.label);
    const [productBox, itemBox, amountBox] = await Promise.all([product, item, amount].map((c) => c.boundingBox()));
    expect(Math.abs(itemBox!.y - amountBox!.y)).toBeLessThan(4);
    expect(productBox!.y).toBeGreaterThan(itemBox!.y + itemBox!.height - 1);

    await section(page, 'Deal');
    await page.locator('#deal').getByLabel('Prospect name', { exact: true }).fill('Acme');
    await page.locator('#deal').getByLabel('Peak QPS (requests/s)', { exact: true }).fill('30');
    const deal = page.getByRole('table', { name: /^The deal by basis/ });
    const lowest = deal.locator('tbody td:last-child');
    await expect(lowest.first()).not.toBeEmpty();
    for (const right of await lowest.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right))) expect(right).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Inputs' }).click();
    const slider = page.getByRole('slider', { name: 'Customers' });
    await expect(slider).toBeInViewport();
    await expect(page.getByRole('status', { name: 'Monthly cost' })).toBeInViewport();
    const before = await page.getByRole('status', { name: 'Monthly cost' }).innerText();
    await slider.press('ArrowRight');
    await expect(page.getByRole('status', { name: 'Monthly cost' })).not.toHaveText(before);
  });
});

test('the monthly cost says how much of it rests on unconfirmed prices, and the bill names them', async ({ page }) => {
  const u = evaluate(preset(PHASE2)).unconfirmed;
  expect(u.cents).toBeGreaterThan(0);
  await open(page, encodeLink(preset(PHASE2)));
  const said = `${usd(u.cents)} (${u.pct!.toFixed(1)}%) on unconfirmed prices`;
  await expect(page.locator('.figure').filter({ hasText: 'Monthly cost' }).locator('.figure-caution')).toHaveText(said);
  await section(page, 'Bill');
  await expect(page.getByText(`of the month rests on ${u.prices.length} prices the price book marks unconfirmed`)).toContainText(u.prices.join(', '));
});

test('the worst finding says when every finding is for information only, and names the worst one otherwise', async ({ page }) => {
  const worst = page.locator('.figure').filter({ hasText: 'Worst finding' });
  // Phase 2: every finding is for information, so nothing to act on.
  const calm = evaluate(preset(PHASE2)).findings;
  expect(calm.length).toBeGreaterThan(1);
  expect(calm.every((f) => f.severity === 'info')).toBe(true);
  await open(page, encodeLink(preset(PHASE2)));
  await expect(worst.locator('output')).toHaveText('none');
  await expect(worst.locator('.figure-note')).toHaveText(`${calm.length} findings, for information: see them`);
  // Week 9 serves from one region with one warm instance: medium findings (a regional outage
  // is a full outage; no warm spare) come first.
  const s = preset(WEEK9);
  const hot = evaluate(s).findings;
  expect(hot[0]!.severity).toBe('medium');
  await open(page, encodeLink(s));
  await expect(worst.locator('output')).toHaveText('medium');
  await expect(worst.locator('.figure-note')).toHaveText(`${hot.length} findings: see them`);
});
