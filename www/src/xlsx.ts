/**
 * The XLSX workbook, built from the model's JSON export. Loaded only when someone clicks "Export
 * XLSX" (its own chunk, with the workbook writer): nothing here is part of the first load.
 *
 * A workbook finance can model with: the bill, the allocation and the customers are formulas
 * over input cells (see workbook/bill.ts), and the summary and the timeline's running totals are
 * formulas over them; a change to a quantity, a unit price, a free allowance, a driver weight, a
 * customer count or an ACV flows through every sheet. Every formula carries the model's figure
 * as its cached result, so a reader that does not recalculate shows the page's figures.
 *
 * Sheets: "Summary" (headline figures; with usage ranges the low and high figures, with a display
 * currency the converted figures, its rate and date), "Line items", "Allocation", "Customers",
 * "Timeline" (12 months), "Comparison" (with pinned scenarios), "Sizing" and "Assumptions".
 * Numbers are numeric cells: money in dollars from the model's integer cents with a currency
 * format, percents as fractions with a percent format. Names are string cells: never formulas,
 * whatever they start with.
 */
import { Workbook } from '@cj-tech-master/excelts';
import { lineName } from './components';
import type { Estimate } from './engine';
import type { Export } from './tools';
import type { Comparison, Row } from './generated/Compare';
import type { Assumption } from './generated/Export';
import type { Timeline } from './generated/Timeline';
import { type Cell, type Value, DECIMAL, MS, PERCENT, RATIO, USD, WHOLE, addSheet, cell, columns, dollars, formula, fraction, input, sheetRef } from './workbook/cells';
import { type BillCells, CUSTOMERS, allocatedCells, allocation, billCells, customers, lineItems } from './workbook/bill';

/**
 * The headline figures, formulas over the bill and the customers: the month's cost, customers,
 * cost per customer, revenue, cost as % of ACV, gross margin and what is not allocated.
 */
function summary(book: Workbook, data: Export, link: string, bill: BillCells, allocated: string): void {
  const t = data.estimate.totals;
  const c = sheetRef(CUSTOMERS);
  const n = data.estimate.customers.length + 1;
  const ratio = (text: string, pct: number | null): Cell => formula(text, fraction(pct), PERCENT);
  const rows: Cell[][] = [
    [cell('Scenario'), cell(data.scenario.name)],
    [cell('Monthly cost'), formula(bill.total, t.monthlyCostCents / 100, USD)],
    [cell('Customers'), formula(`SUM(${c}B2:B${n})`, t.customerCount, WHOLE)],
    [cell('Cost per customer / month'), formula('IF(B4>0,ROUND(B3/B4,2),"")', dollars(t.costPerCustomerCents), USD)],
    [cell('Revenue / month'), formula(`SUM(${c}H2:H${n})`, t.monthlyRevenueCents / 100, USD)],
    [cell('Cost as % of ACV'), ratio('IF(B6>0,B3/B6,"")', t.costPctOfAcv)],
    [cell('Gross margin'), ratio('IF(B6>0,(B6-B3)/B6,"")', t.grossMarginPct)],
    [cell('Unallocated / month'), formula(`B3-SUM(${allocated})`, t.unallocatedCents / 100, USD)],
    ...rangeRows(data),
  ];
  rows.push(...currencyRows(data, rows.length + 2));
  rows.push(
    [cell('Price book'), cell(`${data.priceBook.title} (${data.priceBook.id}, seen ${data.priceBook.seen})`)],
    [cell('Share link'), cell(link)],
    [cell('Inputs'), cell(INPUTS_NOTE)],
  );
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

/** What the summary says of inputs and formulas. */
const INPUTS_NOTE =
  'Blue figures on a yellow fill are inputs: change one and every sheet follows. The rest are formulas over them, or values where the model sizes the service (said beside them).';

/**
 * With a display currency, its rate (an input) and date and the converted figures, formulas
 * over the USD figures in rows 3 (cost), 5 (per customer) and 6 (revenue) rounded once to the
 * currency's minor unit, as the model rounds. `at` is the sheet row of the first row returned.
 */
function currencyRows({ estimate: { currency: c, range } }: Export, at: number): Cell[][] {
  if (!c) return [];
  const places = c.code === 'JPY' ? 0 : 2;
  const amount = (x: { minorUnits: number } | null) => (x === null ? null : x.minorUnits / 10 ** places);
  const format = `#,##0${places ? '.00' : ''} "${c.code}"`;
  const rate = `B${at + 1}`;
  const converted = (row: number, x: { minorUnits: number } | null) =>
    formula(`IF(ISNUMBER(B${row}),ROUND(B${row}*${rate},${places}),"")`, amount(x), format);
  const rows: Cell[][] = [
    [cell('Currency'), cell(c.code)],
    [cell('Exchange rate'), input(Number(c.perUsd), `0.######## "${c.code} per USD"`)],
    [cell('Rate date'), cell(c.rateDate)],
    [cell(`Monthly cost (${c.code})`), converted(3, c.monthlyCost)],
    [cell(`Cost per customer (${c.code})`), converted(5, c.costPerCustomer)],
    [cell(`Revenue / month (${c.code})`), converted(6, c.monthlyRevenue)],
  ];
  if (range && c.lowMonthlyCost && c.highMonthlyCost) {
    // The range's rows sit right after the headline's nine (rows 10 and 11).
    rows.push([cell(`Monthly cost, low (${c.code})`), converted(10, c.lowMonthlyCost)]);
    rows.push([cell(`Monthly cost, high (${c.code})`), converted(11, c.highMonthlyCost)]);
  }
  rows.push([cell('Note'), cell(c.note)]);
  return rows;
}

/** What the timeline says of its values. */
const TIMELINE_NOTE =
  "Each month's cost and revenue is the model sized and priced again for the customers live that month: values. The margins and running totals are formulas over them.";

/** The 12 months: customers live, cost, revenue and margin, each month and cumulative (formulas). */
function timeline(book: Workbook, { months }: Timeline): void {
  const rows: Cell[][] = months.map((m, i) => {
    const r = i + 2;
    const running = (c: string) => (i === 0 ? `${c === 'F' ? 'C' : 'D'}${r}` : `${c}${r - 1}+${c === 'F' ? 'C' : 'D'}${r}`);
    return [
      cell(m.month, WHOLE),
      cell(m.customersLive, WHOLE),
      cell(dollars(m.monthlyCostCents), USD),
      cell(dollars(m.monthlyRevenueCents), USD),
      formula(`IF(D${r}>0,(D${r}-C${r})/D${r},"")`, fraction(m.grossMarginPct), PERCENT),
      formula(running('F'), dollars(m.cumulativeCostCents), USD),
      formula(running('G'), dollars(m.cumulativeRevenueCents), USD),
      formula(`IF(G${r}>0,(G${r}-F${r})/G${r},"")`, fraction(m.cumulativeMarginPct), PERCENT),
    ];
  });
  const heads = columns(['Month', 7], ['Customers live', 15], ['Cost', 14], ['Revenue', 14], ['Gross margin', 13], ['Cumulative cost', 16], ['Cumulative revenue', 19], ['Cumulative margin', 18]);
  addSheet(book, 'Timeline', heads, [...rows, [], [cell(TIMELINE_NOTE)]]);
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
  const shown = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'on' : 'off') : (v as string | number));
  const rows: Cell[][] = [
    ...c.inputs.map((r) => [cell('Input'), cell(`${r.label} (${r.path})`), ...r.values.map((v) => cell(shown(v)))]),
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

/** What a workbook is made from. */
export interface Sources {
  /** The scenario's JSON export (`exportJson`): scenario, estimate, timeline, currency, comparison, assumptions and allocation weights. */
  json: string;
  /** The page's address with the scenario's share link. */
  url: string;
}

/** The workbook of a scenario as XLSX bytes. */
export async function workbook({ json, url }: Sources): Promise<Uint8Array> {
  const data = JSON.parse(json) as Export;
  const book = new Workbook();
  book.creator = 'headroom';
  const bill = billCells(data.estimate.lineItems.length);
  const allocated = allocatedCells(data.estimate.customers.length);
  summary(book, data, url, bill, allocated);
  lineItems(book, data.estimate.lineItems);
  customers(book, data, allocation(book, data), bill);
  timeline(book, data.timeline);
  if (data.comparison) comparison(book, data.comparison);
  sizing(book, data.estimate);
  assumptions(book, data.assumptions);
  return book.xlsx.writeBuffer();
}
