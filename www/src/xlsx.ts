/**
 * The XLSX workbook, built from the model's JSON export. Loaded only when someone clicks "Export
 * XLSX" (its own chunk, with the workbook writer): nothing here is part of the first load.
 *
 * A workbook finance can model with: the bill, the allocation and the customers are formulas
 * over input cells (see workbook/bill.ts), and the summary, the converted figures and the
 * timeline's running totals are formulas over them; a change to a quantity, a unit price, a free
 * allowance, a driver weight, a customer count, an ACV or the exchange rate flows through every
 * sheet. Every formula carries the model's figure as its cached result, so a reader that does
 * not recalculate shows the page's figures. Labels and number formats come from the model's
 * output rows (`outputs()`).
 *
 * Sheets: "Summary" (headline figures; with usage ranges the low and high figures, with a display
 * currency the converted figures, its rate and date), "Line items", "Allocation", "Customers",
 * "Timeline" (12 months and the payback month), "Comparison" (with pinned scenarios), "Sizing",
 * "Deal" (with a prospect) and "Assumptions". Money is in dollars from the model's integer cents
 * with a currency format, percents are fractions with a percent format. Names are string cells:
 * never formulas, whatever they start with.
 */
import { Workbook } from '@cj-tech-master/excelts';
import { lineName, outputOf } from './components';
import { outputs, type Estimate, type Output } from './engine';
import { valueAt, words } from './format';
import type { Export } from './tools';
import type { Comparison, Row } from './generated/Compare';
import type { Assumption } from './generated/Export';
import type { Explanation, Node as Step } from './generated/Explain';
import type { Timeline } from './generated/Timeline';
import { sourceText } from './explain/text';
import { type Cell, type Value, DECIMAL, MS, PERCENT, RATIO, UNIT_PRICE, USD, WHOLE, addSheet, cell, columns, dollars, formula, fraction, input, labelOf } from './workbook/cells';
import { type BillCells, CUSTOMERS, allocatedCells, allocation, billCells, customers, lineItems } from './workbook/bill';

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

/** With usage ranges, the low and high scenarios' totals (each evaluated in full). */
function rangeRows({ estimate: { range } }: Export, totals: readonly Output[]): Cell[][] {
  if (!range) return [];
  return (['low', 'high'] as const).flatMap((end) =>
    totals.map((row) => [cell(`${row.label}, ${end}`), cell(valueOf(row, valueAt(range[end], row.id.slice('totals.'.length))), formatOf(row))]),
  );
}

/**
 * The headline figures, formulas over the bill and the customers: the month's cost, customers,
 * cost per customer, revenue, cost as % of ACV, gross margin and what is not allocated (rows 3
 * to 9), each labelled by its totals row.
 */
function summary(book: Workbook, data: Export, link: string, bill: BillCells, allocated: string): void {
  const t = data.estimate.totals;
  const c = `'${CUSTOMERS}'!`;
  const n = data.estimate.customers.length + 1;
  const totals = outputs().totals;
  const label = (id: string) => cell(labelOf(totals, `totals.${id}`));
  const ratio = (text: string, pct: number | null): Cell => formula(text, fraction(pct), PERCENT);
  const rows: Cell[][] = [
    [cell('Scenario'), cell(data.scenario.name)],
    [label('monthlyCostCents'), formula(bill.total, t.monthlyCostCents / 100, USD)],
    [label('customerCount'), formula(`SUM(${c}B2:B${n})`, t.customerCount, WHOLE)],
    [label('costPerCustomerCents'), formula('IF(B4>0,ROUND(B3/B4,2),"")', dollars(t.costPerCustomerCents), USD)],
    [label('monthlyRevenueCents'), formula(`SUM(${c}H2:H${n})`, t.monthlyRevenueCents / 100, USD)],
    [label('costPctOfAcv'), ratio('IF(B6>0,B3/B6,"")', t.costPctOfAcv)],
    [label('grossMarginPct'), ratio('IF(B6>0,(B6-B3)/B6,"")', t.grossMarginPct)],
    [label('unallocatedCents'), formula(`B3-SUM(${allocated})`, t.unallocatedCents / 100, USD)],
  ];
  rows.push(...rangeRows(data, totals));
  // The range's monthly cost, low and high, when there is one: the first of each block.
  const low = rows.length > 8 ? { low: 10, high: 10 + totals.length } : undefined;
  rows.push(...currencyRows(data, totals, rows.length + 2, low));
  rows.push(
    [cell('Price book'), cell(`${data.priceBook.title} (${data.priceBook.id}, seen ${data.priceBook.seen})`)],
    [cell('Share link'), cell(link)],
    [cell('Inputs'), cell(INPUTS_NOTE)],
  );
  addSheet(book, 'Summary', [{ head: 'Figure', width: 28 }, { head: 'Value', width: 60 }], rows);
}

/** What the summary says of inputs and formulas. */
const INPUTS_NOTE =
  'Blue figures on a yellow fill are inputs: change one and every sheet follows. The rest are formulas over them, or values where the model sizes the service (said beside them).';

/**
 * With a display currency, its rate (an input) and date and the converted figures: formulas over
 * the USD figures in rows 3 (cost), 5 (per customer) and 6 (revenue), and the range's monthly
 * cost (rows `range.low` and `range.high`), rounded once to the currency's minor unit as the
 * model rounds. `at` is the sheet row of the first row returned.
 */
function currencyRows(data: Export, totals: readonly Output[], at: number, range?: { low: number; high: number }): Cell[][] {
  const c = data.estimate.currency;
  if (!c) return [];
  const places = c.decimals;
  const amount = (x: { minorUnits: number } | null) => (x === null ? null : x.minorUnits / 10 ** places);
  const format = `#,##0${places > 0 ? `.${'0'.repeat(places)}` : ''} "${c.code}"`;
  const rate = `B${at + 1}`;
  const converted = (row: number, x: { minorUnits: number } | null) =>
    formula(`IF(ISNUMBER(B${row}),ROUND(B${row}*${rate},${places}),"")`, amount(x), format);
  const label = (id: string) => `${labelOf(totals, `totals.${id}`)} (${c.code})`;
  const rows: Cell[][] = [
    [cell('Currency'), cell(c.code)],
    [cell('Exchange rate'), input(Number(c.perUsd), `0.######## "${c.code} per USD"`)],
    [cell('Rate date'), cell(c.rateDate)],
    [cell(label('monthlyCostCents')), converted(3, c.monthlyCost)],
    [cell(label('costPerCustomerCents')), converted(5, c.costPerCustomer)],
    [cell(label('monthlyRevenueCents')), converted(6, c.monthlyRevenue)],
  ];
  if (range && c.lowMonthlyCost && c.highMonthlyCost) {
    const cost = labelOf(totals, 'totals.monthlyCostCents');
    rows.push([cell(`${cost}, low (${c.code})`), converted(range.low, c.lowMonthlyCost)]);
    rows.push([cell(`${cost}, high (${c.code})`), converted(range.high, c.highMonthlyCost)]);
  }
  rows.push([cell('Note'), cell(c.note)]);
  return rows;
}

/** What the timeline says of its values. */
const TIMELINE_NOTE =
  "Each month's cost and revenue is the model sized and priced again for the customers live that month: values. The margins and running totals are formulas over them.";

/** The 12 months: customers live, cost, revenue and margin, each month and cumulative (formulas); then the payback month. */
function timeline(book: Workbook, t: Timeline): void {
  const { timeline: cols, timelineSummary } = outputs();
  const rows: Cell[][] = t.months.map((m, i) => {
    const r = i + 2;
    const running = (c: 'F' | 'G') => {
      const own = c === 'F' ? 'C' : 'D';
      return i === 0 ? `${own}${r}` : `${c}${r - 1}+${own}${r}`;
    };
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
  for (const row of timelineSummary) rows.push([cell(row.label), cell(valueOf(row, valueAt(t, row.id)))]);
  const ids = ['month', 'customersLive', 'monthlyCostCents', 'monthlyRevenueCents', 'grossMarginPct', 'cumulativeCostCents', 'cumulativeRevenueCents', 'cumulativeMarginPct'];
  const heads = columns(...ids.map((id) => [labelOf(cols, id), Math.max(labelOf(cols, id).length + 2, 10)] as const));
  addSheet(book, 'Timeline', heads, [...rows, [], [cell(TIMELINE_NOTE)]]);
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
    ...c.inputs.map((r) => [cell('Input'), cell(r.name), ...r.values.map((v) => cell(input(v)))]),
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

/** Names of the deal's bases, as the CSV export writes them. */
const DEAL_RULES = { equal: 'Equal share', byUsage: 'Share by usage', byAcv: 'Share by ACV' } as const;

/**
 * The "Deal" sheet: the prospect and what it is priced with, then a row per basis (incremental
 * and each rule's share, "yes" on the scenario's own rule) with the margin and the lowest ACV for
 * the target ("any" where any ACV keeps it).
 */
function deal(book: Workbook, d: NonNullable<Export['deal']>): void {
  const p = d.profile;
  const facts: [string, Cell, string][] = [
    ['Prospect', cell(d.name), ''],
    ['ACV', cell(d.acvUsd, USD), 'a year'],
    ['Monthly revenue', cell(dollars(d.monthlyRevenueCents), USD), ''],
    ['Target margin', cell(fraction(d.targetMarginPct), PERCENT), ''],
    ['In the scenario', cell(d.inScenario ? 'yes' : 'no'), ''],
    ['Peak QPS', cell(p.peakQps, DECIMAL), 'requests/s'],
    ['Mean QPS', cell(p.avgQps, DECIMAL), 'requests/s'],
    ['Egress', cell(p.egressGbPerMonth, DECIMAL), 'GB/month'],
    ['Stored', cell(p.storedGb, DECIMAL), 'GB'],
  ];
  const lowest = (usd: number | null) => (usd === null ? cell('any') : cell(usd, USD));
  const bases: Cell[][] = [
    [cell('Incremental'), cell(dollars(d.incrementalMonthlyCents), USD), cell(fraction(d.incrementalMarginPct), PERCENT), lowest(d.minAcvIncrementalUsd), cell('')],
    ...d.allocated.map((r) => [
      cell(DEAL_RULES[r.rule]),
      cell(dollars(r.allocatedMonthlyCents), USD),
      cell(fraction(r.grossMarginPct), PERCENT),
      lowest(r.minAcvUsd),
      cell(r.rule === d.headlineRule ? 'yes' : ''),
    ]),
  ];
  const sheet = addSheet(book, 'Deal', [
    { head: 'Name', width: 26 },
    { head: 'Value', width: 18 },
    { head: 'Unit', width: 14 },
    { head: '', width: 16 },
    { head: '', width: 16 },
  ], [
    ...facts.map(([name, value, unit]) => [cell(name), value, cell(unit)]),
    [],
    [cell('Basis'), cell('Cost a month'), cell('Gross margin'), cell('Lowest ACV'), cell("Scenario's rule")],
    ...bases,
  ]);
  // The bases' own header row, bold as the sheet's: after the facts, a blank row and the header row.
  sheet.getRow(facts.length + 3).font = { bold: true };
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
  const heads = columns(['Figure', 36], ['Level', 7], ['Step', 48], ['Value', 16], ['Unit', 18], ['Formula', 60], ['Source', 60]);
  addSheet(book, 'Explain', heads, rows);
}

/** What a workbook is made from. */
export interface Sources {
  /** The scenario's JSON export (`exportJson`): scenario, estimate, timeline, currency, comparison, deal, assumptions and allocation weights. */
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
  summary(book, data, url, bill, allocatedCells(data.estimate.customers.length));
  lineItems(book, data.estimate.lineItems);
  customers(book, data, allocation(book, data), bill);
  timeline(book, data.timeline);
  if (data.comparison) comparison(book, data.comparison);
  sizing(book, data.estimate);
  if (data.deal) deal(book, data.deal);
  assumptions(book, data.assumptions);
  explain(book, data.explanations);
  return book.xlsx.writeBuffer();
}
