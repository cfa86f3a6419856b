/**
 * The live part of the workbook: the bill, the allocation and the customers, as formulas over
 * input cells (quantities, unit prices, free allowances, driver weights, customer counts and
 * ACVs), each with the model's figure as its cached result. A change to an input flows through
 * every sheet: a line's amount, the free allowances and the negotiated discount over it, the
 * totals, each cohort's share, its margin, the summary.
 *
 * Rounding is the model's: a line's amount is `ROUND(quantity × unit price, 2)` (half away from
 * zero, as the model rounds to cents), a cohort's revenue `ROUND(ACV × customers / 12, 2)`.
 * The model splits each driver's lines to whole cents by largest remainder; the sheet shows each
 * cohort's exact share and a rounding adjustment (a value, the cents largest remainder moved) so
 * the parts add up to the total exactly as exported.
 */
import type { Workbook } from '@cj-tech-master/excelts';
import type { Export } from '../generated/Export';
import type { Driver, LineItem } from '../generated/Estimate';
import { outputs } from '../engine';
import { productName } from '../components';
import { type Cell, USD, UNIT_PRICE, QUANTITY, PERCENT, SHARE, WHOLE, addSheet, cell, col, columns, dollars, formula, input, labelOf, sheetRef } from './cells';

export const LINES = 'Line items';
export const ALLOCATION = 'Allocation';
export const CUSTOMERS = 'Customers';

/** The drivers in the model's order (`allocationWeights`' columns), with the workbook's names. */
const DRIVERS: readonly [Driver, string][] = [
  ['requests', 'Requests'],
  ['reads', 'Firestore reads'],
  ['writes', 'Firestore writes'],
  ['deletes', 'Firestore deletes'],
  ['storage', 'Stored data'],
  ['egress', 'Egress'],
];
const DRIVER_NAME = new Map(DRIVERS);
/** The negotiated discount's "driver": it follows the rest of each cohort's share. */
const NEGOTIATED = 'Share of the rest';

/** What the customers sheet's rounding adjustment is. */
const ADJUSTMENT_NOTE =
  "Rounding adjustment: the model splits each driver's lines to whole cents by largest remainder, so the cohorts' costs add up to the month's total exactly; the column holds the cents that moved (values: they do not follow edits).";

/** Half away from zero to `places` decimals, as the model and the spreadsheet's ROUND round. */
const round = (x: number, places: number) => {
  const f = 10 ** places;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
};

/** Where the bill's figures are: the amounts' range and the total's cell, on the line items sheet. */
export interface BillCells {
  /** `'Line items'!F2:F<n>` */
  amounts: string;
  /** `'Line items'!F<n+1>`, the month's total. */
  total: string;
}

/** Where the bill's amounts and total are, for `n` lines. */
export function billCells(n: number): BillCells {
  const ref = sheetRef(LINES);
  return { amounts: `${ref}F2:F${n + 1}`, total: `${ref}F${n + 2}` };
}

/** The customers sheet's allocated costs, for `n` cohorts. */
export const allocatedCells = (n: number) => `${sheetRef(CUSTOMERS)}E2:E${n + 1}`;

/** Row of line `i` on the line items sheet. */
const rowOf = (i: number) => i + 2;

/** Line `i`'s quantity, unit price and allowance cells: inputs, or formulas over the lines it follows. */
function lineCells(line: LineItem, i: number): [Cell, Cell, Cell, string] {
  const r = rowOf(i);
  const b = line.basis;
  if (b.kind === 'free') {
    const [from, to] = [rowOf(b.from), rowOf(b.to) - 1];
    const used = from === to ? `C${from}` : `SUM(C${from}:C${to})`;
    const rows = from === to ? `row ${from}` : `rows ${from}-${to}`;
    return [
      formula(`MIN(${used},H${r})`, line.quantity, QUANTITY),
      formula(`-E${from}`, line.unitPriceUsd, UNIT_PRICE),
      input(b.allowance, QUANTITY),
      `Free allowance: the smaller of ${rows}' quantity and the allowance, at minus their price`,
    ];
  }
  if (b.kind === 'negotiated') {
    return [
      formula(i === 0 ? '0' : `SUM(F2:F${r - 1})`, line.quantity, QUANTITY),
      input(line.unitPriceUsd, UNIT_PRICE),
      cell(null),
      'Every line above, added up, at minus the discount',
    ];
  }
  const note = line.component === 'discount' ? 'From the hour-by-hour Cloud Run spend: a value' : '';
  return [input(line.quantity, QUANTITY), input(line.unitPriceUsd, UNIT_PRICE), cell(null), note];
}

/** The bill: one row per line, amount = ROUND(quantity × unit price, 2), and the total. */
export function lineItems(book: Workbook, lines: readonly LineItem[]): void {
  const rows = lines.map((l, i) => {
    const [quantity, price, allowance, note] = lineCells(l, i);
    const r = rowOf(i);
    const driver = l.basis.kind === 'negotiated' ? NEGOTIATED : DRIVER_NAME.get(l.driver) ?? l.driver;
    return [
      cell(productName(l.component)),
      cell(l.label),
      quantity,
      cell(l.unit),
      price,
      formula(`ROUND(C${r}*E${r},2)`, l.amountCents / 100, USD),
      cell(driver),
      allowance,
      cell(note),
    ];
  });
  const last = rowOf(lines.length - 1);
  const total = lines.reduce((s, l) => s + l.amountCents, 0) / 100;
  const blank = cell(null);
  rows.push([cell('Total per month'), blank, blank, blank, blank, formula(`SUM(F2:F${last})`, total, USD), blank, blank, blank]);
  const { bill } = outputs();
  const label = (id: string) => labelOf(bill, id);
  const heads = columns([label('component'), 18], [label('label'), 44], [label('quantity'), 18], [label('unit'), 18], [label('unitPriceUsd'), 14], [label('amountCents'), 14], ['Cost driver', 18], ['Free allowance', 16], ['How it is computed', 60]);
  const sheet = addSheet(book, LINES, heads, rows);
  sheet.getRow(rows.length + 1).font = { bold: true };
}

/**
 * Each cohort's exact share of the month: for each driver, its weight over the weights added up
 * times the amounts of the lines that driver drives; then the negotiated discount in proportion
 * to that. Columns: A the cohort, B-G the drivers' weights (inputs), H its cost by its drivers,
 * I its part of the negotiated discount, J its exact cost. Row 2 holds the lines' amounts by
 * driver (H their sum, I the negotiated discount, J the month's total), row 3 the weights added
 * up, a cohort a row from row 4. Returns each cohort's exact cost (column J's results), dollars.
 */
export function allocation(book: Workbook, data: Export): number[] {
  const lines = data.estimate.lineItems;
  const weights = data.allocationWeights;
  const [first, last] = [4, 3 + weights.length];
  const ref = sheetRef(LINES);
  const driverOf = (l: LineItem) => (l.basis.kind === 'negotiated' ? NEGOTIATED : DRIVER_NAME.get(l.driver));
  const amountOf = (name: string) => lines.reduce((s, l) => s + (driverOf(l) === name ? l.amountCents : 0), 0) / 100;
  const totals = DRIVERS.map(([, name]) => amountOf(name));
  const negotiated = amountOf(NEGOTIATED);
  const sums = DRIVERS.map((_, d) => weights.reduce((s, w) => s + w[d]!, 0));
  const byDrivers = weights.map((w) => w.reduce((s, x, d) => s + (sums[d]! > 0 ? (x / sums[d]!) * totals[d]! : 0), 0));
  const before = byDrivers.reduce((s, x) => s + x, 0);
  const parts = byDrivers.map((x) => (before === 0 ? 0 : (negotiated * x) / before));
  const exact = byDrivers.map((x, i) => x + parts[i]!);
  const sumif = (name: string) => `SUMIF(${ref}$G:$G,"${name}",${ref}$F:$F)`;
  const driverSum = totals.reduce((s, x) => s + x, 0);
  const hs = `SUM(H$${first}:H$${last})`;
  const rows: Cell[][] = [
    [
      cell("Lines' amounts"),
      ...DRIVERS.map(([, name], d) => formula(sumif(name), totals[d]!, USD)),
      formula('SUM(B2:G2)', driverSum, USD),
      formula(sumif(NEGOTIATED), negotiated, USD),
      formula('H2+I2', driverSum + negotiated, USD),
    ],
    [cell('Weights added up'), ...DRIVERS.map((_, d) => formula(`SUM(${col(1 + d)}${first}:${col(1 + d)}${last})`, sums[d]!, QUANTITY))],
    ...weights.map((w, i) => {
      const r = first + i;
      return [
        cell(data.estimate.customers[i]?.name ?? ''),
        ...w.map((x) => input(x, QUANTITY)),
        formula(`IFERROR(SUMPRODUCT(B${r}:G${r}/B$3:G$3,B$2:G$2),0)`, byDrivers[i]!, USD),
        formula(`IF(${hs}=0,0,$I$2*H${r}/${hs})`, parts[i]!, USD),
        formula(`H${r}+I${r}`, exact[i]!, USD),
      ];
    }),
  ];
  addSheet(book, ALLOCATION, [
    { head: 'Cohort', width: 30 },
    ...DRIVERS.map(([, name]) => ({ head: `${name} weight`, width: 16 })),
    { head: 'By its drivers', width: 15 },
    { head: 'Negotiated discount', width: 18 },
    { head: 'Exact cost', width: 14 },
  ], rows);
  return exact;
}

/**
 * Each cohort's allocated cost, % of ACV and margin: its share of the month (exact cost over the
 * total), its allocated cost (the exact cost to the cent plus the rounding adjustment), and the
 * figures built on it. Customers and ACV are inputs. Returns the allocated costs' range.
 */
export function customers(book: Workbook, data: Export, exact: readonly number[], bill: BillCells): void {
  const alloc = sheetRef(ALLOCATION);
  const rows = data.estimate.customers.map((c, i) => {
    const r = i + 2;
    const allocated = c.allocatedMonthlyCents / 100;
    const adjustment = round(allocated - round(exact[i]!, 2), 2);
    const total = data.estimate.totals.monthlyCostCents / 100;
    return [
      cell(c.name),
      input(c.count, WHOLE),
      input(c.acvUsd, USD),
      formula(`IF(${bill.total}=0,0,${alloc}J${i + 4}/${bill.total})`, total === 0 ? 0 : exact[i]! / total, SHARE),
      formula(`ROUND(${alloc}J${i + 4},2)+F${r}`, allocated, USD),
      cell(adjustment, USD),
      formula(`IF(B${r}>0,ROUND(E${r}/B${r},2),"")`, dollars(c.perCustomerMonthlyCents), USD),
      formula(`ROUND(C${r}*B${r}/12,2)`, c.monthlyRevenueCents / 100, USD),
      formula(`IF(H${r}>0,E${r}/H${r},"")`, c.costPctOfAcv === null ? null : c.costPctOfAcv / 100, PERCENT),
      formula(`IF(H${r}>0,(H${r}-E${r})/H${r},"")`, c.grossMarginPct === null ? null : c.grossMarginPct / 100, PERCENT),
    ];
  });
  const label = (id: string) => labelOf(outputs().customers, id);
  const heads = columns([label('name'), 32], [label('count'), 11], [label('acvUsd'), 17], ['Share of cost', 14], [label('allocatedMonthlyCents'), 17], ['Rounding adjustment', 20], [label('perCustomerMonthlyCents'), 20], [label('monthlyRevenueCents'), 16], [label('costPctOfAcv'), 10], [label('grossMarginPct'), 13]);
  addSheet(book, CUSTOMERS, heads, [...rows, [], [cell(ADJUSTMENT_NOTE)]]);
}
