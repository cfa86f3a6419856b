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
import { COMPONENTS, lineName } from './components';
import type { Estimate } from './engine';
import type { Export } from './tools';
import type { Comparison, Row } from './generated/Compare';
import type { Assumption } from './generated/Export';
import type { Explanation, Node as Step } from './generated/Explain';
import { sourceText } from './explain/text';
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

/** A cell, with `format` when it is a number or formula. */
const cell = (value: Value, format?: string): Cell => (format === undefined ? { value } : { value, format });
/** Dollars from integer cents, or null for "not applicable". */
const dollars = (cents: number | null) => (cents === null ? null : cents / 100);
/** A fraction from a percent, or null. */
const fraction = (pct: number | null) => (pct === null ? null : pct / 100);

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

/** The cells of the line items' amounts. */
const amountsOf = (estimate: Estimate) => `F2:F${estimate.lineItems.length + 1}`;

/** The bill, one row per line, and a total row (a formula over the amounts). */
function lineItems(book: Workbook, estimate: Estimate): void {
  const rows = estimate.lineItems.map((l) => [
    cell(COMPONENTS[l.component]),
    cell(l.label),
    cell(l.quantity),
    cell(l.unit),
    cell(l.unitPriceUsd),
    cell(dollars(l.amountCents)),
  ]);
  const amounts = amountsOf(estimate);
  const total = estimate.totals.monthlyCostCents / 100;
  const blank = cell(null);
  rows.push([cell('Total per month'), blank, blank, blank, blank, cell({ formula: `SUM(${amounts})`, result: total })]);
  const sheet = addSheet(book, 'Line items', [
    { head: 'Component', width: 18 },
    { head: 'Item', width: 44 },
    { head: 'Quantity', width: 16, format: DECIMAL },
    { head: 'Unit', width: 18 },
    { head: 'Unit price', width: 14, format: UNIT_PRICE },
    { head: 'Amount', width: 14, format: USD },
  ], rows);
  sheet.getRow(rows.length + 1).font = { bold: true };
}

/** Each cohort's allocated cost, % of ACV and margin. */
function customers(book: Workbook, estimate: Estimate): void {
  addSheet(book, 'Customers', [
    { head: 'Cohort', width: 32 },
    { head: 'Customers', width: 11, format: WHOLE },
    { head: 'ACV per customer', width: 17, format: USD },
    { head: 'Allocated / month', width: 17, format: USD },
    { head: 'Per customer / month', width: 20, format: USD },
    { head: 'Revenue / month', width: 16, format: USD },
    { head: '% of ACV', width: 10, format: PERCENT },
    { head: 'Gross margin', width: 13, format: PERCENT },
  ], estimate.customers.map((c) => [
    cell(c.name),
    cell(c.count),
    cell(c.acvUsd),
    cell(dollars(c.allocatedMonthlyCents)),
    cell(dollars(c.perCustomerMonthlyCents)),
    cell(dollars(c.monthlyRevenueCents)),
    cell(fraction(c.costPctOfAcv)),
    cell(fraction(c.grossMarginPct)),
  ]));
}

/** The headline figures; the cost and the ratios built on it are formulas over the line items. */
function summary(book: Workbook, data: Export, link: string): void {
  const t = data.estimate.totals;
  const amounts = `'Line items'!${amountsOf(data.estimate)}`;
  const ratio = (formula: string, pct: number | null): Cell => cell({ formula, result: pct === null ? '' : pct / 100 }, PERCENT);
  const rows: Cell[][] = [
    [cell('Scenario'), cell(data.scenario.name)],
    [cell('Monthly cost'), cell({ formula: `SUM(${amounts})`, result: t.monthlyCostCents / 100 }, USD)],
    [cell('Customers'), cell(t.customerCount, WHOLE)],
    [cell('Cost per customer / month'), cell({ formula: 'IF(B4>0,B3/B4,"")', result: dollars(t.costPerCustomerCents) ?? '' }, USD)],
    [cell('Revenue / month'), cell(t.monthlyRevenueCents / 100, USD)],
    [cell('Cost as % of ACV'), ratio('IF(B6>0,B3/B6,"")', t.costPctOfAcv)],
    [cell('Gross margin'), ratio('IF(B6>0,(B6-B3)/B6,"")', t.grossMarginPct)],
    [cell('Unallocated / month'), cell(t.unallocatedCents / 100, USD)],
    ...rangeRows(data),
    ...currencyRows(data),
    [cell('Price book'), cell(`${data.priceBook.title} (${data.priceBook.id}, seen ${data.priceBook.seen})`)],
    [cell('Share link'), cell(link)],
  ];
  addSheet(book, 'Summary', [{ head: 'Figure', width: 28 }, { head: 'Value', width: 60 }], rows);
}

/** With usage ranges, the low and high scenarios' figures (each evaluated in full). */
function rangeRows({ estimate: { range } }: Export): Cell[][] {
  if (!range) return [];
  const { low, high } = range;
  return [
    [cell('Monthly cost, low'), cell(low.monthlyCostCents / 100, USD)],
    [cell('Monthly cost, high'), cell(high.monthlyCostCents / 100, USD)],
    [cell('Gross margin, low usage'), cell(fraction(low.grossMarginPct), PERCENT)],
    [cell('Gross margin, high usage'), cell(fraction(high.grossMarginPct), PERCENT)],
  ];
}

/** With a display currency, its rate and date and the converted figures (rounded once by the model). */
function currencyRows({ estimate: { currency: c } }: Export): Cell[][] {
  if (!c) return [];
  const amount = (x: { minorUnits: number } | null) => (x === null ? null : x.minorUnits / (c.code === 'JPY' ? 1 : 100));
  const format = `#,##0${c.code === 'JPY' ? '' : '.00'} "${c.code}"`;
  const rows: Cell[][] = [
    [cell('Currency'), cell(c.code)],
    [cell('Exchange rate'), cell(`${c.perUsd} ${c.code} per USD`)],
    [cell('Rate date'), cell(c.rateDate)],
    [cell(`Monthly cost (${c.code})`), cell(amount(c.monthlyCost), format)],
    [cell(`Cost per customer (${c.code})`), cell(amount(c.costPerCustomer), format)],
    [cell(`Revenue / month (${c.code})`), cell(amount(c.monthlyRevenue), format)],
  ];
  if (c.lowMonthlyCost && c.highMonthlyCost) {
    rows.push([cell(`Monthly cost, low (${c.code})`), cell(amount(c.lowMonthlyCost), format)]);
    rows.push([cell(`Monthly cost, high (${c.code})`), cell(amount(c.highMonthlyCost), format)]);
  }
  rows.push([cell('Note'), cell(c.note)]);
  return rows;
}

/** The 12 months: customers live, cost, revenue and margin, each month and cumulative. */
function timeline(book: Workbook, { months }: Timeline): void {
  addSheet(book, 'Timeline', [
    { head: 'Month', width: 7, format: WHOLE },
    { head: 'Customers live', width: 15, format: WHOLE },
    { head: 'Cost', width: 14, format: USD },
    { head: 'Revenue', width: 14, format: USD },
    { head: 'Gross margin', width: 13, format: PERCENT },
    { head: 'Cumulative cost', width: 16, format: USD },
    { head: 'Cumulative revenue', width: 19, format: USD },
    { head: 'Cumulative margin', width: 18, format: PERCENT },
  ], months.map((m) => [
    cell(m.month),
    cell(m.customersLive),
    cell(dollars(m.monthlyCostCents)),
    cell(dollars(m.monthlyRevenueCents)),
    cell(fraction(m.grossMarginPct)),
    cell(dollars(m.cumulativeCostCents)),
    cell(dollars(m.cumulativeRevenueCents)),
    cell(fraction(m.cumulativeMarginPct)),
  ]));
}

/** A comparison figure as a cell: dollars, a fraction, a ratio (`1.85×`), ms or a count, each with its format. */
function compared(row: Row, x: number | null | undefined): Cell {
  if (x === null || x === undefined) return cell(null);
  switch (row.unit) {
    case 'cents':
      return cell(x / 100, USD);
    case 'pct':
      return cell(x / 100, PERCENT);
    case 'ratio':
      return cell(x, RATIO);
    case 'ms':
      return cell(x, MS);
    default:
      return cell(x, WHOLE);
  }
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
function sizing(book: Workbook, { sizing: s }: Estimate): void {
  const saturated = (x: number | null) => x ?? 'saturated';
  const rows: [string, Value, string, string?][] = [
    ['Peak load', s.peakQps, 'QPS', DECIMAL],
    ['Average load', s.avgQps, 'QPS', DECIMAL],
    ['Capacity at max instances', s.capacityQps, 'QPS', WHOLE],
    ['Capacity bound', s.capacityBound === 'cpu' ? 'CPU' : 'concurrency', ''],
    ['Headroom', s.headroomRatio, '×', DECIMAL],
    ['Utilisation at peak', s.utilizationAtPeak, '', PERCENT],
    ['CPU at peak', s.cpuUtilizationAtPeak, '', PERCENT],
    ['Regions', s.regions, '', WHOLE],
    ['Instances per region at peak', s.instancesAtPeak, 'instances', WHOLE],
    ['Instances per region, quiet hours', s.instancesQuiet, 'instances', WHOLE],
    ['Latency p50 at peak', saturated(s.latencyP50Ms), 'ms', DECIMAL],
    ['Latency p95 at peak', saturated(s.latencyP95Ms), 'ms', DECIMAL],
    ['Latency p99 at peak', saturated(s.latencyP99Ms), 'ms', DECIMAL],
    ['Requests in flight at peak', saturated(s.inFlightAtPeak), 'requests', DECIMAL],
    ['Requests per month', s.requestsPerMonth, 'requests', WHOLE],
    ['Firestore reads at peak', s.firestore.peakReadsPerS, 'per second', DECIMAL],
    ['Firestore writes at peak', s.firestore.peakWritesPerS, 'per second', DECIMAL],
    ['Firestore deletes at peak', s.firestore.peakDeletesPerS, 'per second', DECIMAL],
    ['Firestore stored', s.firestore.storedGib, 'GiB', DECIMAL],
    ['Egress per month', s.egressGibPerMonth, 'GiB', DECIMAL],
  ];
  addSheet(book, 'Sizing', [
    { head: 'Figure', width: 34 },
    { head: 'Value', width: 16 },
    { head: 'Unit', width: 12 },
  ], rows.map(([label, value, unit, format]) => [cell(label), cell(value, format), cell(unit)]));
}

/** The export's assumptions: name, value and unit a row; a number stays a number. */
function assumptions(book: Workbook, rows: readonly Assumption[]): void {
  addSheet(book, 'Assumptions', [
    { head: 'Name', width: 40 },
    { head: 'Value', width: 60 },
    { head: 'Unit', width: 14 },
  ], rows.map((a) => [cell(a.name), cell(a.value), cell(a.unit)]));
}

/**
 * How each figure is computed: every explanation's tree, a row a step (its figure's id on the
 * root's row, the step indented by its depth), with its value, unit, formula and source.
 */
function explain(book: Workbook, all: readonly Explanation[]): void {
  const rows: Cell[][] = [];
  const walk = (target: string, step: Step, depth: number) => {
    const source = step.source.kind === 'derived' ? '' : sourceText(step.source);
    rows.push([cell(depth === 0 ? target : ''), cell(depth, WHOLE), cell(`${'  '.repeat(depth)}${step.label}`), cell(step.figure), cell(step.unit), cell(step.formula), cell(source)]);
    for (const child of step.children) walk(target, child, depth + 1);
  };
  for (const x of all) walk(x.target, x.root, 0);
  addSheet(book, 'Explain', [
    { head: 'Figure', width: 36 },
    { head: 'Level', width: 7 },
    { head: 'Step', width: 48 },
    { head: 'Value', width: 16 },
    { head: 'Unit', width: 18 },
    { head: 'Formula', width: 60 },
    { head: 'Source', width: 60 },
  ], rows);
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
  explain(book, data.explanations);
  return book.xlsx.writeBuffer();
}
