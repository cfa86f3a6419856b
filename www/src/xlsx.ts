/**
 * The XLSX workbook, built from the model's exports. Loaded only when someone clicks "Export
 * XLSX" (its own chunk, with the workbook writer): nothing here is part of the first load.
 *
 * Sheets: "Summary" (headline figures, its totals formulas over "Line items"; with usage ranges
 * the low and high figures, with a display currency the converted figures, its rate and date),
 * "Line items", "Customers", "Timeline" (12 months), "Comparison" (with pinned scenarios),
 * "Sizing" and "Assumptions" (the export's assumptions, as the CSV lists them). Numbers are
 * numeric cells: money in dollars from the model's integer cents with a currency format,
 * percents as fractions with a percent format. Every formula carries the model's figure as its
 * cached result, so a reader that does not recalculate shows the same figures as the page, and a
 * finance user's edits to the line items flow through to the totals. Names are string cells:
 * never formulas, whatever they start with.
 */
import { Workbook, type Worksheet } from '@cj-tech-master/excelts';
import { lineName, outputOf } from './components';
import { outputs, type Estimate, type Output } from './engine';
import { valueAt, words } from './format';
import type { Export } from './tools';
import type { Comparison, Row } from './generated/Compare';
import type { Assumption } from './generated/Export';
import type { Timeline } from './generated/Timeline';

/** Dollars with cents: `$1,234.56`, `-$4.32`. */
const USD = '"$"#,##0.00';
/** Unit prices, with as many decimals as they have (up to 8): `$0.000024`. */
const UNIT_PRICE = '"$"#,##0.00######';
/** Percents as fractions: 0.955 shows as `95.5%`. */
const PERCENT = '0.0%';
/** Whole numbers with thousands separators. */
const WHOLE = '#,##0';
/** Quantities and rates. */
const DECIMAL = '#,##0.00';
/** A ratio such as headroom: `1.85×`. */
const RATIO = '0.00"×"';
/** Milliseconds: `120.5 ms`. */
const MS = '#,##0.0" ms"';

/** A formula with the model's figure as its cached result. */
interface Formula {
  formula: string;
  result: number | string;
}
type Value = string | number | Formula | null;
/** A cell's value and its number format. */
interface Cell {
  value: Value;
  format?: string;
}
/** A column: its heading, width (characters) and the number format of its cells, if any. */
interface Column {
  head: string;
  width: number;
  format?: string;
}

/** The number format of a row's figures (none for words). */
function formatOf(row: Output): string | undefined {
  switch (row.unit) {
    case 'cents':
      return USD;
    case 'usd':
      return row.precision > 2 ? UNIT_PRICE : USD;
    case 'percent':
    case 'fraction':
      return PERCENT;
    case 'ratio':
      return RATIO;
    case 'count':
      return WHOLE;
    case 'duration':
      return MS;
    case 'text':
      return undefined;
    default:
      return DECIMAL;
  }
}

/**
 * A figure of a row as a cell value: dollars from cents, a fraction from a percent, a text
 * figure's words; a value that does not apply as the row's words for that (`saturated`), or empty.
 */
function valueOf(row: Output, value: unknown): Value {
  if (value === null || value === undefined) return row.absent || null;
  if (typeof value === 'string') return words(row, value);
  if (Array.isArray(value)) return value.join(' ');
  const x = Number(value);
  return row.unit === 'cents' || row.unit === 'percent' ? x / 100 : x;
}

/** A column per output row: its label, a width for its kind, its number format. */
const columnsOf = (rows: readonly Output[]): Column[] =>
  rows.map((row) => {
    const format = formatOf(row);
    const width = Math.max(row.label.length + 2, row.unit === 'text' ? 24 : 14);
    return format === undefined ? { head: row.label, width } : { head: row.label, width, format };
  });

/** A row of cells per item, a cell per output row, read by the row's id. */
const cellsOf = <T,>(rows: readonly Output[], items: readonly T[]): Cell[][] =>
  items.map((item) => rows.map((row) => cell(valueOf(row, valueAt(item, row.id)))));

/** A cell, with `format` when it is a number or formula. */
const cell = (value: Value, format?: string): Cell => (format === undefined ? { value } : { value, format });
/**
 * `text` with each control character (below U+0020 but tab, LF and CR, which XML cannot hold and
 * the workbook writer would drop; and DEL) shown as its Control Pictures symbol, as the
 * CSV export shows it: a name of only such characters stays visible instead of exporting empty.
 */
const visible = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));

/** Adds a sheet: a bold header row, then `rows`; each cell takes its own format, else its column's. */
function addSheet(book: Workbook, name: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.head, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  rows.forEach((row, r) => {
    row.forEach((item, c) => {
      const target = sheet.getCell(r + 2, c + 1);
      target.value = typeof item.value === 'string' ? visible(item.value) : item.value;
      const format = item.format ?? columns[c]?.format;
      if (format && item.value !== null && typeof item.value !== 'string') target.numFmt = format;
    });
  });
  return sheet;
}

/** The column letter of the line items' amounts: the bill's last column. */
const amountColumn = () => String.fromCharCode(64 + outputs().bill.length);

/** The cells of the line items' amounts. */
const amountsOf = (estimate: Estimate) => `${amountColumn()}2:${amountColumn()}${estimate.lineItems.length + 1}`;

/** The bill, one row per line, and a total row (a formula over the amounts). */
function lineItems(book: Workbook, estimate: Estimate): void {
  const { bill } = outputs();
  const rows = cellsOf(bill, estimate.lineItems);
  const amounts = amountsOf(estimate);
  const total = estimate.totals.monthlyCostCents / 100;
  const blanks = bill.slice(2).map(() => cell(null));
  rows.push([cell('Total per month'), ...blanks, cell({ formula: `SUM(${amounts})`, result: total })]);
  const sheet = addSheet(book, 'Line items', columnsOf(bill), rows);
  sheet.getRow(rows.length + 1).font = { bold: true };
}

/** Each cohort's share of the month, % of ACV, margin, ACV and revenue. */
function customers(book: Workbook, estimate: Estimate): void {
  const rows = outputs().customers;
  addSheet(book, 'Customers', columnsOf(rows), cellsOf(rows, estimate.customers));
}

/** The headline figures; the cost and the ratios built on it are formulas over the line items. */
function summary(book: Workbook, data: Export, link: string): void {
  const e = data.estimate;
  const totals = outputs().totals;
  // Row 1 is the header, row 2 the scenario's name, then a row per totals figure.
  const at = (id: string) => `B${3 + totals.findIndex((row) => row.id === id)}`;
  const [cost, customers, revenue] = [at('totals.monthlyCostCents'), at('totals.customerCount'), at('totals.monthlyRevenueCents')];
  /** The formula of a figure built on the line items, by id; none for the others. */
  const formulas: Record<string, string> = {
    'totals.monthlyCostCents': `SUM('Line items'!${amountsOf(e)})`,
    'totals.costPerCustomerCents': `IF(${customers}>0,${cost}/${customers},"")`,
    'totals.costPctOfAcv': `IF(${revenue}>0,${cost}/${revenue},"")`,
    'totals.grossMarginPct': `IF(${revenue}>0,(${revenue}-${cost})/${revenue},"")`,
  };
  const figure = (row: Output): Cell[] => {
    const value = valueOf(row, valueAt(e, row.id));
    const formula = formulas[row.id];
    const format = formatOf(row);
    return [cell(row.label), formula ? cell({ formula, result: (value as number | null) ?? '' }, format) : cell(value, format)];
  };
  const rows: Cell[][] = [
    [cell('Scenario'), cell(data.scenario.name)],
    ...totals.map(figure),
    ...rangeRows(data, totals),
    ...currencyRows(data, totals),
    [cell('Price book'), cell(`${data.priceBook.title} (${data.priceBook.id}, seen ${data.priceBook.seen})`)],
    [cell('Share link'), cell(link)],
  ];
  addSheet(book, 'Summary', [{ head: 'Figure', width: 28 }, { head: 'Value', width: 60 }], rows);
}

/** With usage ranges, the low and high scenarios' totals (each evaluated in full). */
function rangeRows({ estimate: { range } }: Export, totals: readonly Output[]): Cell[][] {
  if (!range) return [];
  return (['low', 'high'] as const).flatMap((end) =>
    totals.map((row) => [cell(`${row.label}, ${end}`), cell(valueOf(row, valueAt(range[end], row.id.slice('totals.'.length))), formatOf(row))]),
  );
}

/** With a display currency, its rate and date and the converted figures (rounded once by the model). */
function currencyRows(data: Export, totals: readonly Output[]): Cell[][] {
  const c = data.estimate.currency;
  if (!c) return [];
  const amount = (x: { minorUnits: number } | null) => (x === null ? null : x.minorUnits / 10 ** c.decimals);
  const format = `#,##0${c.decimals > 0 ? `.${'0'.repeat(c.decimals)}` : ''} "${c.code}"`;
  const rows: Cell[][] = [
    [cell('Currency'), cell(c.code)],
    [cell('Exchange rate'), cell(`${c.perUsd} ${c.code} per USD`)],
    [cell('Rate date'), cell(c.rateDate)],
    ...totals
      .filter((row) => row.converted)
      .map((row) => [cell(`${row.label} (${c.code})`), cell(amount(valueAt(data.estimate, row.converted) as { minorUnits: number } | null), format)]),
  ];
  const cost = totals[0]!;
  if (c.lowMonthlyCost && c.highMonthlyCost) {
    rows.push([cell(`${cost.label}, low (${c.code})`), cell(amount(c.lowMonthlyCost), format)]);
    rows.push([cell(`${cost.label}, high (${c.code})`), cell(amount(c.highMonthlyCost), format)]);
  }
  rows.push([cell('Note'), cell(c.note)]);
  return rows;
}

/** The 12 months: customers live, cost, revenue and margin, each month and cumulative; then the payback month. */
function timeline(book: Workbook, t: Timeline): void {
  const { timeline: columns, timelineSummary } = outputs();
  const rows = cellsOf(columns, t.months);
  for (const row of timelineSummary) rows.push([cell(row.label), cell(valueOf(row, valueAt(t, row.id)))]);
  addSheet(book, 'Timeline', columnsOf(columns), rows);
}

/** A comparison figure as a cell, with its row's format. */
function compared(row: Row, x: number | null | undefined): Cell {
  const o = outputOf(row);
  return x === null || x === undefined ? cell(null) : cell(valueOf(o, x), formatOf(o));
}

/**
 * The pinned scenarios beside the current one, each column headed "A: <name>": the inputs that
 * differ first, then values (words where a column has none: what binds, a severity, `saturated`)
 * and differences from A.
 */
function comparison(book: Workbook, c: Comparison): void {
  const later = c.columns.slice(1);
  const figures = (part: string, rows: Row[]) =>
    rows.map((r) => [
      cell(part),
      cell(lineName(r)),
      ...c.columns.map((_, i) => (r.values[i] === null && r.notes[i] ? cell(r.notes[i]!) : compared(r, r.values[i]))),
      ...later.map((_, k) => compared(r, r.differences[k + 1])),
    ]);
  const input = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'on' : 'off') : (v as string | number));
  const rows: Cell[][] = [
    ...c.inputs.map((r) => [cell('Input'), cell(`${r.label} (${r.path})`), ...r.values.map((v) => cell(input(v)))]),
    ...figures('Headline', c.headline),
    ...figures('Capacity', c.capacity),
    ...figures('Line item', c.lineItems),
    ...figures('Cohort', c.customers),
  ];
  addSheet(book, 'Comparison', [
    { head: 'Part', width: 11 },
    { head: 'What', width: 44 },
    ...c.columns.map((col, i) => ({ head: `${col}: ${c.names[i] ?? ''}`, width: 20 })),
    ...later.map((col) => ({ head: `${col} − A`, width: 14 })),
  ], rows);
}

/** What the infrastructure must be: one figure a row, with its unit. */
function sizing(book: Workbook, estimate: Estimate): void {
  const rows = outputs().sizing.map((row) => [cell(row.label), cell(valueOf(row, valueAt(estimate, row.id)), formatOf(row)), cell(row.symbol)]);
  addSheet(book, 'Sizing', [
    { head: 'Figure', width: 34 },
    { head: 'Value', width: 16 },
    { head: 'Unit', width: 12 },
  ], rows);
}

/** The export's assumptions: name, value and unit a row; a number stays a number. */
function assumptions(book: Workbook, rows: readonly Assumption[]): void {
  addSheet(book, 'Assumptions', [
    { head: 'Name', width: 40 },
    { head: 'Value', width: 60 },
    { head: 'Unit', width: 14 },
  ], rows.map((a) => [cell(a.name), cell(a.value), cell(a.unit)]));
}

/** What a workbook is made from. */
export interface Sources {
  /** The scenario's JSON export (`exportJson`): scenario, estimate, timeline, currency, comparison and assumptions. */
  json: string;
  /** The page's address with the scenario's share link. */
  url: string;
}

/** The workbook of a scenario as XLSX bytes. */
export async function workbook({ json, url }: Sources): Promise<Uint8Array> {
  const data = JSON.parse(json) as Export;
  const book = new Workbook();
  book.creator = 'headroom';
  summary(book, data, url);
  lineItems(book, data.estimate);
  customers(book, data.estimate);
  timeline(book, data.timeline);
  if (data.comparison) comparison(book, data.comparison);
  sizing(book, data.estimate);
  assumptions(book, data.assumptions);
  return book.xlsx.writeBuffer();
}
