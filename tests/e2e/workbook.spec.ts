/**
 * The XLSX workbook as finance uses it: opened in LibreOffice (headless), every formula
 * recalculated, every sheet read back. The recalculated figures must be the model's to the cent
 * (each preset; Phase 2 with pins, usage ranges and a display currency), and an edit to a unit
 * price and a quantity must give the model's figures for the same change.
 */
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Estimate } from '../../www/src/engine.ts';
import { Planner, presetIds, tools } from './model.ts';
import { centsAt, numberAt, recalculated } from './libreoffice.ts';
import { open, openMenu } from './page.ts';

const PHASE2 = 'phase2-10-customers';

/** The XLSX the page downloads for the scenario on screen. */
async function downloadXlsx(page: Page): Promise<Buffer> {
  await openMenu(page, 'Export');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX', exact: true }).click()]);
  return readFileSync(await file.path());
}

/** The workbook of `planner`'s scenario (and pins), downloaded from the page. */
async function workbookOf(page: Page, planner: Planner): Promise<Buffer> {
  await open(page, planner.link());
  return downloadXlsx(page);
}

/** Row of the line labelled `label` on the line items sheet. */
function lineRow(book: ExcelJS.Workbook, label: string): number {
  const sheet = book.getWorksheet('Line items')!;
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getCell(r, 2).value === label) return r;
  throw new Error(`no line ${label}`);
}

/** A fraction read back as the model's percent, to 9 places. */
const pct = (sheet: ExcelJS.Worksheet, address: string) => Number((numberAt(sheet, address) * 100).toFixed(9));
const rounded = (x: number | null) => (x === null ? null : Number(x.toFixed(9)));

/** Asserts the recalculated workbook shows `e`'s figures: totals, every line, every cohort, month 12. */
function expectModelFigures(book: ExcelJS.Workbook, e: Estimate, exactCohorts = true): void {
  const summary = book.getWorksheet('Summary')!;
  const t = e.totals;
  expect(centsAt(summary, 'B3'), 'monthly cost').toBe(t.monthlyCostCents);
  expect(numberAt(summary, 'B4'), 'customers').toBe(t.customerCount);
  expect(centsAt(summary, 'B5'), 'cost per customer').toBe(t.costPerCustomerCents);
  expect(centsAt(summary, 'B6'), 'revenue').toBe(t.monthlyRevenueCents);
  expect(pct(summary, 'B7'), 'cost as % of ACV').toBe(rounded(t.costPctOfAcv));
  expect(pct(summary, 'B8'), 'gross margin').toBe(rounded(t.grossMarginPct));
  if (exactCohorts) expect(centsAt(summary, 'B9'), 'unallocated').toBe(t.unallocatedCents);

  const lines = book.getWorksheet('Line items')!;
  e.lineItems.forEach((l, i) => {
    expect(lines.getCell(i + 2, 2).value).toBe(l.label);
    expect(centsAt(lines, `F${i + 2}`), l.label).toBe(l.amountCents);
  });
  expect(centsAt(lines, `F${e.lineItems.length + 2}`), 'total').toBe(t.monthlyCostCents);

  const customers = book.getWorksheet('Customers')!;
  e.customers.forEach((c, i) => {
    const r = i + 2;
    expect(customers.getCell(`A${r}`).value).toBe(c.name);
    const allocated = centsAt(customers, `E${r}`);
    if (exactCohorts) expect(allocated, c.name).toBe(c.allocatedMonthlyCents);
    else expect(Math.abs(allocated - c.allocatedMonthlyCents), c.name).toBeLessThanOrEqual(1);
    expect(centsAt(customers, `H${r}`), `${c.name} revenue`).toBe(c.monthlyRevenueCents);
  });
}

for (const id of presetIds()) {
  test(`${id}: LibreOffice recalculates the workbook to the model's figures`, async ({ page }) => {
    const planner = Planner.fromPreset(id);
    const e = planner.estimate();
    const book = await recalculated(await workbookOf(page, planner));
    expectModelFigures(book, e);
    // The timeline's running totals are formulas: month 12's equal the months added up.
    const months = book.getWorksheet('Timeline')!;
    const timeline = tools.timeline(planner.link());
    expect(centsAt(months, 'F13')).toBe(timeline.months[11]!.cumulativeCostCents);
    expect(centsAt(months, 'G13')).toBe(timeline.months[11]!.cumulativeRevenueCents);
    planner.free();
  });
}

test('Phase 2 with pins, usage ranges and a display currency recalculates to the model\'s figures', async ({ page }) => {
  const planner = Planner.fromPreset('phase1-3-customers');
  planner.pin();
  planner.openPreset(PHASE2);
  planner.setAll([
    { path: 'ranges.peakQpsLowPct', value: 50 },
    { path: 'ranges.peakQpsHighPct', value: 200 },
    { path: 'currency.rateDate', value: '2026-12-01' },
    { path: 'currency.perUsd', value: 0.92 },
    { path: 'currency.code', value: 'EUR' },
  ]);
  const e = planner.estimate();
  const book = await recalculated(await workbookOf(page, planner));
  expectModelFigures(book, e);
  expect(book.worksheets.map((s) => s.name)).toContain('Comparison');
  const summary = book.getWorksheet('Summary')!;
  const value = (label: string) => {
    for (let r = 2; r <= summary.rowCount; r++) if (summary.getCell(`A${r}`).value === label) return numberAt(summary, `B${r}`);
    throw new Error(`no row ${label}`);
  };
  const c = e.currency!;
  expect(Math.round(value('Monthly cost (EUR)') * 100)).toBe(c.monthlyCost.minorUnits);
  expect(Math.round(value('Monthly revenue (EUR)') * 100)).toBe(c.monthlyRevenue.minorUnits);
  expect(Math.round(value('Monthly cost, low (EUR)') * 100)).toBe(c.lowMonthlyCost!.minorUnits);
  expect(Math.round(value('Monthly cost, high (EUR)') * 100)).toBe(c.highMonthlyCost!.minorUnits);
  expect(Math.round(value('Monthly cost, low') * 100)).toBe(e.range!.low.monthlyCostCents);
  planner.free();
});

test('an edited unit price and quantity flow through the workbook to the model\'s figures for the same change', async ({ page }) => {
  const planner = Planner.fromPreset(PHASE2);
  const bytes = await workbookOf(page, planner);

  // The same change in the model: Firestore reads (multi-region in Phase 2) at 0.09 USD per
  // 100,000 (the book says 0.06),
  // and three times the log bytes per request (Cloud Logging's quantity triples; the free
  // allotment stays 50 GiB).
  const logBytes = planner.scenario().operations.logBytesPerRequest;
  planner.set('priceOverrides.firestoreReadsMultiRegion', 0.09);
  const changed = planner.set('operations.logBytesPerRequest', logBytes * 3).estimate;
  const logs = changed.lineItems.find((l) => l.label === 'Cloud Logging ingestion')!;

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  const lines = book.getWorksheet('Line items')!;
  lines.getCell(`E${lineRow(book, 'Firestore document reads')}`).value = 0.09;
  lines.getCell(`C${lineRow(book, 'Cloud Logging ingestion')}`).value = logs.quantity;
  const edited = await recalculated(new Uint8Array(await book.xlsx.writeBuffer()));
  // The free quota's price follows the reads' price; the cohorts' costs follow their shares
  // (within the cent largest remainder may move).
  expect(numberAt(edited.getWorksheet('Line items')!, `E${lineRow(book, 'Firestore free quota, reads')}`)).toBe(-0.09);
  expectModelFigures(edited, changed, false);
  planner.free();
});

test('a commitment, a negotiated discount, Standard Tier\'s free egress and allocation by ACV recalculate to the model\'s figures', async ({ page }) => {
  const planner = Planner.fromPreset('phase1-3-customers');
  planner.setAll([
    { path: 'network.tier', value: 'standard' },
    { path: 'operations.freeTiers', value: true },
    { path: 'discounts.cud', value: 'oneYear' },
    { path: 'discounts.negotiatedPct', value: 12.5 },
    { path: 'allocation', value: 'byAcv' },
  ]);
  const e = planner.estimate();
  expect(e.lineItems.map((l) => l.basis.kind)).toEqual(expect.arrayContaining(['free', 'negotiated']));
  expect(e.lineItems.some((l) => l.component === 'discount' && l.basis.kind === 'charge')).toBe(true);
  expectModelFigures(await recalculated(await workbookOf(page, planner)), e);
  planner.free();
});

test('"Export CSV tables (zip)": every table reads in one call with numeric casting, the bill adds up to the month, and the bill alone is a file too', async ({ page }) => {
  const { unzipSync, strFromU8 } = await import('fflate');
  const { parse } = await import('csv-parse/sync');
  const planner = Planner.fromPreset('phase1-3-customers');
  planner.pin();
  planner.openPreset(PHASE2);
  const e = planner.estimate();
  await open(page, planner.link());
  planner.free();
  await openMenu(page, 'Export');
  const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV tables (zip)', exact: true }).click()]);
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await zip.path())));
  expect(Object.keys(files)).toEqual(['bill.csv', 'customers.csv', 'sizing.csv', 'findings.csv', 'timeline.csv', 'assumptions.csv', 'comparison.csv']);
  // The defaults of a data tool: a header row, then records of as many fields (csv-parse throws
  // otherwise), numbers cast.
  const read = (name: string): Record<string, unknown>[] => parse(strFromU8(files[name]!), { bom: true, columns: true, cast: true });
  for (const name of Object.keys(files)) expect(read(name).length, name).toBeGreaterThan(0);
  const bill = read('bill.csv');
  expect(bill.map((r) => r['Amount (cents)'])).toEqual(e.lineItems.map((l) => l.amountCents));
  expect(bill.reduce((sum, r) => sum + (r['Amount (cents)'] as number), 0)).toBe(e.totals.monthlyCostCents);
  expect(bill.map((r) => r['Quantity'])).toEqual(e.lineItems.map((l) => l.quantity));
  expect(read('customers.csv').map((r) => r['Allocated / month (cents)'])).toEqual(e.customers.map((c) => c.allocatedMonthlyCents));

  await openMenu(page, 'Export');
  const [single] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bill CSV', exact: true }).click()]);
  expect(single.suggestedFilename()).toMatch(/\.bill\.csv$/);
  expect(parse(readFileSync(await single.path()).toString('utf8'), { bom: true, columns: true, cast: true })).toEqual(bill);
});
