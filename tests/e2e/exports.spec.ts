/**
 * Exports from the page, each opened and checked against the figures on screen: CSV, JSON (and
 * Import of it, by the picker and by dropping it), Markdown, XLSX and print. The XLSX writer is
 * fetched only on the first XLSX export; hostile names export safely in every format.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileName } from '../../www/src/download.ts';
import type { Export } from '../../www/src/tools.ts';
import { cents, evaluate, FIGURES, headline, Planner, preset, shownHeadline, tools } from './model.ts';
import { choose, cspViolations, open, openMenu, section as openSection, watchErrors, watchViolations } from './page.ts';

const PHASE2 = 'phase2-10-customers';
const IMG = '<img src=x onerror=window.__pwned=1>';
const FORMULA = '=HYPERLINK("http://x")';
const XLSX_CHUNK = /\/assets\/xlsx-[\w-]+\.js$/;

/** A downloaded file: the name the page gave it and its bytes. */
interface Downloaded {
  name: string;
  bytes: Buffer;
}

/** Clicks the button `name` (in the Export menu) and returns the file it downloads. */
async function download(page: Page, name: string): Promise<Downloaded> {
  await openMenu(page, 'Export');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Text of a download, without the byte order mark. */
const text = (file: Downloaded) => file.bytes.toString('utf8').replace(/^\ufeff/, '');

/** The rows of the CSV section `title` (after its header row), read by csv-parse. */
function section(csv: string, title: string): string[][] {
  const rows: string[][] = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const start = rows.findIndex((row) => row.length === 1 && row[0] === title);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const body = rows.slice(start + 2);
  const end = body.findIndex((row) => row.every((cell) => cell === ''));
  return end < 0 ? body : body.slice(0, end);
}

/** Markdown text with its backslash escapes removed (`Customer \#1` → `Customer #1`). */
const plain = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Cents from a CSV amount such as `-12.50`. */
const csvCents = (amount: string) => Math.round(Number(amount) * 100);

/** Opens the page on preset `id` (through its link). */
async function openPreset(page: Page, id: string): Promise<void> {
  const planner = Planner.fromPreset(id);
  await open(page, planner.link());
  planner.free();
}

/** The scenario file of an export with `change` applied to its scenario. */
function edited(json: string, change: (data: Export) => void): string {
  const data = JSON.parse(json) as Export;
  change(data);
  return JSON.stringify(data);
}

/** Opens `content` as `name` through the "Import" button's file picker. */
async function importFile(page: Page, name: string, content: string | Buffer): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import', exact: true }).click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

/** Drops `content` as the file `name` on the page. */
async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const transfer = await page.evaluateHandle(([n, c]) => {
    const data = new DataTransfer();
    data.items.add(new File([c], n, { type: 'application/json' }));
    return data;
  }, [name, content] as const);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop the JSON file to open its scenario')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByText('Drop the JSON file to open its scenario')).toBeHidden();
}

test('CSV: line items add up to the total, which is the monthly cost on screen; its link reopens the scenario', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await openPreset(page, PHASE2);
  const shown = await shownHeadline(page);
  const file = await download(page, 'Export CSV');
  expect(file.name).toBe(fileName(preset(PHASE2).name, 'csv'));
  expect(file.name).toMatch(/^phase-2-10-customers-3-regions-month-5-\d{4}-\d\d-\d\d\.csv$/);
  expect(file.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const csv = file.bytes.toString('utf8');
  const lines = section(csv, 'Line items');
  const [totals] = section(csv, 'Totals');
  const total = csvCents(totals![0]!);
  expect(lines.reduce((sum, row) => sum + csvCents(row[5]!), 0)).toBe(total);
  expect(total).toBe(cents(shown['Monthly cost']!));
  const link = section(csv, 'Assumptions').find(([name]) => name === 'Share link')![1]!;
  expect(link).toMatch(/^#v\d/);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await open(other, link.slice(1));
  expect(await shownHeadline(other)).toEqual(shown);
  await fresh.close();
  expect(errors).toEqual([]);
});

test('JSON: figures equal the screen; importing the file in a fresh page restores them', async ({ page, browser }) => {
  await openPreset(page, PHASE2);
  await page.getByRole('slider', { name: 'Customers' }).press('ArrowRight');
  const shown = await shownHeadline(page);
  const name = await page.getByRole('textbox', { name: 'Scenario name' }).inputValue();
  const file = await download(page, 'Export JSON');
  expect(file.name).toBe(fileName(name, 'json'));
  const data = JSON.parse(text(file)) as Export;
  expect(headline(data.estimate)).toEqual(shown);
  expect(data.priceBook.id).toBe(data.scenario.priceBook);

  for (const how of ['picker', 'drop'] as const) {
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const errors = watchErrors(other);
    await open(other);
    expect(await shownHeadline(other)).not.toEqual(shown);
    if (how === 'picker') await importFile(other, file.name, file.bytes);
    else await dropFile(other, file.name, text(file));
    await expect(other.getByRole('status', { name: 'Monthly cost' })).toHaveText(shown['Monthly cost']!);
    expect(await shownHeadline(other), how).toEqual(shown);
    await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(name);
    await expect(other.getByText(`Opened "${name}" from ${file.name}.`)).toBeVisible();
    await expect(other.getByRole('alert')).toBeEmpty();
    // The address bar follows: the link of the imported scenario reopens it.
    const link = new URL(other.url()).hash.slice(1);
    const model = Planner.fromLink(link);
    expect(headline(model.estimate())).toEqual(shown);
    model.free();
    expect(errors).toEqual([]);
    await fresh.close();
  }
});

test('Import: a bad file says what is wrong, naming the field, and the scenario stays', async ({ page }) => {
  const errors = watchErrors(page);
  await openPreset(page, PHASE2);
  const json = text(await download(page, 'Export JSON'));
  await choose(page, 'week9-baseline');
  const shown = await shownHeadline(page);
  const alert = page.getByRole('alert');
  const cases: [name: string, content: string, message: string][] = [
    ['ratio.json', edited(json, (d) => (d.scenario.network.cdnHitRatio = 1.5)), 'scenario.network.cdnHitRatio = 1.5: allowed a number from 0 to 1'],
    ['bare.json', JSON.stringify({ ...JSON.parse(json).scenario, network: { ...JSON.parse(json).scenario.network, cdnHitRatio: 1.5 } }), 'network.cdnHitRatio = 1.5: allowed a number from 0 to 1'],
    ['notes.txt', 'not json at all', 'file: valid JSON ('],
    ['cut.json', json.slice(0, json.length / 2), 'file: valid JSON ('],
    ['newer.json', edited(json, (d) => (d.schemaVersion = 99)), 'schemaVersion'],
  ];
  for (const [name, content, message] of cases) {
    await importFile(page, name, content);
    await expect(alert, name).toContainText(`This file could not be opened: `);
    await expect(alert, name).toContainText(message);
    await expect(alert, name).toContainText('The scenario on screen is unchanged.');
    expect(await shownHeadline(page), name).toEqual(shown);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toBeEmpty();
  }
  // Over 5 MB: refused before it is read (padded to 5.1 MB whatever the export's own size).
  await importFile(page, 'huge.json', `${json.slice(0, -1)}, "padding": "${'x'.repeat(5_100_000 - json.length)}"}`);
  await expect(alert).toContainText('"huge.json" is 5.1 MB, over the 5.0 MB limit');
  expect(await shownHeadline(page)).toEqual(shown);
  // A dropped bad file is refused the same way.
  await dropFile(page, 'ratio.json', cases[0]![1]);
  await expect(alert).toContainText(cases[0]![2]);
  expect(await shownHeadline(page)).toEqual(shown);
  expect(errors).toEqual([]);
});

test('Markdown: headline figures and the per-customer table equal the screen', async ({ page }) => {
  await openPreset(page, PHASE2);
  const shown = await shownHeadline(page);
  const file = await download(page, 'Export Markdown');
  expect(file.name).toBe(fileName(preset(PHASE2).name, 'md'));
  const md = plain(text(file));
  const figures = md.split('\n').find((line) => line.startsWith('| $'))!;
  for (const name of FIGURES) expect(figures, name).toContain(`| ${shown[name]} |`);
  await openSection(page, 'Bill');
  const cohorts = page.getByRole('table', { name: 'Cost per customer cohort' }).locator('tbody tr');
  const count = await cohorts.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const cells = await cohorts.nth(i).locator('td').allInnerTexts();
    const [cohort, customers, allocated, each, pctAcv, margin] = cells;
    expect(md).toContain(`| ${cohort} | ${customers} | ${allocated} | ${each} | ${pctAcv} | ${margin} |`);
  }
});

test('XLSX: sheets, a Summary total formula over the line items with the screen figure cached, formats', async ({ page }) => {
  await openPreset(page, PHASE2);
  const shown = await shownHeadline(page);
  const file = await download(page, 'Export XLSX');
  expect(file.name).toBe(fileName(preset(PHASE2).name, 'xlsx'));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes);
  expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'Line items', 'Allocation', 'Customers', 'Timeline', 'Sizing', 'Assumptions', 'Explain']);
  // The Explain sheet: the monthly cost's tree first, its root the estimate's total in dollars.
  const explain = book.getWorksheet('Explain')!;
  expect([explain.getCell(2, 1).value, explain.getCell(2, 2).value, explain.getCell(2, 3).value]).toEqual(['totals.monthlyCostCents', 0, 'Monthly cost']);
  expect(explain.getCell(2, 4).value as number).toBeCloseTo(evaluate(preset(PHASE2)).totals.monthlyCostCents / 100, 9);

  const items = book.getWorksheet('Line items')!;
  const amounts: number[] = [];
  for (let r = 2; items.getCell(r, 1).value !== 'Total per month'; r++) {
    const amount = items.getCell(r, 6);
    // quantity x unit price, rounded to the cent, with the model's amount cached
    expect(amount.formula, `F${r}`).toBe(`ROUND(C${r}*E${r},2)`);
    expect(amount.numFmt).toBe('"$"#,##0.00');
    amounts.push(Math.round((amount.result as number) * 100));
  }
  const last = amounts.length + 1;
  const summary = book.getWorksheet('Summary')!;
  const cost = summary.getCell('B3');
  expect(summary.getCell('A3').value).toBe('Monthly cost');
  expect(cost.type).toBe(ExcelJS.ValueType.Formula);
  expect(cost.formula).toBe(`'Line items'!F${last + 1}`);
  expect(items.getCell(`F${last + 1}`).formula).toBe(`SUM(F2:F${last})`);
  const cached = Math.round((cost.result as number) * 100);
  expect(cached).toBe(cents(shown['Monthly cost']!));
  expect(amounts.reduce((a, b) => a + b, 0)).toBe(cached);
  expect(cost.numFmt).toBe('"$"#,##0.00');
  // Every cohort of the preset is live from month 1: month 12 is the scenario as it is.
  const months = book.getWorksheet('Timeline')!;
  expect(months.getCell('A13').value).toBe(12);
  expect(Math.round((months.getCell('C13').value as number) * 100)).toBe(cached);
  const margin = summary.getCell('B8');
  expect(summary.getCell('A8').value).toBe('Gross margin');
  expect(margin.type).toBe(ExcelJS.ValueType.Formula);
  expect(margin.numFmt).toBe('0.0%');
  expect(`${((margin.result as number) * 100).toFixed(1)}%`).toBe(shown['Gross margin']);
  expect(summary.getCell('B5').numFmt).toBe('"$"#,##0.00');
  expect(`$${(summary.getCell('B5').result as number).toFixed(2)}`).toBe(shown['Cost per customer']!.replace(/,/g, ''));

  const customers = book.getWorksheet('Customers')!;
  expect(customers.getCell('I1').value).toBe('% of ACV');
  expect(customers.getCell('I2').numFmt).toBe('0.0%');
  expect(customers.getCell('C2').numFmt).toBe('"$"#,##0.00');
  expect(customers.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
  const notes = book.getWorksheet('Assumptions')!;
  const values = new Map<string, unknown>();
  notes.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(values.get('Price book')).toBe(preset(PHASE2).priceBook);
  expect(values.get('Currency')).toBe('USD');
  expect(String(values.get('Share link'))).toMatch(/^#v\d/);
  expect(values.get('Schema version')).toEqual(expect.any(Number));
});

test('the XLSX chunk is fetched only on the first XLSX export, under the page\'s CSP', async ({ page }) => {
  await watchViolations(page);
  const errors = watchErrors(page);
  const requests: string[] = [];
  const chunk = (request: Request) => XLSX_CHUNK.test(new URL(request.url()).pathname);
  page.on('request', (request) => {
    if (chunk(request)) requests.push(request.url());
  });
  await openPreset(page, PHASE2);
  await page.getByText('Advanced').click();
  await page.waitForLoadState('networkidle');
  await expect(page.locator('link[rel=modulepreload][href*="xlsx"]')).toHaveCount(0);
  for (const name of ['Export CSV', 'Export JSON', 'Export Markdown']) await download(page, name);
  expect(requests).toEqual([]);
  await download(page, 'Export XLSX');
  expect(requests).toHaveLength(1);
  await download(page, 'Export XLSX');
  expect(requests).toHaveLength(1);
  await expect(page.getByText(/^Downloaded phase-2-.*\.xlsx\.$/)).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('print: a clean summary on A4 and Letter, with no controls', async ({ page }) => {
  const errors = watchErrors(page);
  await openPreset(page, PHASE2);
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 700, height: 1000 });
  for (const hidden of [
    page.getByRole('slider', { name: 'Customers' }),
    page.getByRole('button', { name: 'Export CSV' }),
    page.getByRole('button', { name: 'Copy link' }),
    page.getByText('Advanced'),
    page.getByRole('textbox', { name: 'Save as' }),
    page.getByRole('tab', { name: 'Bill' }),
  ]) {
    await expect(hidden).toBeHidden();
  }
  for (const name of FIGURES) await expect(page.getByRole('status', { name })).toBeVisible();
  await expect(page.getByRole('table', { name: 'The bill, line by line' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Cost per customer cohort' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Capacity and latency' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Findings' })).toBeVisible();
  const notes = page.locator('#print-notes');
  await expect(notes).toBeVisible();
  await expect(notes).toContainText(preset(PHASE2).priceBook);
  await expect(notes).toContainText(`#${await page.evaluate(() => location.hash.slice(1))}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(700);
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = await page.pdf({ format, printBackground: true });
    expect(pdf.subarray(0, 5).toString(), format).toBe('%PDF-');
    expect(pdf.length, format).toBeGreaterThan(10_000);
  }
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByRole('slider', { name: 'Customers' })).toBeVisible();
  await expect(notes).toBeHidden();
  expect(errors).toEqual([]);
});

test('hostile names export safely in every format and never run on the page', async ({ page, browser }) => {
  const errors = watchErrors(page);
  const planner = Planner.fromPreset('phase1-3-customers');
  planner.set('name', FORMULA);
  planner.set('customers[0].name', IMG);
  planner.set('customers[1].name', '@SUM(1)');
  planner.edit({ kind: 'addFixedLine', label: FORMULA, monthlyUsd: 5 });
  const link = planner.link();
  planner.free();
  await open(page, link);

  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/^hyperlink-http-x-\d{4}-\d\d-\d\d\.csv$/);
  const rows: string[][] = parse(csv.bytes.toString('utf8'), { bom: true, relax_column_count: true });
  const texts = rows.flat().filter((cell) => cell !== '' && Number.isNaN(Number(cell)));
  expect(texts.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  expect(texts).toContain(`'${FORMULA}`);
  expect(texts).toContain(`'@SUM(1)`);

  const md = text(await download(page, 'Export Markdown'));
  expect(md).not.toMatch(/(^|[^\\])<img/m);
  expect(md).toContain('\\<img src=x onerror=window.\\_\\_pwned=1\\>');

  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await download(page, 'Export XLSX')).bytes);
  const formulas: string[] = [];
  const strings: string[] = [];
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas.push(`${sheet.name}!${cell.address} ${cell.formula}`);
        if (cell.type === ExcelJS.ValueType.String) strings.push(cell.value as string);
      }),
    );
  }
  // The workbook's own formulas only: none holds a name's text.
  expect(formulas.length).toBeGreaterThan(30);
  expect(formulas.filter((f) => /HYPERLINK|onerror|@SUM|SUM\(1\)/.test(f)), formulas.join('\n')).toEqual([]);
  for (const name of [FORMULA, IMG, '@SUM(1)']) expect(strings, name).toContain(name);

  const json = await download(page, 'Export JSON');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherErrors = watchErrors(other);
  await open(other);
  await importFile(other, json.name, json.bytes);
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(FORMULA);
  await openSection(other, 'Bill');
  await expect(other.getByRole('table', { name: 'Cost per customer cohort' }).locator('tbody tr td:first-child').first()).toHaveText(IMG);
  await expect(other.getByText(`Opened "${FORMULA}" from ${json.name}.`)).toBeVisible();
  for (const p of [page, other]) {
    await p.waitForLoadState('networkidle');
    expect(await p.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(p.locator('img')).toHaveCount(0);
  }
  expect(otherErrors).toEqual([]);
  await fresh.close();
  expect(errors).toEqual([]);
});

test('with A pinned and named, every export carries the comparison headed by the name, and a JSON export reopens with its pin', async ({ page }) => {
  const model = Planner.fromPreset('phase1-3-customers');
  const before = preset('phase1-3-customers');
  await openPreset(page, 'phase1-3-customers');
  await openSection(page, 'Compare');
  await page.getByRole('button', { name: 'Pin as A' }).click();
  const box = page.getByRole('textbox', { name: 'Name of pin A' });
  await box.fill('Three | customers');
  await box.press('Enter');
  model.pin();
  await page.getByRole('spinbutton', { name: 'Customers' }).fill('5');
  const now = model.set('customers', 5).estimate;
  const a = tools.comparison(model.link()).headline[0]!.values[0]!;
  const change = now.totals.monthlyCostCents - a;
  // Each column's own sizing and worst finding, evaluated here.
  const own = [evaluate(before), now];
  const worst = own.map((e) => (e.findings[0]!.severity === 'info' ? 'none' : e.findings[0]!.severity));

  const csv = text(await download(page, 'Export CSV'));
  const rows = section(csv, 'Comparison (differences from A)');
  const head = parse(csv, { bom: true, relax_column_count: true }).find((r: string[]) => r[0] === 'Part' && r[2] === 'Unit') as string[];
  expect(head.slice(3)).toEqual(['A: Three | customers', `Now: ${before.name}`, 'Now - A']);
  expect(rows[0]![0]).toBe('Input');
  const lineDeltas = rows.filter((r) => r[0] === 'Line item').map((r) => csvCents(r[5]!));
  expect(lineDeltas.reduce((x, y) => x + y, 0)).toBe(change);
  const cost = rows.find((r) => r[0] === 'Headline' && r[1] === 'Monthly cost')!;
  expect([csvCents(cost[3]!), csvCents(cost[4]!)]).toEqual([a, now.totals.monthlyCostCents]);
  const capacity = (what: string) => rows.find((r) => r[0] === 'Capacity' && r[1] === what)!;
  const headroom = capacity('Headroom (capacity / peak)');
  expect(headroom.slice(3, 5).map(Number).map((x, i) => Math.abs(x - own[i]!.sizing.headroomRatio!) < 1e-6 * own[i]!.sizing.headroomRatio!)).toEqual([true, true]);
  const p95 = capacity('Latency p95 at peak');
  expect(p95.slice(3, 5).map(Number).map((x, i) => Math.abs(x - own[i]!.sizing.latencyP95Ms!) < 1e-6 * own[i]!.sizing.latencyP95Ms!)).toEqual([true, true]);
  expect(capacity('CPU at peak').slice(3, 5)).toEqual(own.map((e) => (e.sizing.cpuUtilizationAtPeak * 100).toFixed(2)));
  expect(capacity('Worst finding').slice(3, 5)).toEqual(worst);

  const md = plain(text(await download(page, 'Export Markdown')));
  expect(md).toContain('## Comparison');
  expect(md).toContain(`| Input | Unit | A: Three | customers | Now: ${before.name} |`);
  expect(md.indexOf('### Inputs that differ')).toBeLessThan(md.indexOf('### Headline'));
  expect(md).toContain(`| Worst finding | ${worst.join(' | ')} |`);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await download(page, 'Export XLSX')).bytes);
  const sheet = book.getWorksheet('Comparison')!;
  expect(sheet.getRow(1).getCell(3).value).toBe('A: Three | customers');
  const costRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'Headline' && r.getCell(2).value === 'Monthly cost')!;
  expect(Math.round(Number(costRow.getCell(5).value) * 100)).toBe(change);
  const worstRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'Capacity' && r.getCell(2).value === 'Worst finding')!;
  expect([worstRow.getCell(3).value, worstRow.getCell(4).value]).toEqual(worst);
  // 12 months, then the payback month.
  const months = book.getWorksheet('Timeline')!;
  expect(months.getCell('A13').value).toBe(12);
  expect(months.getCell('A14').value).toBe('Payback month');

  // The JSON export carries the pin: importing it into a fresh page shows the comparison again.
  const json = await download(page, 'Export JSON');
  const fresh = await page.context().newPage();
  await open(fresh);
  await importFile(fresh, json.name, json.bytes);
  await openSection(fresh, 'Compare');
  await expect(fresh.getByRole('button', { name: 'Pin as B' })).toBeVisible();
  await expect(fresh.locator('#compare-section')).toBeVisible();
  await expect(fresh.getByRole('textbox', { name: 'Name of pin A' })).toHaveValue('Three | customers');
  await fresh.close();
  model.free();
});
