/**
 * The prospect quote (issue 18): a sales rep prices "Acme" (30 peak QPS, 200 GB egress a month,
 * ACV $36,000) on the Phase 2 preset in at most 6 interactions from a fresh page; the answer's
 * figures are the model's, computed here from the scenario with Acme as a cohort built by hand
 * from the typical customer's ratios and written by this file's own code; the deal survives a
 * link into a fresh context and an export and import; "Add" twice adds once; the quote prints
 * on one page with the prospect's name and ACV and nothing internal unless asked; axe finds no
 * problem and nothing scrolls sideways at 390 px.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Scenario } from '../../www/src/engine.ts';
import { decodeLink, evaluate, preset } from './model.ts';
import { choose, open, openMenu, section, watchErrors } from './page.ts';
import { money, percent } from './written.ts';

const PHASE2 = 'phase2-10-customers';
const ACV = 36000;
/** Where the screenshots go (the report looks at them). */
const SHOTS = process.env.QUOTE_SHOTS ?? path.join(tmpdir(), 'headroom-quote-shots');

/** Phase 2 with Acme as its last cohort: 30 peak QPS, 200 GB egress, the rest at the typical customer's ratios, each `round`ed. */
function withAcme(round: (x: number, digits: number) => number = (x) => x): Scenario {
  const s = preset(PHASE2);
  const t = s.typicalCustomer;
  const avg = (30 * t.avgQps) / t.peakQps; // 9 QPS: Phase 2's typical customer has 13.5 of 45
  const profile = {
    ...t,
    peakQps: 30,
    avgQps: round(avg, 2),
    firestoreReadsPerDay: round((avg * t.firestoreReadsPerDay) / t.avgQps, 0),
    firestoreWritesPerDay: round((avg * t.firestoreWritesPerDay) / t.avgQps, 0),
    firestoreDeletesPerDay: round((avg * t.firestoreDeletesPerDay) / t.avgQps, 0),
    storedGb: 0,
    egressGbPerMonth: 200,
    acvUsd: ACV,
  };
  return { ...s, customers: [...s.customers, { name: 'Acme', count: 1, profile, goLiveMonth: 1, rampMonths: 0 }] };
}

/** What the answer must say, from two evaluations: Acme's share by usage (Phase 2's rule), the increment, margin and lowest ACV for 75%. */
function expected() {
  const without = evaluate(preset(PHASE2)).totals.monthlyCostCents;
  const w = evaluate(withAcme());
  const share = w.customers.at(-1)!.allocatedMonthlyCents;
  const revenue = (ACV * 100) / 12;
  return {
    share,
    incremental: w.totals.monthlyCostCents - without,
    margin: ((revenue - share) / revenue) * 100,
    lowestCents: Math.round((12 * share) / 0.25),
  };
}

/** The deal form's input labelled `name`. */
const input = (page: Page, name: string) => page.locator('#deal').getByLabel(name, { exact: true });

/** The rep's task: preset, Deal, name, peak QPS, egress, ACV; returns the interactions used. */
async function repTask(page: Page): Promise<number> {
  const steps = [
    () => choose(page, PHASE2),
    () => section(page, 'Deal'),
    () => input(page, 'Prospect name').fill('Acme'),
    () => input(page, 'Peak QPS (requests/s)').fill('30'),
    () => input(page, 'Egress GB per month').fill('200'),
    () => input(page, 'ACV (USD a year)').fill(String(ACV)),
  ];
  for (const step of steps) await step();
  return steps.length;
}

/** The answer sentence, as the model's figures say it. */
function sentence(): RegExp {
  const e = expected();
  const text = `Acme costs ${money(e.share)} a month (share by usage, the scenario's rule; incremental ${money(e.incremental)}); at ACV ${money(ACV * 100)} the margin is ${percent(e.margin)}; the lowest ACV for 75.0% is ${money(e.lowestCents)}.`;
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Text of each page of `pdf`, by poppler's pdftotext. */
function pages(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'headroom-quote-'));
  const file = path.join(dir, 'quote.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

/** Prints the quote with its own button (the dialog replaced by a flag), then makes the PDF. */
async function printQuote(page: Page, format: 'A4' | 'Letter'): Promise<Buffer> {
  await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'true')));
  await page.getByRole('button', { name: 'Print the quote' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'true');
  await page.evaluate(() => document.body.removeAttribute('data-printed'));
  return page.pdf({ format, printBackground: true });
}

test("the rep's task takes 6 interactions and the answer is the model's", async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  expect(await repTask(page)).toBeLessThanOrEqual(6);
  await expect(page.locator('.deal-headline')).toHaveText(sentence());
  // The detail table: incremental, then each rule with the scenario's own marked.
  const e = expected();
  const rows = page.getByRole('table', { name: /^The deal by basis/ }).locator('tbody tr');
  await expect(rows.nth(0).locator('td').nth(1)).toHaveText(money(e.incremental));
  await expect(rows.filter({ hasText: "Share by usage (the scenario's rule)" }).locator('td').nth(1)).toHaveText(money(e.share));
  // Under share by ACV the others' ACV keeps 75% whatever Acme pays: said in words, not $0.00.
  await expect(rows.filter({ hasText: 'Share by ACV' }).locator('td').nth(3)).toHaveText('Any ACV: the cost follows the ACV');
  // The link carries the deal (the address bar follows the scenario within a moment).
  const deal = () => {
    const { deal: d } = decodeLink(new URL(page.url()).hash);
    return [d.name, d.peakQps, d.egressGbPerMonth, d.acvUsd, d.basis];
  };
  await expect.poll(deal).toEqual(['Acme', 30, 200, ACV, 'peakQps']);
  expect(errors).toEqual([]);
});

test('the deal survives a link into a fresh context and an export and import', async ({ page, browser }) => {
  await open(page);
  await repTask(page);
  await expect(page.locator('.deal-headline')).toHaveText(sentence());
  await expect(page).toHaveURL(new RegExp(`&101=${ACV}`)); // the address follows the scenario
  const url = page.url();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByRole('tab', { name: 'Deal', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(other.locator('.deal-headline')).toHaveText(sentence());
  await expect(input(other, 'Prospect name')).toHaveValue('Acme');
  // The same link can open the Quote.
  const quote = new URL(url);
  quote.searchParams.set('view', 'quote');
  await other.goto(quote.href);
  await expect(other.getByRole('heading', { name: 'Quote for Acme' })).toBeVisible();
  await fresh.close();

  await openMenu(page, 'Export');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON', exact: true }).click()]);
  const json = readFileSync(await file.path(), 'utf8');
  const into = await browser.newContext();
  const imported = await into.newPage();
  await open(imported);
  const [chooser] = await Promise.all([imported.waitForEvent('filechooser'), imported.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles({ name: 'acme.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await section(imported, 'Deal');
  await expect(imported.locator('.deal-headline')).toHaveText(sentence());
  await into.close();
});

/** Clicks "Export `format`" in the Export menu and returns the downloaded bytes. */
async function exported(page: Page, format: string): Promise<Buffer> {
  await openMenu(page, 'Export');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export ${format}`, exact: true }).click()]);
  return readFileSync(await file.path());
}

test('CSV, Markdown and XLSX carry a Deal section with the model\'s figures', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await repTask(page);
  await expect(page.locator('.deal-headline')).toHaveText(sentence());
  const e = expected();
  const dollars = (cents: number) => (cents / 100).toFixed(2);
  const csv = (await exported(page, 'CSV')).toString('utf8');
  expect(csv).toContain('\r\nDeal\r\nName,Value,Unit\r\nProspect,Acme,\r\nACV,36000.00,USD a year\r\n');
  expect(csv).toContain(`\r\nIncremental,${dollars(e.incremental)},`);
  expect(csv).toContain(`\r\nShare by usage,${dollars(e.share)},${e.margin.toFixed(2)},${dollars(e.lowestCents)},yes\r\n`);
  const md = (await exported(page, 'Markdown')).toString('utf8');
  expect(md).toContain(`| **Share by usage** (the scenario's rule) | ${money(e.share)} | ${percent(e.margin)} | ${money(e.lowestCents)} |`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await exported(page, 'XLSX'));
  const sheet = book.getWorksheet('Deal')!;
  expect([sheet.getCell('A2').value, sheet.getCell('B2').value]).toEqual(['Prospect', 'Acme']);
  expect([sheet.getCell('A3').value, sheet.getCell('B3').value]).toEqual(['ACV', ACV]);
  const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
  const usage = rows.find((r) => r[1] === 'Share by usage')!;
  expect([usage[2], usage[5]]).toEqual([e.share / 100, 'yes']);
});

test('"Add" makes Acme a cohort once, says what it changed, and Undo takes it back', async ({ page }) => {
  await open(page);
  await repTask(page);
  await expect(page.locator('.deal-headline')).toHaveText(sentence());
  const add = page.getByRole('button', { name: 'Add Acme to the scenario' });
  // Two clicks in one go, before the panel can redraw.
  await add.evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  // The cohort holds rounded figures; the confirmation is its cost, from two evaluations.
  const rounded = withAcme((x, digits) => Number(x.toFixed(digits)));
  const before = evaluate(preset(PHASE2)).totals.monthlyCostCents;
  const after = evaluate(rounded).totals.monthlyCostCents;
  await expect(page.locator('.deal-added')).toContainText(`Acme added: cost +${money(after - before)} a month`);
  const s = decodeLink(new URL(page.url()).hash);
  expect(s.customers.map((c) => c.name)).toEqual([...preset(PHASE2).customers.map((c) => c.name), 'Acme']);
  expect(s.customers.at(-1)!.profile).toEqual(rounded.customers.at(-1)!.profile);
  await expect(page.locator('.deal-state')).toContainText('Acme is in the scenario');
  await expect(add).toBeHidden();
  // The rail's knobs are means over the 11 customers, shown rounded: (7 x 45 + 50 + 40 + 35 + 30) / 11 = 42.727… QPS.
  await expect(page.getByRole('spinbutton', { name: 'Peak QPS per customer' })).toHaveValue('42.73');
  await expect(page.getByRole('spinbutton', { name: 'Customers' })).toHaveValue('11');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.deal-added')).toHaveText(`Undone: back to ${money(before)} a month.`);
  expect(decodeLink(new URL(page.url()).hash).customers).toHaveLength(4);
});

test('the quote prints on one page with the name and ACV, and nothing internal unless asked', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page);
  await repTask(page);
  await section(page, 'Quote');
  await expect(page.getByRole('heading', { name: 'Quote for Acme' })).toBeVisible();
  const others = preset(PHASE2).customers.map((c) => c.name);
  for (const format of ['A4', 'Letter'] as const) {
    const text = pages(await printQuote(page, format));
    expect(text, format).toHaveLength(1);
    expect(text[0]).toContain('Quote for Acme');
    expect(text[0]).toContain(money(ACV * 100));
    for (const name of others) expect(text[0]).not.toContain(name);
    expect(text[0]).not.toMatch(/margin|cost/i);
  }
  // The Markdown copy: the same words, nothing internal.
  await page.getByText('The quote as Markdown', { exact: true }).click();
  const markdown = await page.getByRole('textbox', { name: 'The quote as Markdown' }).inputValue();
  expect(markdown).toContain('# Quote for Acme');
  expect(markdown).toContain(`\\${money(ACV * 100)} a year`);
  expect(markdown).not.toMatch(/margin|cost/i);
  await page.getByLabel('Show our cost (internal review copy)').check();
  const internal = pages(await printQuote(page, 'A4'));
  expect(internal).toHaveLength(1);
  expect(internal[0]).toContain(`Our cost: ${money(expected().share)} a month`);
  expect(internal[0]).toMatch(/Margin at this ACV/);
});

for (const { name, width, height } of [
  { name: 'wide', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`at ${width} px the Deal and Quote views are axe clean and fit, with screenshots (${name})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height });
    await open(page);
    await repTask(page);
    await expect(page.locator('.deal-headline')).toHaveText(sentence());
    mkdirSync(SHOTS, { recursive: true });
    for (const view of ['deal', 'quote']) {
      if (view === 'quote') await section(page, 'Quote');
      await expect(page.locator(`#view-${view} .lazy:empty`)).toHaveCount(0);
      const { violations } = await new AxeBuilder({ page }).include(`#view-${view}`).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(width);
      const overflowing = await page.locator(`#view-${view}`).evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(overflowing).toBe(false);
      await page.screenshot({ path: path.join(SHOTS, `${view}-${name}.png`), fullPage: true });
    }
    if (name === 'wide') {
      writeFileSync(path.join(SHOTS, 'quote.pdf'), await printQuote(page, 'A4'));
    }
  });
}
